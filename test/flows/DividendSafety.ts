/**
 * Issue 14 (cases 3 and 11) through the real SecurityToken and IdentityRegistry: one holder (a blacklisted wallet, a
 * blacklisted tax wallet, an undone wallet recovery) never blocks a pushed settlement, held shares never go back to
 * the issuer, and a blacklisted creator never locks the remainder.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { UNIT, deployTokenSuite } from "../token/helpers.js";

const { ethers, networkHelpers, networkName } = await network.create();

const DAY = 86_400n;
const USDC = 10n ** 6n;
/** IDividendDistributor.SkipReason */
const SKIP = { recordUnavailable: 0, recipientUnresolved: 1, taxWalletUnset: 2, payoutFailed: 3 } as const;

async function deployDividendSafety() {
  const suite = await deployTokenSuite(ethers);
  const { token, admin, agent, recorder, alice, bob, carol } = suite;
  const [, , , , , , , , , , , , , issuer, operator, treasury, taxWallet] = await ethers.getSigners();
  const distributor = await ethers.deployContract("DividendDistributor", [admin.address, 0n]);
  await distributor.grantRole(await distributor.DISTRIBUTOR_ROLE(), issuer.address);
  await distributor.grantRole(await distributor.TAX_ADMIN_ROLE(), admin.address);
  await distributor.setTaxWallet(taxWallet.address);
  const usdc = await ethers.deployContract("DividendsMockBlacklistPayout");

  await token.connect(agent).mint(alice.address, 100n * UNIT);
  await token.connect(agent).mint(bob.address, 200n * UNIT);
  await token.connect(agent).mint(carol.address, 700n * UNIT);
  const recordDate = BigInt(await networkHelpers.time.latest()) + 60n;
  await token.connect(recorder).scheduleRecordDate(recordDate);
  await networkHelpers.time.increaseTo(recordDate + 1n);

  await usdc.mint(issuer.address, 1_000n * USDC);
  await usdc.connect(issuer).approve(await distributor.getAddress(), 1_000n * USDC);
  const deadline = recordDate + 30n * DAY;
  await distributor
    .connect(issuer)
    .createDistribution(await token.getAddress(), await usdc.getAddress(), 1_000n * USDC, recordDate, deadline, []);
  return { ...suite, distributor, usdc, issuer, operator, treasury, taxWallet, deadline };
}

describe(`Dividend money safety with the real SecurityToken on ${networkName}`, function () {
  it("a blacklisted holder, tax wallet or creator never locks anybody else's money", async function () {
    const { distributor, usdc, admin, issuer, operator, treasury, taxWallet, alice, bob, carol, deadline } =
      await networkHelpers.loadFixture(deployDividendSafety);
    await distributor.setWithholdingRate(carol.address, 1540);
    await usdc.setBlacklisted(bob.address, true);
    await usdc.setBlacklisted(taxWallet.address, true);
    await usdc.setBlacklisted(issuer.address, true);

    const holders = [alice.address, bob.address, carol.address];
    await expect(distributor.connect(operator).claimFor(1n, holders))
      .to.emit(distributor, "ClaimSkipped")
      .withArgs(1n, bob.address, SKIP.payoutFailed, 200n * USDC)
      .and.to.emit(distributor, "ClaimSkipped")
      .withArgs(1n, carol.address, SKIP.payoutFailed, 700n * USDC)
      .and.to.emit(distributor, "Claimed");
    expect(await usdc.balanceOf(alice.address)).to.equal(100n * USDC);
    expect(await distributor.heldFor(1n, bob.address)).to.equal(200n * USDC);
    expect(await distributor.heldFor(1n, carol.address)).to.equal(700n * USDC);

    // Only the admin names where remainders go; the admin may reclaim for a creator whose wallet is blocked.
    await expect(distributor.connect(issuer).setRemainderRecipient(issuer.address))
      .to.be.revertedWithCustomError(distributor, "AccessControlUnauthorizedAccount")
      .withArgs(issuer.address, await distributor.DEFAULT_ADMIN_ROLE());
    await expect(distributor.setRemainderRecipient(treasury.address))
      .to.emit(distributor, "RemainderRecipientSet")
      .withArgs(treasury.address);
    await networkHelpers.time.increaseTo(deadline + 1n);
    await expect(distributor.connect(admin).reclaim(1n))
      .to.emit(distributor, "Reclaimed")
      .withArgs(1n, issuer.address, 0n); // held shares are not remainder
    expect((await distributor.distribution(1n)).held).to.equal(900n * USDC);

    // Held shares are paid once the cause is gone, whoever asks.
    await expect(distributor.connect(operator).releaseHeld(1n, bob.address))
      .to.be.revertedWithCustomError(usdc, "DividendsMockBlacklisted")
      .withArgs(bob.address);
    await usdc.setBlacklisted(bob.address, false);
    await usdc.setBlacklisted(taxWallet.address, false);
    await distributor.connect(operator).releaseHeld(1n, bob.address);
    await distributor.connect(operator).releaseHeld(1n, carol.address);
    expect(await usdc.balanceOf(bob.address)).to.equal(200n * USDC);
    expect(await usdc.balanceOf(carol.address)).to.equal(592_200_000n);
    expect(await usdc.balanceOf(taxWallet.address)).to.equal(107_800_000n);
    expect(await usdc.balanceOf(await distributor.getAddress())).to.equal(0n);
  });

  it("an undone wallet recovery never blocks a batch nor loses the holder's share", async function () {
    const { distributor, token, usdc, agent, issuer, operator, alice, alice2, bob, carol, deadline } =
      await networkHelpers.loadFixture(deployDividendSafety);
    await token.connect(agent).recoverWallet(alice.address, alice2.address);
    await token.connect(agent).recoverWallet(alice2.address, alice.address);

    await distributor.connect(operator).claimFor(1n, [alice.address, bob.address, carol.address]);
    expect(await usdc.balanceOf(bob.address)).to.equal(200n * USDC);
    expect(await usdc.balanceOf(carol.address)).to.equal(700n * USDC);
    expect(await distributor.isClaimed(1n, alice.address)).to.equal(true);
    // Held while the token reports a cycle; paid to alice's wallet once the token forbids cycles.
    const held = await distributor.heldFor(1n, alice.address);
    const paid = (await usdc.balanceOf(alice.address)) + (await usdc.balanceOf(alice2.address));
    expect(held + paid).to.equal(100n * USDC);

    await networkHelpers.time.increaseTo(deadline + 1n);
    await expect(distributor.connect(issuer).reclaim(1n))
      .to.emit(distributor, "Reclaimed")
      .withArgs(1n, issuer.address, 0n);
    expect(await usdc.balanceOf(await distributor.getAddress())).to.equal(held);
  });

  it("refuses outsiders on the payout self-call", async function () {
    const { distributor, usdc, operator } = await networkHelpers.loadFixture(deployDividendSafety);
    await expect(
      distributor.connect(operator).settlePayment(await usdc.getAddress(), operator.address, 1n, operator.address, 1n),
    )
      .to.be.revertedWithCustomError(distributor, "DividendOnlySelf")
      .withArgs(operator.address);
  });
});
