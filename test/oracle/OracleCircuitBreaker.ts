import { expect } from "chai";
import { network } from "hardhat";

const { ethers, networkHelpers, networkName } = await network.create();

/** Mirrors IOracleCircuitBreaker.Status / Reason / Action. */
const Status = { Unset: 0n, Active: 1n, UsingFallback: 2n, Tripped: 3n, Frozen: 4n, SequencerDown: 5n } as const;
const Reason = {
  None: 0n,
  UnknownAsset: 1n,
  AwaitingFirstPrice: 2n,
  FeedCallFailed: 3n,
  NonPositiveAnswer: 4n,
  IncompleteRound: 5n,
  FutureTimestamp: 6n,
  StaleRound: 7n,
  StalePrice: 8n,
  BelowMinPrice: 9n,
  AboveMaxPrice: 10n,
  DeviationExceeded: 11n,
  NoFallback: 12n,
  NoReferencePrice: 13n,
  SequencerDown: 14n,
  SequencerGracePeriod: 15n,
  ManualTrip: 16n,
  OutOfOrderRound: 17n,
  CumulativeDeviationExceeded: 18n,
  PinLifted: 19n,
} as const;
const Action = { None: 0n, Accept: 1n, Trip: 2n, Freeze: 3n, RecoveryProgress: 4n, Recover: 5n } as const;

/** Chains whose Chainlink feeds need the L2 sequencer uptime check (Base mainnet and Base Sepolia). */
const SEQUENCER_CHAIN_IDS = new Set([8453n, 84532n]);

const HEARTBEAT = 3600;
const FALLBACK_HEARTBEAT = 7200;
const GRACE = 3600;
const e8 = (usd: bigint) => usd * 10n ** 8n;
const e18 = (usd: bigint) => usd * 10n ** 18n;
const { chainId: CHAIN_ID } = await ethers.provider.getNetwork();
const ASSET = ethers.getAddress("0x00000000000000000000000000000000000a55e7");

async function deployBreaker() {
  const [admin, configAdmin, guardian, keeper] = await ethers.getSigners();
  const { chainId } = await ethers.provider.getNetwork();
  const needsSequencer = SEQUENCER_CHAIN_IDS.has(chainId);
  const now = await networkHelpers.time.latest();
  const sequencerFeed = needsSequencer ? await ethers.deployContract("OracleMockSequencerFeed", [now - 86_400]) : null;
  const breaker = await ethers.deployContract("OracleCircuitBreaker", [
    86_400,
    admin.address,
    sequencerFeed ? await sequencerFeed.getAddress() : ethers.ZeroAddress,
    GRACE,
  ]);
  await breaker.grantRole(await breaker.ORACLE_CONFIG_ROLE(), configAdmin.address);
  await breaker.grantRole(await breaker.ORACLE_GUARDIAN_ROLE(), guardian.address);
  const primary = await ethers.deployContract("OracleMockFeed", [8, e8(2000n)]);
  const fallbackFeed = await ethers.deployContract("OracleMockFeed", [8, e8(2000n)]);
  await breaker.connect(configAdmin).setAssetConfig(ASSET, {
    primary: await primary.getAddress(),
    fallbackFeed: await fallbackFeed.getAddress(),
    heartbeat: HEARTBEAT,
    fallbackHeartbeat: FALLBACK_HEARTBEAT,
    minPrice: e18(1n),
    maxPrice: e18(1_000_000n),
    maxDeviationBps: 0,
    recoveryRounds: 3,
  });
  return { breaker, primary, fallbackFeed, sequencerFeed, admin, configAdmin, guardian, keeper, chainId };
}

async function deployPriced() {
  const fixture = await deployBreaker();
  await fixture.breaker.connect(fixture.keeper).update(ASSET);
  return fixture;
}

/** The `updatedAt` of a feed's latest round. */
async function roundTime(feed: { latestRoundData(): Promise<[bigint, bigint, bigint, bigint, bigint]> }) {
  return (await feed.latestRoundData())[3];
}

/** Publishes a new primary round one minute later. */
async function pushPrimary(primary: Awaited<ReturnType<typeof deployBreaker>>["primary"], usd: bigint) {
  await networkHelpers.time.increase(60);
  await primary.setAnswer(e8(usd));
}

describe(`OracleCircuitBreaker on ${networkName}`, function () {
  describe("validated reads", function () {
    it("accepts the first round and serves it normalised to 18 decimals", async function () {
      const { breaker, primary, keeper } = await networkHelpers.loadFixture(deployBreaker);
      const [, , , updatedAt] = await primary.latestRoundData();
      await expect(breaker.connect(keeper).update(ASSET))
        .to.emit(breaker, "OraclePriceAccepted")
        .withArgs(ASSET, Status.Active, e18(2000n), updatedAt, 0n, 0n);
      expect(await breaker.priceOf(ASSET)).to.deep.equal([e18(2000n), updatedAt]);
      expect(await breaker.statusOf(ASSET)).to.deep.equal([Status.Active, Reason.None]);
    });

    it("refuses unknown, unpriced and stale assets with typed errors", async function () {
      const { breaker, keeper } = await networkHelpers.loadFixture(deployBreaker);
      const unknown = ethers.getAddress("0x00000000000000000000000000000000000b0b00");
      await expect(breaker.priceOf(unknown))
        .to.be.revertedWithCustomError(breaker, "OracleUnknownAsset")
        .withArgs(unknown);
      await expect(breaker.update(unknown))
        .to.be.revertedWithCustomError(breaker, "OracleUnknownAsset")
        .withArgs(unknown);
      await expect(breaker.priceOf(ASSET)).to.be.revertedWithCustomError(breaker, "OracleNoPrice").withArgs(ASSET);
      expect(await breaker.statusOf(ASSET)).to.deep.equal([Status.Unset, Reason.AwaitingFirstPrice]);

      await breaker.connect(keeper).update(ASSET);
      const [, updatedAt] = await breaker.priceOf(ASSET);
      await networkHelpers.time.increaseTo(updatedAt + BigInt(HEARTBEAT) + 1n);
      await expect(breaker.priceOf(ASSET))
        .to.be.revertedWithCustomError(breaker, "OracleStalePrice")
        .withArgs(ASSET, updatedAt, HEARTBEAT, updatedAt + BigInt(HEARTBEAT) + 1n);
      expect(await breaker.statusOf(ASSET)).to.deep.equal([Status.Active, Reason.StalePrice]);
    });

    it("freezes on negative answers, answeredInRound and updatedAt anomalies when the fallback cannot help", async function () {
      const { breaker, primary, fallbackFeed, keeper } = await networkHelpers.loadFixture(deployPriced);
      await fallbackFeed.setReverts(true);
      const cases: [() => Promise<unknown>, bigint][] = [
        [() => primary.setAnswer(-e8(2000n)), Reason.NonPositiveAnswer],
        [
          async () => primary.setRoundData(9, e8(2000n), await networkHelpers.time.latest(), 0, 9),
          Reason.IncompleteRound,
        ],
        [
          async () => primary.setAnswerAt(e8(2000n), (await networkHelpers.time.latest()) + 600),
          Reason.FutureTimestamp,
        ],
        [
          async () => {
            const now = await networkHelpers.time.latest();
            return primary.setRoundData(11, e8(2000n), now, now, 10);
          },
          Reason.StaleRound,
        ],
      ];
      for (const [breakIt, reason] of cases) {
        await breakIt();
        await expect(breaker.connect(keeper).update(ASSET))
          .to.emit(breaker, "OracleFrozen")
          .withArgs(ASSET, anyStatus(), reason, Reason.FeedCallFailed, e18(2000n));
        await expect(breaker.priceOf(ASSET))
          .to.be.revertedWithCustomError(breaker, "OracleAssetFrozen")
          .withArgs(ASSET, reason, Reason.FeedCallFailed);
      }
      // A good round within the band lifts the freeze.
      await pushPrimary(primary, 2100n);
      const goodRound = await roundTime(primary);
      await expect(breaker.connect(keeper).update(ASSET))
        .to.emit(breaker, "OraclePriceAccepted")
        .withArgs(ASSET, Status.Active, e18(2100n), goodRound, e18(2000n), 500n);
    });

    it("peek reports what update would do without changing state", async function () {
      const { breaker, primary } = await networkHelpers.loadFixture(deployPriced);
      await pushPrimary(primary, 2500n);
      const peeked = await breaker.peek(ASSET);
      expect(peeked.action).to.equal(Action.Trip);
      expect(peeked.status).to.equal(Status.Tripped);
      expect(peeked.price).to.equal(e18(2500n));
      expect(peeked.deviationBps).to.equal(2500n);
      expect((await breaker.assetState(ASSET)).status).to.equal(Status.Active);
      const updated = await breaker.update.staticCall(ASSET);
      expect(updated).to.deep.equal(peeked);
    });
  });

  describe("circuit breaker", function () {
    it("trips above 20%, refuses reads, and a guardian reset re-anchors", async function () {
      const { breaker, primary, keeper, guardian } = await networkHelpers.loadFixture(deployPriced);
      await pushPrimary(primary, 2400n); // exactly +20%: accepted
      await expect(breaker.connect(keeper).update(ASSET)).to.emit(breaker, "OraclePriceAccepted");
      await pushPrimary(primary, 2881n); // +20.04%
      const updatedAt = await roundTime(primary);
      await expect(breaker.connect(keeper).update(ASSET))
        .to.emit(breaker, "OracleTripped")
        .withArgs(ASSET, e18(2400n), e18(2881n), 2005n, updatedAt, Reason.DeviationExceeded, keeper.address);
      await expect(breaker.priceOf(ASSET))
        .to.be.revertedWithCustomError(breaker, "OracleAssetTripped")
        .withArgs(ASSET, e18(2400n), e18(2881n), Reason.DeviationExceeded);
      expect(await breaker.statusOf(ASSET)).to.deep.equal([Status.Tripped, Reason.DeviationExceeded]);

      await expect(breaker.connect(keeper).reset(ASSET))
        .to.be.revertedWithCustomError(breaker, "AccessControlUnauthorizedAccount")
        .withArgs(keeper.address, await breaker.ORACLE_GUARDIAN_ROLE());
      await expect(breaker.connect(guardian).reset(ASSET))
        .to.emit(breaker, "OracleReset")
        .withArgs(ASSET, guardian.address, Status.Tripped, Status.Active, e18(2400n), e18(2881n), updatedAt);
      expect(await breaker.priceOf(ASSET)).to.deep.equal([e18(2881n), updatedAt]);
      await expect(breaker.connect(guardian).reset(ASSET))
        .to.be.revertedWithCustomError(breaker, "OracleResetNotNeeded")
        .withArgs(ASSET, Status.Active);
    });

    it("recovers automatically after three consecutive rounds within the band of each other", async function () {
      const { breaker, primary, keeper } = await networkHelpers.loadFixture(deployPriced);
      await pushPrimary(primary, 1000n);
      await expect(breaker.connect(keeper).update(ASSET)).to.emit(breaker, "OracleTripped");
      await pushPrimary(primary, 1010n);
      const second = await roundTime(primary);
      await expect(breaker.connect(keeper).update(ASSET))
        .to.emit(breaker, "OracleRecoveryProgressed")
        .withArgs(ASSET, e18(1010n), second, 2, 3);
      await pushPrimary(primary, 1005n);
      const third = await roundTime(primary);
      await expect(breaker.connect(keeper).update(ASSET))
        .to.emit(breaker, "OracleRecovered")
        .withArgs(ASSET, e18(2000n), e18(1005n), third, 3);
      expect((await breaker.priceOf(ASSET))[0]).to.equal(e18(1005n));
    });

    it("a guardian pin holds over an automatic trip, against recovery and reset, until unpinned", async function () {
      const { breaker, primary, keeper, guardian } = await networkHelpers.loadFixture(deployPriced);
      await pushPrimary(primary, 2600n); // +30%: automatic trip
      await expect(breaker.connect(keeper).update(ASSET)).to.emit(breaker, "OracleTripped");
      await expect(breaker.connect(guardian).trip(ASSET))
        .to.emit(breaker, "OracleTripped")
        .withArgs(ASSET, e18(2000n), 0n, 0n, 0n, Reason.ManualTrip, guardian.address);
      await expect(breaker.connect(guardian).trip(ASSET))
        .to.be.revertedWithCustomError(breaker, "OracleAlreadyTripped")
        .withArgs(ASSET);
      for (const usd of [2601n, 2602n, 2603n]) {
        await pushPrimary(primary, usd);
        await expect(breaker.connect(keeper).update(ASSET)).not.to.emit(breaker, "OracleRecovered");
      }
      await expect(breaker.priceOf(ASSET))
        .to.be.revertedWithCustomError(breaker, "OracleAssetTripped")
        .withArgs(ASSET, e18(2000n), 0n, Reason.ManualTrip);
      await expect(breaker.connect(guardian).reset(ASSET))
        .to.be.revertedWithCustomError(breaker, "OracleAssetPinned")
        .withArgs(ASSET);
      await expect(breaker.connect(guardian).unpin(ASSET))
        .to.emit(breaker, "OracleUnpinned")
        .withArgs(ASSET, guardian.address);
      expect(await breaker.statusOf(ASSET)).to.deep.equal([Status.Tripped, Reason.PinLifted]);
      await breaker.connect(guardian).reset(ASSET);
      expect((await breaker.priceOf(ASSET))[0]).to.equal(e18(2603n));
    });

    it("five rounds of +19.99% trip the cumulative bound (50% in 24 h) with its own reason", async function () {
      const { breaker, primary, keeper } = await networkHelpers.loadFixture(deployPriced);
      let usd = 2000n * 10n ** 8n;
      const reasons: bigint[] = [];
      for (let i = 0; i < 5; i++) {
        usd = (usd * 11_999n) / 10_000n;
        await networkHelpers.time.increase(60);
        await primary.setAnswer(usd);
        await breaker.connect(keeper).update(ASSET);
        reasons.push((await breaker.statusOf(ASSET))[1]);
      }
      expect(reasons.slice(0, 2)).to.deep.equal([Reason.None, Reason.None]);
      expect(reasons[2]).to.equal(Reason.CumulativeDeviationExceeded);
      expect((await breaker.assetState(ASSET)).status).to.equal(Status.Tripped);
    });

    it("freshPriceOf refuses the round a keeper has not seen yet, where priceOf still serves the old price", async function () {
      const { breaker, primary, keeper } = await networkHelpers.loadFixture(deployPriced);
      await pushPrimary(primary, 1000n); // a 50% crash
      expect((await breaker.priceOf(ASSET))[0]).to.equal(e18(2000n));
      await expect(breaker.connect(keeper).freshPriceOf(ASSET))
        .to.be.revertedWithCustomError(breaker, "OracleAssetTripped")
        .withArgs(ASSET, e18(2000n), e18(1000n), Reason.DeviationExceeded);
      await pushPrimary(primary, 2010n);
      await expect(breaker.connect(keeper).freshPriceOf(ASSET))
        .to.emit(breaker, "OraclePriceAccepted")
        .withArgs(ASSET, Status.Active, e18(2010n), await roundTime(primary), e18(2000n), 50n);
      expect(await breaker.connect(keeper).freshPriceOf.staticCall(ASSET)).to.deep.equal([
        e18(2010n),
        await roundTime(primary),
      ]);
    });
  });

  describe("fallback feed", function () {
    it("switches to an agreeing fallback when the primary is stale, then back", async function () {
      const { breaker, primary, fallbackFeed, keeper } = await networkHelpers.loadFixture(deployPriced);
      await networkHelpers.time.increase(HEARTBEAT + 1);
      await fallbackFeed.setAnswer(e8(1950n));
      const fallbackRound = await roundTime(fallbackFeed);
      const tx = breaker.connect(keeper).update(ASSET);
      await expect(tx)
        .to.emit(breaker, "OracleFallbackSwitched")
        .withArgs(ASSET, Status.Active, Status.UsingFallback, Reason.StalePrice);
      await expect(tx)
        .to.emit(breaker, "OraclePriceAccepted")
        .withArgs(ASSET, Status.UsingFallback, e18(1950n), fallbackRound, e18(2000n), 250n);
      expect(await breaker.statusOf(ASSET)).to.deep.equal([Status.UsingFallback, Reason.StalePrice]);
      expect((await breaker.priceOf(ASSET))[0]).to.equal(e18(1950n));

      await pushPrimary(primary, 1960n);
      await expect(breaker.connect(keeper).update(ASSET))
        .to.emit(breaker, "OracleFallbackSwitched")
        .withArgs(ASSET, Status.UsingFallback, Status.Active, Reason.None);
    });

    it("freezes when the fallback disagrees beyond the band", async function () {
      const { breaker, primary, fallbackFeed, keeper } = await networkHelpers.loadFixture(deployPriced);
      await primary.setReverts(true);
      await fallbackFeed.setAnswer(e8(3000n));
      await expect(breaker.connect(keeper).update(ASSET))
        .to.emit(breaker, "OracleFrozen")
        .withArgs(ASSET, Status.Active, Reason.FeedCallFailed, Reason.DeviationExceeded, e18(2000n));
      expect(await breaker.statusOf(ASSET)).to.deep.equal([Status.Frozen, Reason.FeedCallFailed]);
    });
  });

  describe("configuration and roles", function () {
    it("only the config admin configures, with typed errors on bad input", async function () {
      const { breaker, primary, configAdmin, keeper } = await networkHelpers.loadFixture(deployBreaker);
      const input = {
        primary: await primary.getAddress(),
        fallbackFeed: ethers.ZeroAddress,
        heartbeat: HEARTBEAT,
        fallbackHeartbeat: 0,
        minPrice: e18(1n),
        maxPrice: e18(10n),
        maxDeviationBps: 0,
        recoveryRounds: 0,
      };
      await expect(breaker.connect(keeper).setAssetConfig(ASSET, input))
        .to.be.revertedWithCustomError(breaker, "AccessControlUnauthorizedAccount")
        .withArgs(keeper.address, await breaker.ORACLE_CONFIG_ROLE());
      await expect(breaker.connect(configAdmin).setAssetConfig(ASSET, { ...input, minPrice: e18(10n) }))
        .to.be.revertedWithCustomError(breaker, "OracleInvalidBounds")
        .withArgs(e18(10n), e18(10n));
      await expect(breaker.connect(configAdmin).setAssetConfig(ASSET, { ...input, maxDeviationBps: 10_001 }))
        .to.be.revertedWithCustomError(breaker, "OracleInvalidDeviation")
        .withArgs(10_001);
      await expect(breaker.connect(configAdmin).setAssetConfig(ASSET, input)).to.emit(breaker, "OracleAssetConfigured");
      expect((await breaker.assetConfig(ASSET)).maxDeviationBps).to.equal(2000n);
      await expect(breaker.connect(configAdmin).removeAsset(ASSET))
        .to.emit(breaker, "OracleAssetRemoved")
        .withArgs(ASSET, configAdmin.address);
    });

    it("the default admin moves only in two steps", async function () {
      const { breaker, admin, keeper } = await networkHelpers.loadFixture(deployBreaker);
      await breaker.connect(admin).beginDefaultAdminTransfer(keeper.address);
      expect(await breaker.defaultAdmin()).to.equal(admin.address);
      await networkHelpers.time.increase(86_401);
      await breaker.connect(keeper).acceptDefaultAdminTransfer();
      expect(await breaker.defaultAdmin()).to.equal(keeper.address);
    });
  });

  describe("L2 sequencer uptime", function () {
    it("is configured exactly on the chains that need it", async function () {
      const { breaker, sequencerFeed, chainId } = await networkHelpers.loadFixture(deployBreaker);
      const [feed, grace] = await breaker.sequencer();
      if (SEQUENCER_CHAIN_IDS.has(chainId)) {
        expect(feed).to.equal(await sequencerFeed!.getAddress());
        expect(grace).to.equal(BigInt(GRACE));
      } else {
        expect(feed).to.equal(ethers.ZeroAddress);
        expect(sequencerFeed).to.equal(null);
      }
    });

    if (SEQUENCER_CHAIN_IDS.has(CHAIN_ID)) {
      it("refuses reads while the sequencer is down, then during the grace period, then serves", async function () {
        const { breaker, primary, sequencerFeed, keeper } = await networkHelpers.loadFixture(deployPriced);
        const seq = sequencerFeed!;
        await seq.setStatus(true, await networkHelpers.time.latest());
        await expect(breaker.priceOf(ASSET))
          .to.be.revertedWithCustomError(breaker, "OracleSequencerDown")
          .withArgs(await seq.getAddress());
        expect(await breaker.statusOf(ASSET)).to.deep.equal([Status.SequencerDown, Reason.SequencerDown]);
        await primary.setAnswer(e8(2010n));
        const down = await breaker.update.staticCall(ASSET);
        expect(down.action).to.equal(Action.None);
        expect(down.status).to.equal(Status.SequencerDown);
        expect(down.reason).to.equal(Reason.SequencerDown);
        await expect(breaker.connect(keeper).update(ASSET)).not.to.emit(breaker, "OraclePriceAccepted");

        await networkHelpers.time.increase(600);
        const upSince = BigInt(await networkHelpers.time.latest()) + 1n;
        await networkHelpers.time.setNextBlockTimestamp(upSince);
        await seq.setStatus(false, upSince);
        await expect(breaker.priceOf(ASSET))
          .to.be.revertedWithCustomError(breaker, "OracleSequencerGracePeriod")
          .withArgs(upSince, upSince + BigInt(GRACE));
        expect(await breaker.statusOf(ASSET)).to.deep.equal([Status.SequencerDown, Reason.SequencerGracePeriod]);

        await networkHelpers.time.increaseTo(upSince + BigInt(GRACE) + 1n);
        await primary.setAnswer(e8(2020n));
        await expect(breaker.connect(keeper).update(ASSET)).to.emit(breaker, "OraclePriceAccepted");
        expect((await breaker.priceOf(ASSET))[0]).to.equal(e18(2020n));
      });
    } else {
      it("has no sequencer on an L1 chain: reads depend only on the feeds", async function () {
        const { breaker, primary, keeper } = await networkHelpers.loadFixture(deployPriced);
        await networkHelpers.time.increase(600);
        await primary.setAnswer(e8(2010n));
        await breaker.connect(keeper).update(ASSET);
        expect(await breaker.statusOf(ASSET)).to.deep.equal([Status.Active, Reason.None]);
        expect((await breaker.priceOf(ASSET))[0]).to.equal(e18(2010n));
      });
    }
  });

  describe("gas", function () {
    it("a validated priceOf read costs at most 2x a raw latestRoundData read", async function () {
      const { breaker, primary } = await networkHelpers.loadFixture(deployPriced);
      const probe = await ethers.deployContract("OracleReadGasProbe");
      const raw = await (await probe.readRaw(await primary.getAddress())).wait();
      const validated = await (await probe.readValidated(await breaker.getAddress(), ASSET)).wait();
      const rawInner = probe.interface.parseLog(raw!.logs[0])!.args.gasUsed as bigint;
      const validatedInner = probe.interface.parseLog(validated!.logs[0])!.args.gasUsed as bigint;
      console.log(
        `      gas on ${networkName}: raw latestRoundData tx ${raw!.gasUsed} (call ${rawInner}), ` +
          `validated priceOf tx ${validated!.gasUsed} (call ${validatedInner}), ` +
          `ratio ${(Number(validated!.gasUsed) / Number(raw!.gasUsed)).toFixed(2)}x`,
      );
      expect(validated!.gasUsed).to.be.lte(2n * raw!.gasUsed);
    });

    it("reports the keeper's update cost for an accepted round and a trip", async function () {
      const { breaker, primary, keeper } = await networkHelpers.loadFixture(deployPriced);
      await pushPrimary(primary, 2010n);
      const accepted = await (await breaker.connect(keeper).update(ASSET)).wait();
      await pushPrimary(primary, 3000n);
      const tripped = await (await breaker.connect(keeper).update(ASSET)).wait();
      expect(accepted!.logs.map((l) => breaker.interface.parseLog(l)!.name)).to.deep.equal(["OraclePriceAccepted"]);
      expect(tripped!.logs.map((l) => breaker.interface.parseLog(l)!.name)).to.deep.equal(["OracleTripped"]);
      console.log(
        `      gas on ${networkName}: update (accept) ${accepted!.gasUsed}, update (trip) ${tripped!.gasUsed}`,
      );
    });
  });
});

/** Any status (the previous status of a freeze depends on the step of the loop). */
function anyStatus() {
  return (value: bigint) => value === Status.Active || value === Status.Frozen;
}
