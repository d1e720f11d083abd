/**
 * Points and oracle breaker: the indexed state agrees with the chain on the scenario (every points balance and
 * program total, one entry per ledger event with its refId; every breaker event, each asset's status and price), plus
 * focused tests per handler over synthetic logs.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { ZeroAddress } from "ethers";

import { decodedLogs, harnessFor, loadScenario, type DecodedLog, type Scenario } from "./fixture.ts";
import type { Subgraph } from "./harness/index.ts";
import { ADDRESSES, DAY, SENDER, SyntheticChain, T0 } from "./synthetic.ts";

const STATUS = ["UNSET", "ACTIVE", "USING_FALLBACK", "TRIPPED", "FROZEN", "SEQUENCER_DOWN"];
const le4 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n);
  return b.toString("hex");
};

describe("scenario: points and oracle state agrees with the chain", () => {
  let scenario: Scenario;
  let sg: Subgraph;
  let pointsLogs: DecodedLog[];
  let breakerLogs: DecodedLog[];

  before(() => {
    scenario = loadScenario();
    sg = harnessFor(scenario);
    sg.processChain(scenario.blocks);
    pointsLogs = decodedLogs(scenario, scenario.contracts.points, "Points");
    breakerLogs = decodedLogs(scenario, scenario.contracts.breaker, "OracleCircuitBreaker");
  });

  it("has every points balance and program total as the contract reports them", () => {
    const { balances, totals } = scenario.chain.points;
    assert.ok(balances.some((b) => b.balance === "0") && balances.some((b) => b.balance !== "0"));
    for (const { programId, account, balance } of balances) {
      const id = scenario.contracts.points + le4(Number(programId)) + account.slice(2);
      assert.equal(sg.store.get("PointsAccount", id)?.balance ?? 0n, BigInt(balance), `${programId}/${account}`);
    }
    for (const [programId, total] of Object.entries(totals)) {
      const program = sg.store.get("PointsProgram", scenario.contracts.points + le4(Number(programId)))!;
      assert.equal(program.totalPoints, BigInt(total));
      assert.equal((program.cumulativeGranted as bigint) - (program.cumulativeSpent as bigint), BigInt(total));
    }
  });

  it("stores one entry per PointsGranted/PointsSpent log, with refId, signed delta, resulting balance and actor", () => {
    const ledger = pointsLogs.filter((l) => l.event.name === "PointsGranted" || l.event.name === "PointsSpent");
    assert.equal(sg.store.count("PointsEntry"), ledger.length);
    for (const { event, id } of ledger) {
      const entry = sg.store.get("PointsEntry", id)!;
      const grant = event.name === "PointsGranted";
      assert.equal(entry.kind, grant ? "GRANT" : "SPEND");
      assert.equal(entry.refId, event.args.refId);
      assert.equal(entry.delta, grant ? event.args.amount : -event.args.amount);
      assert.equal(entry.balance, event.args.balance);
      assert.equal(entry.totalPoints, event.args.totalPoints);
      assert.equal(entry.actor, (event.args.actor as string).toLowerCase());
      assert.equal(entry.issuer, grant ? (event.args.issuer as string).toLowerCase() : undefined);
    }
    // an account's deltas add up to its balance
    for (const account of sg.store.all("PointsAccount")) {
      const entries = sg.store.all("PointsEntry", { account: account.id });
      assert.equal(entries.length, account.entryCount);
      assert.equal(
        entries.reduce((s, e) => s + (e.delta as bigint), 0n),
        account.balance,
      );
    }
  });

  it("records every breaker event of the chain, with its kind, and each asset's status and price", () => {
    const kinds: Record<string, string> = {
      OracleTripped: "TRIP",
      OracleRecoveryProgressed: "RECOVERY_PROGRESS",
      OracleRecovered: "RECOVERY",
      OracleReset: "RESET",
      OracleUnpinned: "UNPIN",
      OracleFallbackSwitched: "FALLBACK",
      OracleFrozen: "FROZEN",
    };
    const breakerEvents = breakerLogs.filter((l) => l.event.name in kinds);
    assert.deepEqual(
      [...new Set(breakerEvents.map((l) => l.event.name))].sort(),
      Object.keys(kinds).sort(),
      "the scenario exercises every breaker event",
    );
    assert.equal(sg.store.count("BreakerEvent"), breakerEvents.length);
    for (const { event, id } of breakerEvents) {
      const record = sg.store.get("BreakerEvent", id)!;
      assert.equal(record.kind, kinds[event.name]);
      if ("status" in event.args.toObject()) assert.equal(record.status, STATUS[Number(event.args.status)]);
      if (event.name === "OracleTripped") assert.equal(record.reason, Number(event.args.reason));
    }
    const accepted = breakerLogs.filter((l) => l.event.name === "OraclePriceAccepted");
    assert.equal(sg.store.count("PriceUpdate"), accepted.length);
    for (const { event, id } of accepted) assert.equal(sg.store.get("PriceUpdate", id)!.price, event.args.price);
    for (const [asset, chain] of Object.entries(scenario.chain.oracle)) {
      const entity = sg.store.get("OracleAsset", scenario.contracts.breaker + asset.slice(2))!;
      assert.equal(entity.status, STATUS[chain.status], asset);
      assert.equal(entity.price, BigInt(chain.price), asset);
      assert.equal(entity.updatedAt, BigInt(chain.updatedAt), asset);
    }
  });

  it("has each asset's cumulative bound and current window as cumulativeBound reports them", () => {
    for (const [asset, chain] of Object.entries(scenario.chain.oracle)) {
      const entity = sg.store.get("OracleAsset", scenario.contracts.breaker + asset.slice(2))!;
      assert.deepEqual(
        [entity.cumulativeWindow, entity.cumulativeMaxDeviationBps, entity.windowAnchorPrice, entity.windowAnchorAt],
        [BigInt(chain.window), chain.maxCumulativeDeviationBps, BigInt(chain.anchorPrice), BigInt(chain.anchorAt)],
        asset,
      );
      const anchored = breakerLogs.filter(
        (l) => l.event.name === "OracleWindowAnchored" && (l.event.args.asset as string).toLowerCase() === asset,
      );
      assert.equal(entity.windowCount, anchored.length, asset);
    }
    assert.ok(
      Object.values(scenario.chain.oracle).some((a) => a.window !== 86_400),
      "one asset has a configured bound, one the default",
    );
  });

  it("has the token-bound program's gate mode and its token redemption as the contract reports them", () => {
    const chain = scenario.chain.points.tokenBound;
    const program = sg.store.get("PointsProgram", scenario.contracts.points + le4(Number(chain.programId)))!;
    assert.deepEqual(
      [program.gateMode, program.gateEpochLength, program.tokenRedemptionCount],
      [["HOLDER", "TOKEN_BOUND"][chain.mode], BigInt(chain.epochLength), 1],
    );
    const [redeemed] = pointsLogs.filter((l) => l.event.name === "PointsTokenRedeemed");
    const redemption = sg.store.get("PointsTokenRedemption", redeemed.id)!;
    assert.equal(chain.redeemedAtGrant, true);
    assert.deepEqual(
      [redemption.program, redemption.tokenId, redemption.epoch, redemption.refId],
      [
        program.id,
        BigInt(chain.tokenId),
        BigInt(redeemed.block.timestamp) / BigInt(chain.epochLength),
        redeemed.event.args.refId,
      ],
    );
    const [granted] = pointsLogs.filter(
      (l) => l.event.name === "PointsGranted" && l.event.args.refId === redeemed.event.args.refId,
    );
    const account = sg.store.get("PointsAccount", redemption.account as string)!;
    assert.equal(account.account, (granted.event.args.account as string).toLowerCase());
    assert.equal(sg.store.count("PointsProgram", { gateMode: "HOLDER" }), 2);
  });
});

// ===== focused tests =====

const POINTS = ADDRESSES.Points;
const BREAKER = ADDRESSES.OracleCircuitBreaker;
const ALICE = "0x000000000000000000000000000000000000a11c";
const ISSUER = "0x0000000000000000000000000000000000001550";
const ASSET = "0x00000000000000000000000000000000000a55e7";
const gate = [false, ZeroAddress, ZeroAddress, 0n];

describe("points handlers", () => {
  it("grant then spend: entries, account and program totals, daily snapshot", () => {
    const c = new SyntheticChain();
    c.block([{ source: "Points", name: "ProgramCreated", args: [1, gate, T0 + DAY, ISSUER] }], T0 + 10);
    c.block(
      [{ source: "Points", name: "PointsGranted", args: [1, ALICE, 7, 100n, 100n, 100n, ISSUER, SENDER] }],
      T0 + 20,
    );
    c.block([{ source: "Points", name: "PointsSpent", args: [1, ALICE, 8, 30n, 70n, 70n, ALICE] }], T0 + 30);
    const program = c.sg.store.get("PointsProgram", POINTS + le4(1))!;
    assert.deepEqual(
      [
        program.totalPoints,
        program.cumulativeGranted,
        program.cumulativeSpent,
        program.accountCount,
        program.entryCount,
      ],
      [70n, 100n, 30n, 1, 2],
    );
    const account = c.sg.store.get("PointsAccount", POINTS + le4(1) + ALICE.slice(2))!;
    assert.deepEqual([account.balance, account.cumulativeGranted, account.cumulativeSpent], [70n, 100n, 30n]);
    const entries = c.sg.store.all("PointsEntry").map((e) => [e.kind, e.refId, e.delta, e.issuer ?? null]);
    assert.deepEqual(entries.sort(), [
      ["GRANT", 7n, 100n, ISSUER],
      ["SPEND", 8n, -30n, null],
    ]);
    const day = c.sg.store.all("PointsDailySnapshot")[0];
    assert.deepEqual([day.dailyGranted, day.dailySpent, day.dailyEntries, day.totalPoints], [100n, 30n, 2, 70n]);
  });

  it("gate, end and pause updates change the program", () => {
    const c = new SyntheticChain();
    c.block([{ source: "Points", name: "ProgramCreated", args: [1, gate, 0, ISSUER] }]);
    const nft = "0x00000000000000000000000000000000000000f7";
    c.block([
      { source: "Points", name: "ProgramGateUpdated", args: [1, [true, nft, ZeroAddress, 0n], ISSUER] },
      { source: "Points", name: "ProgramEndUpdated", args: [1, T0 + 9 * DAY, ISSUER] },
      { source: "Points", name: "ProgramPaused", args: [1, ISSUER] },
    ]);
    let program = c.sg.store.get("PointsProgram", POINTS + le4(1))!;
    assert.deepEqual(
      [program.gateEnabled, program.gateErc721, program.endsAt, program.paused],
      [true, nft, BigInt(T0 + 9 * DAY), true],
    );
    c.block([{ source: "Points", name: "ProgramUnpaused", args: [1, ISSUER] }]);
    program = c.sg.store.get("PointsProgram", POINTS + le4(1))!;
    assert.equal(program.paused, false);
  });

  it("gate mode and token-bound redemptions; an unknown gate mode fails the block", () => {
    const c = new SyntheticChain();
    c.block([{ source: "Points", name: "ProgramCreated", args: [1, gate, 0, ISSUER] }]);
    let program = c.sg.store.get("PointsProgram", POINTS + le4(1))!;
    assert.deepEqual([program.gateMode, program.gateEpochLength, program.tokenRedemptionCount], ["HOLDER", 0n, 0]);
    c.block([{ source: "Points", name: "ProgramGateModeUpdated", args: [1, 1, 7 * DAY, ISSUER] }]);
    c.block([
      { source: "Points", name: "PointsGranted", args: [1, ALICE, 5, 40n, 40n, 40n, ISSUER, SENDER] },
      { source: "Points", name: "PointsTokenRedeemed", args: [1, 77, 2_900, ALICE, 5] },
    ]);
    program = c.sg.store.get("PointsProgram", POINTS + le4(1))!;
    assert.deepEqual(
      [program.gateMode, program.gateEpochLength, program.tokenRedemptionCount],
      ["TOKEN_BOUND", BigInt(7 * DAY), 1],
    );
    const redemption = c.sg.store.all("PointsTokenRedemption")[0];
    assert.deepEqual(
      [redemption.program, redemption.tokenId, redemption.epoch, redemption.account, redemption.refId],
      [POINTS + le4(1), 77n, 2_900n, POINTS + le4(1) + ALICE.slice(2), 5n],
    );
    assert.equal(
      c.sg.store.get("PointsProgram", POINTS + le4(1))!.accountCount,
      1,
      "the grant's account, not a new one",
    );
    assert.throws(
      () => c.block([{ source: "Points", name: "ProgramGateModeUpdated", args: [1, 2, 0, ISSUER] }]),
      /unknown points gate mode 2/,
    );
  });

  it("an entry for a program never created fails the block, as graph-node would stop", () => {
    const c = new SyntheticChain();
    assert.throws(
      () => c.block([{ source: "Points", name: "PointsSpent", args: [9, ALICE, 1, 1n, 0n, 0n, ALICE] }]),
      /points program 9 .* was never created/,
    );
    assert.equal(c.sg.store.count("PointsAccount"), 0);
  });
});

describe("oracle handlers", () => {
  const config = [ASSET, 3600, 0, 8, 3, ZeroAddress, 0, 0, 10n ** 18n, 10n ** 24n];
  const assetId = BREAKER + ASSET.slice(2);

  it("configure, accept, trip, progress, recover: status, price and counters", () => {
    const c = new SyntheticChain();
    c.block([{ source: "OracleCircuitBreaker", name: "OracleAssetConfigured", args: [ASSET, config, SENDER] }]);
    let asset = c.sg.store.get("OracleAsset", assetId)!;
    assert.deepEqual(
      [asset.status, asset.heartbeat, asset.recoveryRounds, asset.maxPrice],
      ["UNSET", 3600n, 3, 10n ** 24n],
    );
    c.block([{ source: "OracleCircuitBreaker", name: "OraclePriceAccepted", args: [ASSET, 1, 2000n, 100n, 0n, 0n] }]);
    c.block([
      { source: "OracleCircuitBreaker", name: "OracleTripped", args: [ASSET, 2000n, 1000n, 5000n, 160n, 11, SENDER] },
    ]);
    asset = c.sg.store.get("OracleAsset", assetId)!;
    assert.deepEqual([asset.status, asset.price, asset.tripCount], ["TRIPPED", 2000n, 1]);
    c.block([{ source: "OracleCircuitBreaker", name: "OracleRecoveryProgressed", args: [ASSET, 1010n, 220n, 2, 3] }]);
    assert.equal(c.sg.store.get("OracleAsset", assetId)!.status, "TRIPPED");
    c.block([{ source: "OracleCircuitBreaker", name: "OracleRecovered", args: [ASSET, 2000n, 1005n, 280n, 3] }]);
    asset = c.sg.store.get("OracleAsset", assetId)!;
    assert.deepEqual(
      [asset.status, asset.price, asset.updatedAt, asset.breakerEventCount, asset.priceUpdateCount],
      ["ACTIVE", 1005n, 280n, 3, 1],
    );
    const trip = c.sg.store.all("BreakerEvent", { kind: "TRIP" })[0];
    assert.deepEqual([trip.reason, trip.deviationBps, trip.oldPrice, trip.newPrice], [11, 5000n, 2000n, 1000n]);
  });

  it("cumulative bound: the default until configured, each window's anchor, back to the default on removal", () => {
    const c = new SyntheticChain();
    c.block([{ source: "OracleCircuitBreaker", name: "OracleAssetConfigured", args: [ASSET, config, SENDER] }]);
    let asset = c.sg.store.get("OracleAsset", assetId)!;
    assert.deepEqual(
      [asset.cumulativeWindow, asset.cumulativeMaxDeviationBps, asset.windowAnchorPrice, asset.windowCount],
      [86_400n, 5000, 0n, 0],
    );
    c.block([
      { source: "OracleCircuitBreaker", name: "OracleCumulativeBoundConfigured", args: [ASSET, 7200, 3000, SENDER] },
    ]);
    c.block([{ source: "OracleCircuitBreaker", name: "OracleWindowAnchored", args: [ASSET, 2000n, 1_000n] }]);
    c.block([{ source: "OracleCircuitBreaker", name: "OracleWindowAnchored", args: [ASSET, 2100n, 9_000n] }]);
    asset = c.sg.store.get("OracleAsset", assetId)!;
    assert.deepEqual(
      [
        asset.cumulativeWindow,
        asset.cumulativeMaxDeviationBps,
        asset.windowAnchorPrice,
        asset.windowAnchorAt,
        asset.windowCount,
      ],
      [7200n, 3000, 2100n, 9_000n, 2],
    );
    c.block([{ source: "OracleCircuitBreaker", name: "OracleAssetRemoved", args: [ASSET, SENDER] }]);
    asset = c.sg.store.get("OracleAsset", assetId)!;
    assert.deepEqual(
      [asset.cumulativeWindow, asset.cumulativeMaxDeviationBps, asset.windowAnchorPrice, asset.windowAnchorAt],
      [86_400n, 5000, 0n, 0n],
    );
  });

  it("fallback, freeze, reset and removal; an unknown status value fails the block", () => {
    const c = new SyntheticChain();
    c.block([{ source: "OracleCircuitBreaker", name: "OracleFallbackSwitched", args: [ASSET, 1, 2, 8] }]);
    assert.equal(c.sg.store.get("OracleAsset", assetId)!.status, "USING_FALLBACK");
    c.block([{ source: "OracleCircuitBreaker", name: "OracleFrozen", args: [ASSET, 2, 3, 11, 1950n] }]);
    const frozen = c.sg.store.all("BreakerEvent", { kind: "FROZEN" })[0];
    assert.deepEqual(
      [frozen.previousStatus, frozen.reason, frozen.fallbackReason, frozen.oldPrice],
      ["USING_FALLBACK", 3, 11, 1950n],
    );
    const guardian = "0x000000000000000000000000000000000000900d";
    c.block([
      { source: "OracleCircuitBreaker", name: "OracleReset", args: [ASSET, guardian, 4, 1, 1950n, 1990n, 400n] },
    ]);
    const asset = c.sg.store.get("OracleAsset", assetId)!;
    assert.deepEqual([asset.status, asset.price], ["ACTIVE", 1990n]);
    assert.equal(c.sg.store.all("BreakerEvent", { kind: "RESET" })[0].actor, guardian);
    c.block([{ source: "OracleCircuitBreaker", name: "OracleAssetRemoved", args: [ASSET, SENDER] }]);
    assert.equal(c.sg.store.get("OracleAsset", assetId)!.removed, true);
    assert.throws(
      () => c.block([{ source: "OracleCircuitBreaker", name: "OracleFallbackSwitched", args: [ASSET, 1, 9, 0] }]),
      /unknown oracle status 9/,
    );
  });
});
