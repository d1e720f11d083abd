import { expect } from "chai";
import { network } from "hardhat";

const { ethers, networkHelpers, networkName } = await network.create();

const DAY = 86_400n;

/** Reference entitlement: floor(shares * amount / denominator), in BigInt. */
function referenceEntitlement(shares: bigint, amount: bigint, denominator: bigint): bigint {
  return (shares * amount) / denominator;
}

/** A small deterministic PRNG (xorshift64*) so the differential test is reproducible. */
function prng(seed: bigint) {
  let state = seed;
  return (bits: bigint): bigint => {
    let out = 0n;
    for (let produced = 0n; produced < bits; produced += 32n) {
      state ^= state >> 12n;
      state ^= (state << 25n) & 0xffffffffffffffffn;
      state ^= state >> 27n;
      state &= 0xffffffffffffffffn;
      out = (out << 32n) | (((state * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn) >> 32n);
    }
    return out & ((1n << bits) - 1n);
  };
}

async function deployDistributor() {
  const [admin, issuer, taxAdmin, taxWallet, alice, bob, carol, treasury, operator] = await ethers.getSigners();
  const distributor = await ethers.deployContract("DividendDistributor", [admin.address, 3n * DAY]);
  const token = await ethers.deployContract("DividendsMockToken");
  const usdc = await ethers.deployContract("DividendsMockPayout", [6]);
  await distributor.grantRole(await distributor.DISTRIBUTOR_ROLE(), issuer.address);
  await distributor.grantRole(await distributor.TAX_ADMIN_ROLE(), taxAdmin.address);
  await distributor.connect(taxAdmin).setTaxWallet(taxWallet.address);

  await token.mint(alice.address, ethers.parseEther("100"));
  await token.mint(bob.address, ethers.parseEther("200"));
  await token.mint(carol.address, ethers.parseEther("700"));
  await token.mint(treasury.address, ethers.parseEther("1000"));
  await usdc.mint(issuer.address, 10_000_000n * 10n ** 6n);
  await usdc.connect(issuer).approve(await distributor.getAddress(), ethers.MaxUint256);
  const recordDate = BigInt(await networkHelpers.time.latest());
  await networkHelpers.time.increase(DAY);
  return {
    distributor,
    token,
    usdc,
    admin,
    issuer,
    taxAdmin,
    taxWallet,
    alice,
    bob,
    carol,
    treasury,
    operator,
    recordDate,
  };
}

describe(`DividendDistributor on ${networkName}`, function () {
  it("pays pro rata at the record date, with withholding tax, pushed settlement and reclaim", async function () {
    const f = await networkHelpers.loadFixture(deployDistributor);
    const { distributor, token, usdc, issuer, alice, bob, carol, treasury, operator, taxWallet, recordDate } = f;
    const deadline = recordDate + 31n * DAY;
    const amount = 1_000n * 10n ** 6n;

    await expect(
      distributor.connect(issuer).createDistribution(token, usdc, amount, recordDate, deadline, [treasury.address]),
    )
      .to.emit(distributor, "DistributionCreated")
      .withArgs(
        1n,
        await token.getAddress(),
        await usdc.getAddress(),
        issuer.address,
        amount,
        recordDate,
        deadline,
        ethers.parseEther("2000"),
        ethers.parseEther("1000"),
        ethers.parseEther("1000"),
        [treasury.address],
      );

    // Moving tokens after the record date moves nothing.
    await token.connect(carol).transfer(alice.address, ethers.parseEther("700"));
    expect(await distributor.entitlementOf(1n, alice.address)).to.equal(100n * 10n ** 6n);
    expect(await distributor.entitlementOf(1n, carol.address)).to.equal(700n * 10n ** 6n);

    await distributor.connect(f.taxAdmin).setWithholdingRate(bob.address, 1540);
    await expect(distributor.connect(bob).claim(1n))
      .to.emit(distributor, "Claimed")
      .withArgs(
        1n,
        bob.address,
        bob.address,
        bob.address,
        ethers.parseEther("200"),
        200_000_000n,
        30_800_000n,
        169_200_000n,
        1540,
        taxWallet.address,
      );
    await expect(distributor.connect(bob).claim(1n))
      .to.be.revertedWithCustomError(distributor, "DividendAlreadyClaimed")
      .withArgs(1n, bob.address);

    // The operator pushes to everyone; bob is skipped, the treasury is excluded, nobody pays the operator.
    await expect(
      distributor.connect(operator).claimFor(1n, [alice.address, bob.address, carol.address, treasury.address]),
    ).to.changeTokenBalances(ethers, usdc, [alice, carol, operator], [100_000_000n, 700_000_000n, 0n]);

    await expect(distributor.connect(issuer).reclaim(1n))
      .to.be.revertedWithCustomError(distributor, "DividendClaimPeriodOpen")
      .withArgs(1n, deadline);
    await networkHelpers.time.increaseTo(deadline + 1n);
    await expect(distributor.connect(issuer).reclaim(1n))
      .to.emit(distributor, "Reclaimed")
      .withArgs(1n, issuer.address, 0n);
  });

  it("holds a frozen holder's share through the deadline and pays it once unfrozen", async function () {
    const { distributor, token, usdc, issuer, bob, operator, recordDate } =
      await networkHelpers.loadFixture(deployDistributor);
    await distributor
      .connect(issuer)
      .createDistribution(token, usdc, 2_000n * 10n ** 6n, recordDate, recordDate + 10n * DAY, []);
    await token.setFrozen(bob.address, true);
    await expect(distributor.connect(bob).claim(1n))
      .to.be.revertedWithCustomError(distributor, "DividendHolderFrozen")
      .withArgs(1n, bob.address);
    await expect(distributor.connect(operator).claimFor(1n, [bob.address]))
      .to.emit(distributor, "EntitlementHeld")
      .withArgs(1n, bob.address, ethers.parseEther("200"), 200_000_000n);
    await networkHelpers.time.increaseTo(recordDate + 11n * DAY);
    await distributor.connect(issuer).reclaim(1n);
    await token.setFrozen(bob.address, false);
    await expect(distributor.connect(operator).releaseHeld(1n, bob.address)).to.changeTokenBalance(
      ethers,
      usdc,
      bob,
      200_000_000n,
    );
  });

  it("refuses bad input with typed errors and changes nothing", async function () {
    const { distributor, token, usdc, issuer, alice, recordDate } = await networkHelpers.loadFixture(deployDistributor);
    const now = BigInt(await networkHelpers.time.latest());
    const deadline = now + 10n * DAY;
    await expect(
      distributor.connect(issuer).createDistribution(token, usdc, 0n, recordDate, deadline, []),
    ).to.be.revertedWithCustomError(distributor, "DividendZeroAmount");
    await expect(
      distributor.connect(issuer).createDistribution(token, usdc, 1n, now + 100n, deadline, []),
    ).to.be.revertedWithCustomError(distributor, "DividendRecordDateNotPast");
    await expect(
      distributor.connect(issuer).createDistribution(token, usdc, 1n, recordDate, now - 1n, []),
    ).to.be.revertedWithCustomError(distributor, "DividendDeadlineNotFuture");
    await expect(distributor.connect(alice).createDistribution(token, usdc, 1n, recordDate, deadline, []))
      .to.be.revertedWithCustomError(distributor, "AccessControlUnauthorizedAccount")
      .withArgs(alice.address, await distributor.DISTRIBUTOR_ROLE());
    await expect(distributor.connect(alice).claim(1n))
      .to.be.revertedWithCustomError(distributor, "DividendUnknownDistribution")
      .withArgs(1n);
    expect(await distributor.distributionCount()).to.equal(0n);
    expect(await usdc.balanceOf(await distributor.getAddress())).to.equal(0n);
  });

  it("matches a BigInt reference for random balances, amounts, decimals and exclusions", async function () {
    const [admin] = await ethers.getSigners();
    const distributor = await ethers.deployContract("DividendDistributor", [admin.address, 0n]);
    await distributor.grantRole(await distributor.DISTRIBUTOR_ROLE(), admin.address);
    const random = prng(0x5707d1d5n + BigInt(networkName.length));
    const wallets = Array.from({ length: 12 }, (_, i) =>
      ethers.getAddress(`0x${(0xd1000 + i).toString(16).padStart(40, "0")}`),
    );

    for (let round = 0; round < 6; round++) {
      const decimals = round % 2 === 0 ? 6 : 18;
      const token = await ethers.deployContract("DividendsMockToken");
      const payout = await ethers.deployContract("DividendsMockPayout", [decimals]);
      const balances = wallets.map(() => random(BigInt(24 + round * 20))); // eligible supply < 12 * 2^124 < 2^128
      for (let i = 0; i < wallets.length; i++) if (balances[i] > 0n) await token.mint(wallets[i], balances[i]);
      const excluded = wallets.filter((_, i) => random(3n) === 0n && i !== 0);
      const amount = 1n + random(decimals === 6 ? 64n : 95n); // up to the 2^96 - 1 cap
      await payout.mint(admin.address, amount);
      await payout.approve(await distributor.getAddress(), amount);
      const recordDate = BigInt(await networkHelpers.time.latest());
      await networkHelpers.time.increase(1);
      await distributor.createDistribution(token, payout, amount, recordDate, recordDate + DAY, excluded);
      const id = await distributor.distributionCount();

      const total = balances.reduce((a, b) => a + b, 0n);
      const excludedSupply = wallets.reduce((acc, w, i) => (excluded.includes(w) ? acc + balances[i] : acc), 0n);
      const denominator = total - excludedSupply;
      expect((await distributor.distribution(id)).denominator).to.equal(denominator);
      let sum = 0n;
      for (let i = 0; i < wallets.length; i++) {
        const expected = excluded.includes(wallets[i]) ? 0n : referenceEntitlement(balances[i], amount, denominator);
        expect(await distributor.entitlementOf(id, wallets[i])).to.equal(expected, `round ${round} holder ${i}`);
        sum += expected;
      }
      expect(sum <= amount).to.equal(true);
      expect(amount - sum < BigInt(wallets.length)).to.equal(true);
    }
  });
});
