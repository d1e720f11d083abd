/**
 * Flows across contracts with the real SecurityToken: an offering that issues through the token's compliance and
 * lock-up, and a distribution that pays from the token's record-date snapshots (frozen holders, wallet recovery,
 * transfers after the record date).
 */
import { expect } from "chai";
import { network } from "hardhat";

import { CODE, RULE, UNIT, deployTokenSuite, investorId } from "../token/helpers.js";

const { ethers, networkHelpers, networkName } = await network.create();

const DAY = 86_400n;
const USDC = 10n ** 6n;

async function deployFlows() {
  const suite = await deployTokenSuite(ethers);
  const { token, admin, officer } = suite;
  const [, , , , , , , , , , , , , issuer, operator, treasury] = await ethers.getSigners();
  const usdc = await ethers.deployContract("OfferingMockStablecoin", ["USD Coin", "USDC", 6]);
  // Compliance: at most 100 investors, at most 6,000 tokens per investor, lock-up enforced.
  await token.connect(officer).setRules(RULE.maxInvestors | RULE.maxBalance | RULE.lockup, 0, 100, 6_000n * UNIT);
  return { ...suite, usdc, issuer, operator, treasury, adminAddress: admin.address };
}

describe(`Suite flows with the real SecurityToken on ${networkName}`, function () {
  it("offering: refuses an unverified investor up front, allocates pro rata, mints under lock-up", async function () {
    const f = await networkHelpers.loadFixture(deployFlows);
    const { token, usdc, admin, issuer, operator, treasury, alice, bob, stranger } = f;
    const now = BigInt(await networkHelpers.time.latest());
    const terms = {
      token: await token.getAddress(),
      paymentToken: await usdc.getAddress(),
      price: 2n * USDC, // 2 USDC per token
      minSubscription: 10n * USDC,
      maxSubscription: 20_000n * USDC,
      softCap: 1_000n * UNIT,
      hardCap: 5_000n * UNIT,
      startTime: now + 60n,
      endTime: now + 60n + 7n * DAY,
      lockupEnd: now + 180n * DAY,
      treasury: treasury.address,
      oracle: ethers.ZeroAddress,
      oracleAsset: ethers.ZeroAddress,
    };
    const offering = await ethers.deployContract("Offering", [
      terms,
      admin.address,
      DAY,
      issuer.address,
      operator.address,
    ]);
    await token.grantRole(await token.AGENT_ROLE(), await offering.getAddress());
    await token.grantRole(await token.LOCKUP_ROLE(), await offering.getAddress());

    for (const investor of [alice, bob, stranger]) {
      await usdc.mint(investor.address, 20_000n * USDC);
      await usdc.connect(investor).approve(await offering.getAddress(), ethers.MaxUint256);
    }
    await networkHelpers.time.increaseTo(terms.startTime);
    // The stranger has no KYC: the token could not deliver to it, so the subscription is refused with the reason.
    await expect(offering.connect(stranger).subscribe(100n * USDC))
      .to.be.revertedWithCustomError(offering, "OfferingInvestorRestricted")
      .withArgs(stranger.address, CODE.receiverNotVerified, "Receiver is not verified");
    // 6,000 + 9,000 USDC = 7,500 tokens demanded against a 5,000 hard cap: pro rata 2,000 and 3,000.
    await offering.connect(alice).subscribe(6_000n * USDC);
    await offering.connect(bob).subscribe(9_000n * USDC);
    await networkHelpers.time.increaseTo(terms.endTime + 1n);
    await offering.connect(issuer).finalise();

    await offering.connect(alice).claim();
    await offering.connect(operator).settle([bob.address]);
    expect(await token.balanceOf(alice.address)).to.equal(2_000n * UNIT);
    expect(await token.balanceOf(bob.address)).to.equal(3_000n * UNIT);
    expect(await token.totalSupply()).to.equal(terms.hardCap);
    expect(await usdc.balanceOf(alice.address)).to.equal(20_000n * USDC - 4_000n * USDC);
    expect(await usdc.balanceOf(bob.address)).to.equal(20_000n * USDC - 6_000n * USDC);
    expect(await token.lockupOf(alice.address)).to.equal(terms.lockupEnd);

    // Secondary market during the lock-up: refused with the lock-up code; after it, accepted.
    expect(await token.detectTransferRestriction(alice.address, bob.address, UNIT)).to.equal(CODE.senderLockedUp);
    await expect(token.connect(alice).transfer(bob.address, UNIT))
      .to.be.revertedWithCustomError(token, "SecurityTokenRestricted")
      .withArgs(CODE.senderLockedUp, alice.address, bob.address, UNIT);
    await networkHelpers.time.increaseTo(terms.lockupEnd + 1n);
    await expect(token.connect(alice).transfer(bob.address, UNIT)).to.changeTokenBalances(
      ethers,
      token,
      [alice, bob],
      [-UNIT, UNIT],
    );
    await offering.withdrawProceeds();
    expect(await usdc.balanceOf(treasury.address)).to.equal(10_000n * USDC);
  });

  it("offering + oracle: native subscriptions priced by the breaker, refused once it trips, stablecoin continues", async function () {
    const f = await networkHelpers.loadFixture(deployFlows);
    const { token, usdc, admin, issuer, operator, treasury, alice, bob } = f;
    const NATIVE = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE";
    const breaker = await ethers.deployContract("OracleCircuitBreaker", [DAY, admin.address, ethers.ZeroAddress, 0]);
    await breaker.grantRole(await breaker.ORACLE_CONFIG_ROLE(), admin.address);
    const feed = await ethers.deployContract("OracleMockFeed", [8, 600n * 10n ** 8n]); // 600 USD
    await breaker.setAssetConfig(NATIVE, {
      primary: await feed.getAddress(),
      fallbackFeed: ethers.ZeroAddress,
      heartbeat: 3_600,
      fallbackHeartbeat: 0,
      minPrice: 10n ** 18n,
      maxPrice: 100_000n * 10n ** 18n,
      maxDeviationBps: 2_000,
      recoveryRounds: 0,
    });
    const now = BigInt(await networkHelpers.time.latest());
    const terms = {
      token: await token.getAddress(),
      paymentToken: await usdc.getAddress(),
      price: 2n * USDC,
      minSubscription: 10n * USDC,
      maxSubscription: 20_000n * USDC,
      softCap: 100n * UNIT,
      hardCap: 5_000n * UNIT,
      startTime: now + 60n,
      endTime: now + 60n + 7n * DAY,
      lockupEnd: 0n,
      treasury: treasury.address,
      oracle: await breaker.getAddress(),
      oracleAsset: NATIVE,
    };
    const offering = await ethers.deployContract("Offering", [
      terms,
      admin.address,
      DAY,
      issuer.address,
      operator.address,
    ]);
    await token.grantRole(await token.AGENT_ROLE(), await offering.getAddress());
    await networkHelpers.time.increaseTo(terms.startTime);
    await breaker.update(NATIVE);

    // 1 ETH at 600 USD = 600 USDC of value = 300 tokens at 2 USDC.
    await offering.connect(alice).subscribeNative({ value: ethers.parseEther("1") });
    expect((await offering.subscriptionOf(alice.address)).nativeValue).to.equal(600n * USDC);

    // A 25% jump trips the breaker: native subscriptions are refused with the oracle's own error inside.
    await feed.setAnswer(750n * 10n ** 8n);
    await breaker.update(NATIVE);
    const DEVIATION_EXCEEDED = 11; // IOracleCircuitBreaker.Reason
    const tripped = breaker.interface.encodeErrorResult("OracleAssetTripped", [
      NATIVE,
      600n * 10n ** 18n,
      750n * 10n ** 18n,
      DEVIATION_EXCEEDED,
    ]);
    await expect(offering.connect(bob).subscribeNative({ value: ethers.parseEther("1") }))
      .to.be.revertedWithCustomError(offering, "OfferingPriceUnavailable")
      .withArgs(await breaker.getAddress(), NATIVE, tripped);
    // Stablecoin subscriptions continue.
    await usdc.mint(bob.address, 1_000n * USDC);
    await usdc.connect(bob).approve(await offering.getAddress(), ethers.MaxUint256);
    await expect(offering.connect(bob).subscribe(1_000n * USDC)).to.emit(offering, "Subscribed");
  });

  it("offering + oracle: a 50% crash the breaker would trip refuses native subscriptions at the stale price", async function () {
    const f = await networkHelpers.loadFixture(deployFlows);
    const { token, usdc, admin, issuer, operator, treasury, alice } = f;
    const NATIVE = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE";
    const breaker = await ethers.deployContract("OracleCircuitBreaker", [DAY, admin.address, ethers.ZeroAddress, 0]);
    await breaker.grantRole(await breaker.ORACLE_CONFIG_ROLE(), admin.address);
    const feed = await ethers.deployContract("OracleMockFeed", [8, 2_000n * 10n ** 8n]); // 2,000 USD
    await breaker.setAssetConfig(NATIVE, {
      primary: await feed.getAddress(),
      fallbackFeed: ethers.ZeroAddress,
      heartbeat: 3_600,
      fallbackHeartbeat: 0,
      minPrice: 10n ** 18n,
      maxPrice: 100_000n * 10n ** 18n,
      maxDeviationBps: 2_000,
      recoveryRounds: 0,
    });
    const now = BigInt(await networkHelpers.time.latest());
    const terms = {
      token: await token.getAddress(),
      paymentToken: await usdc.getAddress(),
      price: 2n * USDC,
      minSubscription: 10n * USDC,
      maxSubscription: 20_000n * USDC,
      softCap: 100n * UNIT,
      hardCap: 5_000n * UNIT,
      startTime: now + 60n,
      endTime: now + 60n + 7n * DAY,
      lockupEnd: 0n,
      treasury: treasury.address,
      oracle: await breaker.getAddress(),
      oracleAsset: NATIVE,
    };
    const offering = await ethers.deployContract("Offering", [
      terms,
      admin.address,
      DAY,
      issuer.address,
      operator.address,
    ]);
    await token.grantRole(await token.AGENT_ROLE(), await offering.getAddress());
    await networkHelpers.time.increaseTo(terms.startTime);
    await breaker.update(NATIVE);

    // The feed shows a 50% crash nobody has pushed through the breaker yet: the last accepted price is still served,
    // while the latest round is one the breaker would trip on.
    await feed.setAnswer(1_000n * 10n ** 8n);
    expect((await breaker.priceOf(NATIVE))[0]).to.equal(2_000n * 10n ** 18n);
    const TRIP = 2n; // IOracleCircuitBreaker.Action
    const DEVIATION_EXCEEDED = 11; // IOracleCircuitBreaker.Reason
    const evaluation = await breaker.peek(NATIVE);
    expect([evaluation.action, evaluation.reason]).to.deep.equal([TRIP, BigInt(DEVIATION_EXCEEDED)]);
    const tripped = breaker.interface.encodeErrorResult("OracleAssetTripped", [
      NATIVE,
      2_000n * 10n ** 18n,
      1_000n * 10n ** 18n,
      DEVIATION_EXCEEDED,
    ]);
    // 1 ETH would have been credited 2,000 USDC for a coin worth 1,000: refused with the breaker's error inside.
    await expect(offering.connect(alice).subscribeNative({ value: ethers.parseEther("1") }))
      .to.be.revertedWithCustomError(offering, "OfferingPriceUnavailable")
      .withArgs(await breaker.getAddress(), NATIVE, tripped);
    expect((await offering.subscriptionOf(alice.address)).nativeAmount).to.equal(0n);
  });

  it("offering: a mint refused after a rule change refunds the deposit; a recovered wallet is paid at its successor", async function () {
    const f = await networkHelpers.loadFixture(deployFlows);
    const {
      token,
      registry,
      usdc,
      admin,
      agent,
      kycAgent,
      officer,
      issuer,
      operator,
      treasury,
      alice,
      alice2,
      bob,
      carol,
    } = f;
    const now = BigInt(await networkHelpers.time.latest());
    const terms = {
      token: await token.getAddress(),
      paymentToken: await usdc.getAddress(),
      price: 2n * USDC,
      minSubscription: 10n * USDC,
      maxSubscription: 20_000n * USDC,
      softCap: 100n * UNIT,
      hardCap: 5_000n * UNIT,
      startTime: now + 60n,
      endTime: now + 60n + 7n * DAY,
      lockupEnd: 0n,
      treasury: treasury.address,
      oracle: ethers.ZeroAddress,
      oracleAsset: ethers.ZeroAddress,
    };
    const offering = await ethers.deployContract("Offering", [
      terms,
      admin.address,
      DAY,
      issuer.address,
      operator.address,
    ]);
    await token.grantRole(await token.AGENT_ROLE(), await offering.getAddress());
    // Max investors 2 with no holder yet: two new investors reserve both slots, the third is refused up front.
    await token.connect(officer).setRules(RULE.maxInvestors, 0, 2, 0);
    for (const investor of [alice, bob, carol]) {
      await usdc.mint(investor.address, 1_000n * USDC);
      await usdc.connect(investor).approve(await offering.getAddress(), ethers.MaxUint256);
    }
    await networkHelpers.time.increaseTo(terms.startTime);
    await offering.connect(alice).subscribe(1_000n * USDC);
    await offering.connect(bob).subscribe(1_000n * USDC);
    await expect(offering.connect(carol).subscribe(1_000n * USDC))
      .to.be.revertedWithCustomError(offering, "OfferingInvestorRestricted")
      .withArgs(carol.address, CODE.maxInvestors, await token.messageForTransferRestriction(CODE.maxInvestors));
    await networkHelpers.time.increaseTo(terms.endTime);
    await offering.connect(issuer).finalise();

    // Between subscription and settlement: bob's KYC is revoked, alice loses her key.
    await registry.connect(kycAgent).revokeInvestor(investorId("bob"));
    await token.connect(agent).recoverWallet(alice.address, alice2.address);
    await expect(offering.connect(operator).settle([alice.address, bob.address]))
      .to.emit(offering, "SuccessorFollowed")
      .withArgs(alice.address, alice2.address)
      .and.to.emit(offering, "AllocationRefused")
      .withArgs(bob.address, operator.address, bob.address, CODE.receiverNotVerified, 500n * UNIT, 1_000n * USDC, 0n);
    expect(await token.balanceOf(alice2.address)).to.equal(500n * UNIT);
    expect(await token.balanceOf(alice.address)).to.equal(0n);
    expect(await usdc.balanceOf(bob.address)).to.equal(1_000n * USDC);
    expect(await offering.escrowed()).to.deep.equal([0n, 0n]);
  });

  it("dividends: pays from the token's record date, holds a frozen holder, follows a wallet recovery", async function () {
    const f = await networkHelpers.loadFixture(deployFlows);
    const { token, registry, usdc, agent, recorder, admin, alice, alice2, bob, carol, others } = f;
    const distributor = await ethers.deployContract("DividendDistributor", [admin.address, DAY]);
    await distributor.grantRole(await distributor.DISTRIBUTOR_ROLE(), admin.address);
    await token
      .connect(agent)
      .batchMint([alice.address, bob.address, carol.address], [1_000n * UNIT, 3_000n * UNIT, 4_000n * UNIT]);

    const recordDate = BigInt(await networkHelpers.time.latest()) + DAY;
    await token.connect(recorder).scheduleRecordDate(recordDate);
    await networkHelpers.time.increaseTo(recordDate + 1n);
    // After the record date: carol sells half to bob; entitlements do not move.
    await token.connect(carol).transfer(bob.address, 2_000n * UNIT);

    await usdc.mint(admin.address, 8_000n * USDC);
    await usdc.approve(await distributor.getAddress(), ethers.MaxUint256);
    await distributor.createDistribution(token, usdc, 8_000n * USDC, recordDate, recordDate + 30n * DAY, []);
    expect(await distributor.entitlementOf(1n, carol.address)).to.equal(4_000n * USDC);
    expect(await distributor.entitlementOf(1n, bob.address)).to.equal(3_000n * USDC);

    // A record date that was never scheduled is refused by the token's history.
    await expect(
      distributor.createDistribution(token, usdc, 1n, recordDate - 5n, recordDate + 30n * DAY, []),
    ).to.be.revertedWithCustomError(token, "SecurityTokenUnknownRecordDate");

    // Bob is frozen: his push settlement is held, then released once the agent unfreezes him.
    await token.connect(agent).setAddressFrozen(bob.address, true);
    await distributor.claimFor(1n, [bob.address, carol.address]);
    expect(await distributor.heldFor(1n, bob.address)).to.equal(3_000n * USDC);
    expect(await usdc.balanceOf(carol.address)).to.equal(4_000n * USDC);
    await token.connect(agent).setAddressFrozen(bob.address, false);
    await distributor.releaseHeld(1n, bob.address);
    expect(await usdc.balanceOf(bob.address)).to.equal(3_000n * USDC);

    // Alice loses her key: the agent recovers to her second wallet; her dividend goes there, whoever claims it.
    await token.connect(agent).recoverWallet(alice.address, alice2.address);
    expect(await token.walletSuccessor(alice.address)).to.equal(alice2.address);
    await distributor.connect(others[0]).claimFor(1n, [alice.address]);
    expect(await usdc.balanceOf(alice2.address)).to.equal(1_000n * USDC);
    expect(await usdc.balanceOf(alice.address)).to.equal(0n);
    expect(await usdc.balanceOf(await distributor.getAddress())).to.equal(0n);
    // The registry still knows both wallets as alice's.
    expect(await registry.investorOf(alice2.address)).to.equal(investorId("alice"));
  });
});
