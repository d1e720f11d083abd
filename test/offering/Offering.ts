import { expect } from "chai";
import { network } from "hardhat";

import { deployOfferingSuite, NATIVE_KEY, referenceAllocation, TOKEN_UNIT } from "./helpers.js";

const { ethers, networkHelpers, networkName } = await network.create();

const Status = { Active: 0n, Succeeded: 1n, Failed: 2n, Cancelled: 3n } as const;
const Phase = { Upcoming: 0n, Open: 1n, Closed: 2n, Succeeded: 3n, Failed: 4n, Cancelled: 5n } as const;

/** BSC-like terms: 18-decimal stablecoin, native coin (BNB) at 600 USD through the oracle. */
async function bscStyle() {
  return deployOfferingSuite(ethers, { decimals: 18, nativeUsd: 600n * TOKEN_UNIT });
}

/** Base-like terms: 6-decimal USDC, an odd price of 1.234567 USDC per token, 1,000 tokens offered. */
async function baseStyleOdd() {
  return deployOfferingSuite(ethers, {
    decimals: 6,
    price: 1_234_567n,
    minSubscription: 1_000_000n,
    maxSubscription: 5_000_000_000n,
    softCap: 100n * TOKEN_UNIT,
    hardCap: 1_000n * TOKEN_UNIT,
  });
}

/** USDT-style stablecoin (no return values), 18 decimals as on BSC. */
async function usdtStyle() {
  return deployOfferingSuite(ethers, { decimals: 18, usdt: true });
}

type Suite = Awaited<ReturnType<typeof bscStyle>>;

async function fundAndApprove(suite: Suite, investor: Suite["alice"], amount: bigint) {
  await suite.stablecoin.mint(investor.address, amount);
  await suite.stablecoin.connect(investor).approve(await suite.offering.getAddress(), amount);
}

async function subscribe(suite: Suite, investor: Suite["alice"], amount: bigint) {
  await fundAndApprove(suite, investor, amount);
  await suite.offering.connect(investor).subscribe(amount);
}

describe(`Offering flows on ${networkName}`, function () {
  it("met soft cap: escrow, finalise, claim and batch settle, lock-up, proceeds to treasury", async function () {
    const s = await networkHelpers.loadFixture(bscStyle);
    const { offering, token, stablecoin, alice, bob, issuer, operator, treasury, unit, terms } = s;
    expect(await offering.phase()).to.equal(Phase.Upcoming);
    await networkHelpers.time.increaseTo(terms.startTime);

    await fundAndApprove(s, alice, 1_500n * unit);
    await expect(offering.connect(alice).subscribe(1_500n * unit))
      .to.emit(offering, "Subscribed")
      .withArgs(alice.address, terms.paymentToken, 1_500n * unit, 1_500n * unit, 0n, 1_500n * unit, 1_500n * unit);
    await subscribe(s, bob, 700n * unit);
    expect(await stablecoin.balanceOf(await offering.getAddress())).to.equal(2_200n * unit);

    await networkHelpers.time.increaseTo(terms.endTime);
    await expect(offering.connect(issuer).finalise())
      .to.emit(offering, "Finalised")
      .withArgs(Status.Succeeded, 2_200n * unit, 1_100n * TOKEN_UNIT, 1_100n * TOKEN_UNIT, false);

    await expect(offering.connect(alice).claim())
      .to.emit(offering, "Claimed")
      .withArgs(
        alice.address,
        alice.address,
        alice.address,
        750n * TOKEN_UNIT,
        1_500n * unit,
        0n,
        0n,
        0n,
        750n * TOKEN_UNIT,
      );
    await expect(offering.connect(operator).settle([alice.address, bob.address]))
      .to.emit(offering, "Claimed")
      .withArgs(
        bob.address,
        operator.address,
        bob.address,
        350n * TOKEN_UNIT,
        700n * unit,
        0n,
        0n,
        0n,
        1_100n * TOKEN_UNIT,
      );
    expect(await token.balanceOf(alice.address)).to.equal(750n * TOKEN_UNIT);
    expect(await token.balanceOf(bob.address)).to.equal(350n * TOKEN_UNIT);
    expect(await token.lockupOf(bob.address)).to.equal(terms.lockupEnd);

    await expect(offering.withdrawProceeds())
      .to.emit(offering, "ProceedsWithdrawn")
      .withArgs(treasury.address, 2_200n * unit, 0n, 2_200n * unit, 0n);
    expect(await stablecoin.balanceOf(treasury.address)).to.equal(2_200n * unit);
    expect(await stablecoin.balanceOf(await offering.getAddress())).to.equal(0n);
  });

  it("missed soft cap: failed, everyone refunded in full, no proceeds", async function () {
    const s = await networkHelpers.loadFixture(bscStyle);
    const { offering, token, stablecoin, alice, bob, issuer, operator, unit, terms } = s;
    await networkHelpers.time.increaseTo(terms.startTime);
    await subscribe(s, alice, 600n * unit);
    await subscribe(s, bob, 399n * unit);
    await networkHelpers.time.increaseTo(terms.endTime);
    await expect(offering.connect(issuer).finalise())
      .to.emit(offering, "Finalised")
      .withArgs(Status.Failed, 999n * unit, 499_500n * 10n ** 15n, 0n, false);

    await expect(offering.connect(alice).claim())
      .to.emit(offering, "Refunded")
      .withArgs(alice.address, alice.address, alice.address, 600n * unit, 0n);
    await expect(offering.connect(operator).settle([bob.address]))
      .to.emit(offering, "Refunded")
      .withArgs(bob.address, operator.address, bob.address, 399n * unit, 0n);
    expect(await stablecoin.balanceOf(alice.address)).to.equal(600n * unit);
    expect(await stablecoin.balanceOf(bob.address)).to.equal(399n * unit);
    expect(await token.totalSupply()).to.equal(0n);
    await expect(offering.withdrawProceeds()).to.be.revertedWithCustomError(offering, "OfferingNothingToWithdraw");
  });

  it("oversubscribed with odd amounts and a 6-decimal stablecoin: pro rata, excess refunded, nothing stranded", async function () {
    const s = await networkHelpers.loadFixture(baseStyleOdd);
    const { offering, token, stablecoin, alice, bob, carol, dave, issuer, operator, treasury, terms } = s;
    await networkHelpers.time.increaseTo(terms.startTime);
    const amounts = [777_777_777n, 1_234_567_891n, 333_333_333n, 99_999_999n]; // 2,445.678999 USDC in total
    const investors = [alice, bob, carol, dave];
    for (let i = 0; i < investors.length; i++) await subscribe(s, investors[i], amounts[i]);
    const total = amounts.reduce((a, b) => a + b, 0n);
    expect(await offering.totalSubscribedValue()).to.equal(total);

    await networkHelpers.time.increaseTo(terms.endTime);
    await expect(offering.connect(issuer).finalise())
      .to.emit(offering, "Finalised")
      .withArgs(Status.Succeeded, total, (total * TOKEN_UNIT) / terms.price, terms.hardCap, true);

    const expected = amounts.map((stable) =>
      referenceAllocation({ stable, native: 0n, nativeValue: 0n }, total, terms.price, terms.hardCap),
    );
    await expect(offering.connect(alice).claim())
      .to.emit(offering, "Claimed")
      .withArgs(
        alice.address,
        alice.address,
        alice.address,
        expected[0].tokens,
        expected[0].stableCharged,
        0n,
        expected[0].stableRefund,
        0n,
        expected[0].tokens,
      );
    await offering.connect(operator).settle(investors.map((i) => i.address));

    let minted = 0n;
    let refunds = 0n;
    for (let i = 0; i < investors.length; i++) {
      expect(await token.balanceOf(investors[i].address)).to.equal(expected[i].tokens);
      expect(await stablecoin.balanceOf(investors[i].address)).to.equal(expected[i].stableRefund);
      expect(expected[i].stableCharged).to.be.at.most(amounts[i]);
      minted += expected[i].tokens;
      refunds += expected[i].stableRefund;
    }
    expect(minted).to.be.at.most(terms.hardCap);
    expect(await offering.totalTokensMinted()).to.equal(minted);
    await offering.withdrawProceeds();
    expect(refunds + (await stablecoin.balanceOf(treasury.address))).to.equal(total);
    expect(await stablecoin.balanceOf(await offering.getAddress())).to.equal(0n);
  });

  it("issuer cancel: subscriptions refunded, claims of tokens impossible, cancel is final", async function () {
    const s = await networkHelpers.loadFixture(bscStyle);
    const { offering, stablecoin, alice, bob, issuer, operator, unit, terms } = s;
    await networkHelpers.time.increaseTo(terms.startTime);
    await subscribe(s, alice, 5_000n * unit);
    await expect(offering.connect(alice).cancel())
      .to.be.revertedWithCustomError(offering, "AccessControlUnauthorizedAccount")
      .withArgs(alice.address, await offering.ISSUER_ROLE());
    await expect(offering.connect(issuer).cancel())
      .to.emit(offering, "OfferingCancelled")
      .withArgs(issuer.address, 5_000n * unit);
    expect(await offering.phase()).to.equal(Phase.Cancelled);
    await fundAndApprove(s, bob, 100n * unit);
    await expect(offering.connect(bob).subscribe(100n * unit))
      .to.be.revertedWithCustomError(offering, "OfferingNotOpen")
      .withArgs(Phase.Cancelled);
    await expect(offering.connect(issuer).finalise())
      .to.be.revertedWithCustomError(offering, "OfferingNotActive")
      .withArgs(Status.Cancelled);
    await expect(offering.connect(operator).settle([alice.address]))
      .to.emit(offering, "Refunded")
      .withArgs(alice.address, operator.address, alice.address, 5_000n * unit, 0n);
    expect(await stablecoin.balanceOf(alice.address)).to.equal(5_000n * unit);
  });

  it("investor cancels a subscription while the window is open", async function () {
    const s = await networkHelpers.loadFixture(bscStyle);
    const { offering, stablecoin, alice, bob, unit, terms } = s;
    await networkHelpers.time.increaseTo(terms.startTime);
    await subscribe(s, alice, 300n * unit);
    await subscribe(s, bob, 200n * unit);
    await expect(offering.connect(alice).cancelSubscription())
      .to.emit(offering, "SubscriptionCancelled")
      .withArgs(alice.address, 300n * unit, 0n, 300n * unit, 200n * unit);
    expect(await stablecoin.balanceOf(alice.address)).to.equal(300n * unit);
    await expect(offering.connect(alice).cancelSubscription())
      .to.be.revertedWithCustomError(offering, "OfferingNoSubscription")
      .withArgs(alice.address);
  });

  it("pause: stops subscriptions and token delivery, never exits; unpause resumes", async function () {
    const s = await networkHelpers.loadFixture(bscStyle);
    const { offering, alice, bob, issuer, unit, terms } = s;
    await networkHelpers.time.increaseTo(terms.startTime);
    await subscribe(s, alice, 2_000n * unit);
    await subscribe(s, bob, 100n * unit);
    await expect(offering.connect(issuer).pause()).to.emit(offering, "Paused").withArgs(issuer.address);
    await fundAndApprove(s, alice, 10n * unit);
    await expect(offering.connect(alice).subscribe(10n * unit)).to.be.revertedWithCustomError(
      offering,
      "EnforcedPause",
    );
    await expect(offering.connect(bob).cancelSubscription()).to.emit(offering, "SubscriptionCancelled");
    await expect(offering.connect(issuer).unpause()).to.emit(offering, "Unpaused").withArgs(issuer.address);
    await offering.connect(alice).subscribe(10n * unit);

    await networkHelpers.time.increaseTo(terms.endTime);
    await offering.connect(issuer).finalise();
    await offering.connect(issuer).pause();
    await expect(offering.connect(alice).claim()).to.be.revertedWithCustomError(offering, "EnforcedPause");
    await offering.connect(issuer).unpause();
    await expect(offering.connect(alice).claim()).to.emit(offering, "Claimed");
  });

  it("permit: subscribes in one transaction with an EIP-712 signature", async function () {
    const s = await networkHelpers.loadFixture(bscStyle);
    const { offering, stablecoin, alice, unit, terms } = s;
    await networkHelpers.time.increaseTo(terms.startTime);
    const amount = 250n * unit;
    await stablecoin.mint(alice.address, amount);
    const { chainId } = await ethers.provider.getNetwork();
    const deadline = terms.startTime + 3600n;
    const stable = await ethers.getContractAt("OfferingMockStablecoin", await stablecoin.getAddress());
    const signature = ethers.Signature.from(
      await alice.signTypedData(
        { name: "USD Coin", version: "1", chainId, verifyingContract: await stable.getAddress() },
        {
          Permit: [
            { name: "owner", type: "address" },
            { name: "spender", type: "address" },
            { name: "value", type: "uint256" },
            { name: "nonce", type: "uint256" },
            { name: "deadline", type: "uint256" },
          ],
        },
        {
          owner: alice.address,
          spender: await offering.getAddress(),
          value: amount,
          nonce: await stable.nonces(alice.address),
          deadline,
        },
      ),
    );
    await expect(offering.connect(alice).subscribeWithPermit(amount, deadline, signature.v, signature.r, signature.s))
      .to.emit(offering, "Subscribed")
      .withArgs(alice.address, terms.paymentToken, amount, amount, 0n, amount, amount);
    expect(await stable.allowance(alice.address, await offering.getAddress())).to.equal(0n);
  });

  it("USDT-style stablecoin (no return values): subscribe, refund of excess, proceeds", async function () {
    const s = await networkHelpers.loadFixture(usdtStyle);
    const { offering, token, stablecoin, alice, bob, issuer, treasury, unit, terms } = s;
    await networkHelpers.time.increaseTo(terms.startTime);
    await subscribe(s as unknown as Suite, alice, 15_000n * unit);
    await subscribe(s as unknown as Suite, bob, 15_000n * unit);
    await networkHelpers.time.increaseTo(terms.endTime);
    await offering.connect(issuer).finalise();
    await expect(offering.connect(alice).claim())
      .to.emit(offering, "Claimed")
      .withArgs(
        alice.address,
        alice.address,
        alice.address,
        5_000n * TOKEN_UNIT,
        10_000n * unit,
        0n,
        5_000n * unit,
        0n,
        5_000n * TOKEN_UNIT,
      );
    expect(await stablecoin.balanceOf(alice.address)).to.equal(5_000n * unit);
    expect(await token.balanceOf(alice.address)).to.equal(5_000n * TOKEN_UNIT);
    await offering.withdrawProceeds();
    expect(await stablecoin.balanceOf(treasury.address)).to.equal(10_000n * unit);
  });

  it("native coin priced by the oracle; refused with the oracle's error while the stablecoin continues", async function () {
    const s = await networkHelpers.loadFixture(bscStyle);
    const { offering, oracle, alice, bob, issuer, unit, terms } = s;
    await networkHelpers.time.increaseTo(terms.startTime);
    await expect(offering.connect(alice).subscribeNative({ value: ethers.parseEther("2") }))
      .to.emit(offering, "Subscribed")
      .withArgs(
        alice.address,
        ethers.ZeroAddress,
        ethers.parseEther("2"),
        1_200n * unit,
        600n * TOKEN_UNIT,
        1_200n * unit,
        1_200n * unit,
      );

    await oracle.setFailure(2); // breaker tripped
    const reason = oracle.interface.encodeErrorResult("OfferingMockOracleUnavailable", [NATIVE_KEY, 2]);
    await expect(offering.connect(bob).subscribeNative({ value: ethers.parseEther("1") }))
      .to.be.revertedWithCustomError(offering, "OfferingPriceUnavailable")
      .withArgs(await oracle.getAddress(), NATIVE_KEY, reason);
    await subscribe(s, bob, 800n * unit); // stablecoin subscriptions continue

    await networkHelpers.time.increaseTo(terms.endTime);
    await offering.connect(issuer).finalise();
    const before = await ethers.provider.getBalance(s.treasury.address);
    await offering.connect(alice).claim();
    await offering.withdrawProceeds();
    expect((await ethers.provider.getBalance(s.treasury.address)) - before).to.equal(ethers.parseEther("2"));
  });

  it("an investor the token would refuse cannot subscribe, with the code and message", async function () {
    const s = await networkHelpers.loadFixture(bscStyle);
    const { offering, token, alice, unit, terms } = s;
    await networkHelpers.time.increaseTo(terms.startTime);
    await token.setRestriction(alice.address, 1);
    await fundAndApprove(s, alice, 100n * unit);
    await expect(offering.connect(alice).subscribe(100n * unit))
      .to.be.revertedWithCustomError(offering, "OfferingInvestorRestricted")
      .withArgs(alice.address, 1, "Investor not verified");
    await expect(offering.connect(alice).subscribeNative({ value: ethers.parseEther("1") }))
      .to.be.revertedWithCustomError(offering, "OfferingInvestorRestricted")
      .withArgs(alice.address, 1, "Investor not verified");
  });

  it("limits, window and finalisation errors", async function () {
    const s = await networkHelpers.loadFixture(bscStyle);
    const { offering, alice, issuer, unit, terms } = s;
    await fundAndApprove(s, alice, 30_000n * unit);
    await expect(offering.connect(alice).subscribe(100n * unit))
      .to.be.revertedWithCustomError(offering, "OfferingNotOpen")
      .withArgs(Phase.Upcoming);
    await networkHelpers.time.increaseTo(terms.startTime);
    await expect(offering.connect(alice).subscribe(0n)).to.be.revertedWithCustomError(offering, "OfferingZeroAmount");
    await expect(offering.connect(alice).subscribe(unit))
      .to.be.revertedWithCustomError(offering, "OfferingBelowMinimum")
      .withArgs(alice.address, unit, terms.minSubscription);
    await expect(offering.connect(alice).subscribe(20_001n * unit))
      .to.be.revertedWithCustomError(offering, "OfferingAboveMaximum")
      .withArgs(alice.address, 20_001n * unit, terms.maxSubscription);
    await expect(offering.connect(alice).claim())
      .to.be.revertedWithCustomError(offering, "OfferingNotSettleable")
      .withArgs(Status.Active);
    const at = terms.endTime - 10n;
    await networkHelpers.time.setNextBlockTimestamp(at);
    await expect(offering.connect(issuer).finalise())
      .to.be.revertedWithCustomError(offering, "OfferingNotEnded")
      .withArgs(at, terms.endTime);
    await networkHelpers.time.increaseTo(terms.endTime);
    await expect(offering.connect(alice).finalise())
      .to.be.revertedWithCustomError(offering, "OfferingFinaliseRestricted")
      .withArgs(alice.address, terms.endTime + 14n * 86400n);
  });
});
