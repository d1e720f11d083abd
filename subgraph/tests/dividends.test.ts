/**
 * The dividend mappings run by the harness over the scenario's real chain data, checked against what the contracts
 * report (agreement), plus focused tests per handler over synthetic logs.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { ZeroAddress, type LogDescription } from "ethers";

import { Subgraph, type PlainEntity, type RpcBlock, type RpcLog, type RpcReceipt } from "./harness/index.ts";
import {
  BUILD_DIR,
  distributionEntityId,
  distributorInterface,
  eventEntityId,
  harnessFor,
  loadScenario,
  type Scenario,
} from "./fixture.ts";

const iface = distributorInterface();
const STATUS = ["NONE", "ACTIVE", "CANCELLED", "RECLAIMED"];
const big = (v: unknown) => v as bigint;

interface DecodedLog {
  log: RpcLog;
  event: LogDescription;
  block: RpcBlock;
}

function distributorLogs(scenario: Scenario): DecodedLog[] {
  const out: DecodedLog[] = [];
  for (const { block, receipts } of scenario.blocks) {
    for (const log of receipts.flatMap((r) => r.logs)) {
      if (log.address.toLowerCase() !== scenario.contracts.distributor) continue;
      const event = iface.parseLog(log);
      if (event) out.push({ log, event, block });
    }
  }
  return out;
}

describe("scenario: the indexed state agrees with the chain", () => {
  let scenario: Scenario;
  let sg: Subgraph;
  let logs: DecodedLog[];
  const byName = (name: string) => logs.filter((l) => l.event.name === name);

  before(() => {
    scenario = loadScenario();
    sg = harnessFor(scenario);
    sg.processChain(scenario.blocks);
    logs = distributorLogs(scenario);
  });

  it("ran one handler per distributor event it indexes, and nothing else", () => {
    const expected: Record<string, number> = {
      handleDistributionCreated: byName("DistributionCreated").length,
      handleClaimed: byName("Claimed").length,
      handleEntitlementHeld: byName("EntitlementHeld").length,
      handleDistributionCancelled: byName("DistributionCancelled").length,
      handleReclaimed: byName("Reclaimed").length,
      handleWithholdingRateSet: byName("WithholdingRateSet").length,
      handleTaxWalletSet: byName("TaxWalletSet").length,
      handleClaimSkipped: byName("ClaimSkipped").length,
      handleRemainderRecipientSet: byName("RemainderRecipientSet").length,
    };
    const dividendHandlers = [...sg.handled].filter(([name]) => name in expected);
    assert.deepEqual(Object.fromEntries(dividendHandlers), expected);
    assert.ok(expected.handleClaimed > 40, "the scenario pays many holders");
    assert.ok(byName("RoleGranted").length > 0, "events without a handler exist and are skipped");
    assert.deepEqual(
      sg.logs.filter((l) => l.level === "CRITICAL" || l.level === "ERROR"),
      [],
    );
  });

  it("has every distribution with the contract's amount, claimed, held, reclaimed and status", () => {
    const distributions = sg.store.all("Distribution");
    assert.equal(distributions.length, Number(scenario.chain.distributionCount));
    for (const chain of scenario.chain.distributions) {
      const d = sg.store.get("Distribution", distributionEntityId(scenario.contracts.distributor, BigInt(chain.id)))!;
      assert.ok(d, `distribution ${chain.id}`);
      assert.equal(d.distributionId, BigInt(chain.id));
      assert.equal(d.status, STATUS[chain.status]);
      assert.equal(d.amount, BigInt(chain.amount));
      assert.equal(d.claimed, BigInt(chain.claimed));
      assert.equal(d.held, BigInt(chain.held));
      assert.equal(d.reclaimed, BigInt(chain.reclaimed));
      assert.equal(d.denominator, BigInt(chain.denominator));
      assert.equal(d.recordDate, BigInt(chain.recordDate));
      assert.equal(d.claimDeadline, BigInt(chain.claimDeadline));
      assert.equal(d.creator, chain.creator);
      assert.equal(d.token, chain.token);
      assert.equal(d.payoutToken, chain.payoutToken);
      const chainUnclaimed =
        chain.status === 2 ? 0n : BigInt(chain.amount) - BigInt(chain.claimed) - BigInt(chain.reclaimed);
      assert.equal(d.unclaimed, chainUnclaimed, `unclaimed of ${chain.id}`);
      assert.equal(
        big(d.paidGross) + big(d.held) + big(d.unclaimed) + big(d.reclaimed) + big(d.refunded),
        big(d.amount),
      );
      assert.equal(big(d.paidGross), big(d.claimed) - big(d.held));
      assert.equal(big(d.withheld) + big(d.netPaid), big(d.paidGross));
    }
    assert.deepEqual(
      distributions.map((d) => d.status),
      ["RECLAIMED", "CANCELLED", "RECLAIMED", "ACTIVE", "ACTIVE"], // the fifth: MOON's, on the platform
      "the scenario covers every lifecycle end",
    );
  });

  it("records each Claimed event as an immutable Claim with the event's gross, withheld and net", () => {
    const claimed = byName("Claimed");
    assert.equal(sg.store.count("Claim"), claimed.length);
    for (const { log, event, block } of claimed) {
      const claim = sg.store.get("Claim", eventEntityId(log.transactionHash, Number(BigInt(log.logIndex))))!;
      assert.ok(claim, `claim of log ${log.logIndex}`);
      const a = event.args;
      assert.equal(claim.distribution, distributionEntityId(scenario.contracts.distributor, a.distributionId));
      assert.equal(claim.holder, a.holder.toLowerCase());
      assert.equal(claim.recipient, a.recipient.toLowerCase());
      assert.equal(claim.caller, a.caller.toLowerCase());
      assert.equal(claim.shares, a.shares);
      assert.equal(claim.gross, a.gross);
      assert.equal(claim.withheld, a.withheld);
      assert.equal(claim.net, a.net);
      assert.equal(claim.taxRateBps, Number(a.taxRateBps));
      assert.equal(claim.taxWallet, a.taxWallet.toLowerCase());
      assert.equal(big(claim.withheld) + big(claim.net), big(claim.gross));
      assert.equal(claim.blockNumber, BigInt(block.number));
      assert.equal(claim.blockTimestamp, BigInt(block.timestamp));
      assert.equal(claim.transactionHash, log.transactionHash.toLowerCase());
    }
  });

  it("agrees per holder with isClaimed, heldFor and entitlementOf", () => {
    for (const chain of scenario.chain.distributions) {
      const id = distributionEntityId(scenario.contracts.distributor, BigInt(chain.id));
      const claims = sg.store.all("Claim", { distribution: id });
      const held = sg.store.all("HeldEntitlement", { distribution: id });
      assert.equal(
        claims.reduce((s, c) => s + big(c.gross), 0n),
        big(sg.store.get("Distribution", id)!.paidGross),
      );
      for (const h of chain.perHolder) {
        const claim = claims.find((c) => c.holder === h.holder);
        const hold = held.find((e) => e.holder === h.holder);
        assert.equal(Boolean(claim || hold), h.isClaimed, `distribution ${chain.id} holder ${h.holder} settled`);
        if (claim) assert.equal(claim.gross, BigInt(h.entitlement));
        if (hold) {
          assert.equal(hold.gross, BigInt(h.entitlement));
          assert.equal(hold.released ? 0n : hold.gross, BigInt(h.heldFor));
        } else assert.equal(h.heldFor, "0");
      }
    }
  });

  it("holds exactly what the distributor's payout balance says is still owed", () => {
    const owed = sg.store.all("Distribution").reduce((s, d) => s + big(d.held) + big(d.unclaimed), 0n);
    assert.equal(owed, BigInt(scenario.chain.distributorPayoutBalance));
  });

  it("tracks withholding rates, the tax wallet and per-holder totals", () => {
    for (const account of sg.store.all("DividendAccount")) {
      const rate = scenario.chain.withholding[account.id];
      if (rate !== undefined) assert.equal(account.withholdingRateBps, rate, account.id);
      const claims = sg.store.all("Claim", { holder: account.id });
      assert.equal(account.claimCount, claims.length);
      assert.equal(
        account.cumulativeGross,
        claims.reduce((s, c) => s + big(c.gross), 0n),
      );
      assert.equal(
        account.cumulativeNet,
        claims.reduce((s, c) => s + big(c.net), 0n),
      );
      assert.equal(
        account.cumulativeWithheld,
        claims.reduce((s, c) => s + big(c.withheld), 0n),
      );
      const stillHeld = sg.store.all("HeldEntitlement", { holder: account.id, released: false });
      assert.equal(
        account.currentlyHeld,
        stillHeld.reduce((s, h) => s + big(h.gross), 0n),
      );
    }
    const distributor = sg.store.get("Distributor", scenario.contracts.distributor)!;
    assert.equal(distributor.taxWallet, scenario.chain.taxWallet);
    assert.equal(sg.store.count("TaxWalletChange"), byName("TaxWalletSet").length);
    assert.equal(distributor.distributionCount, 5);
    assert.equal(distributor.activeDistributionCount, 2);
    assert.equal(distributor.claimCount, byName("Claimed").length);
    assert.equal(distributor.heldCount, byName("EntitlementHeld").length);
  });

  it("follows frozen holders, recovered wallets, exclusions and cancellations through the lifecycle", () => {
    const [d1, d2, d3] = scenario.chain.distributions;
    const id1 = distributionEntityId(scenario.contracts.distributor, 1n);
    // Held while frozen during the push settlement, then released: one release payment, flagged.
    const held = sg.store.all("HeldEntitlement", { distribution: id1 });
    assert.equal(held.length, 1);
    assert.equal(held[0].released, true);
    const release = sg.store.get("Claim", held[0].releaseClaim as string)!;
    assert.equal(release.releasedFromHold, true);
    assert.equal(release.holder, held[0].holder);
    assert.equal(sg.store.count("Claim", { releasedFromHold: true }), 2);
    // The recovered wallet's entitlement went to its successor.
    const redirected = sg.store.all("Claim").filter((c) => c.recipient !== c.holder);
    assert.equal(redirected.length, 1);
    assert.equal(redirected[0].taxRateBps, 1000);
    // Exclusions are recorded and excluded holders were never paid.
    const e1 = sg.store.get("Distribution", id1)!;
    assert.equal((e1.excluded as string[]).length, 1);
    assert.equal(sg.store.count("Claim", { distribution: id1, holder: (e1.excluded as string[])[0] }), 0);
    assert.equal(
      d1.perHolder.filter((h) => h.isClaimed).length,
      sg.store.count("Claim", { distribution: id1, releasedFromHold: false }) + held.length,
    );
    // Cancelled distribution: refunded in full, nothing claimable.
    const e2 = sg.store.get("Distribution", distributionEntityId(scenario.contracts.distributor, 2n))!;
    assert.equal(e2.refunded, BigInt(d2.amount));
    assert.equal(e2.unclaimed, 0n);
    assert.equal(sg.store.count("DistributionCancellation"), 1);
    // Reclaimed: the reclaim entity carries the contract's reclaimed amount.
    const r3 = sg.store.all("DistributionReclaim", {
      distribution: distributionEntityId(scenario.contracts.distributor, 3n),
    });
    assert.equal(r3.length, 1);
    assert.equal(r3[0].amount, BigInt(d3.reclaimed));
  });

  it("records each holder a claimFor batch went past, with its reason, and where remainders went", () => {
    const REASONS = ["RECORD_UNAVAILABLE", "RECIPIENT_UNRESOLVED", "TAX_WALLET_UNSET", "PAYOUT_FAILED"];
    const skipped = byName("ClaimSkipped");
    assert.deepEqual(skipped.map((l) => REASONS[Number(l.event.args.reason)]).sort(), [
      "RECIPIENT_UNRESOLVED",
      "RECIPIENT_UNRESOLVED",
      "RECORD_UNAVAILABLE",
    ]);
    assert.equal(sg.store.count("ClaimSkip"), skipped.length);
    const d4 = scenario.chain.distributions[3];
    for (const { event, log } of skipped) {
      const holder = (event.args.holder as string).toLowerCase();
      const skip = sg.store.get("ClaimSkip", eventEntityId(log.transactionHash, Number(log.logIndex)))!;
      assert.deepEqual(
        [skip.reason, skip.held, skip.holder],
        [REASONS[Number(event.args.reason)], event.args.held, holder],
      );
      const chain = d4.perHolder.find((h) => h.holder === holder)!;
      const held = sg.store.get(
        "HeldEntitlement",
        distributionEntityId(scenario.contracts.distributor, 4n) + holder.slice(2),
      );
      // held amounts agree with heldFor; the unreadable holder is not held and stays claimable
      assert.equal(held?.gross ?? 0n, BigInt(chain.heldFor), holder);
      assert.equal(held?.skipReason, event.args.held === 0n ? undefined : REASONS[Number(event.args.reason)]);
      assert.equal(chain.isClaimed, event.args.held !== 0n, holder);
    }
    const e4 = sg.store.get("Distribution", distributionEntityId(scenario.contracts.distributor, 4n))!;
    assert.equal(e4.skipCount, skipped.length);
    assert.equal(e4.held, BigInt(d4.held));
    const distributor = sg.store.get("Distributor", scenario.contracts.distributor)!;
    assert.equal(distributor.skipCount, skipped.length);
    // the admin named a remainder recipient before d1's reclaim; d2's refund and d3's reclaim went to the creator
    assert.equal(distributor.remainderRecipient, scenario.chain.remainderRecipient);
    assert.equal(sg.store.count("RemainderRecipientChange"), 1);
    const recipientOf = (entity: string, n: bigint) =>
      sg.store.all(entity, { distribution: distributionEntityId(scenario.contracts.distributor, n) })[0].recipient;
    assert.equal(recipientOf("DistributionReclaim", 1n), scenario.chain.remainderRecipient);
    assert.equal(recipientOf("DistributionCancellation", 2n), scenario.chain.distributions[1].creator);
    assert.equal(recipientOf("DistributionReclaim", 3n), scenario.chain.distributions[2].creator);
  });

  it("keeps daily snapshots that add up to the payout token's lifetime totals", () => {
    const token = sg.store.get("PayoutToken", scenario.contracts.payoutToken)!;
    const days = sg.store.all("DividendDailySnapshot").sort((a, b) => (a.day as number) - (b.day as number));
    assert.ok(days.length >= 4, "the scenario spans several days");
    const sum = (f: string) => days.reduce((s, d) => s + big(d[f]), 0n);
    assert.equal(sum("dailyDeposited"), token.cumulativeDeposited);
    assert.equal(sum("dailyGrossPaid"), token.cumulativeGrossPaid);
    assert.equal(sum("dailyNetPaid"), token.cumulativeNetPaid);
    assert.equal(sum("dailyWithheld"), token.cumulativeWithheld);
    assert.equal(sum("dailyReclaimed"), token.cumulativeReclaimed);
    assert.equal(sum("dailyRefunded"), token.cumulativeRefunded);
    assert.equal(days.at(-1)!.cumulativeGrossPaid, token.cumulativeGrossPaid);
    assert.equal(
      days.reduce((s, d) => s + (d.dailyClaimCount as number), 0),
      sg.store.count("Claim"),
    );
    for (const d of days) assert.equal(d.timestamp, BigInt(d.day as number) * 86_400n);
    const paid = byName("Claimed").reduce((s, l) => s + (l.event.args.gross as bigint), 0n);
    assert.equal(token.cumulativeGrossPaid, paid);
  });

  it("replays deterministically; reports the harness throughput", (t) => {
    // Cold: load the build (compile the WASM, parse manifest, schema and ABI) and index the chain once.
    const cold = performance.now();
    const first = harnessFor(scenario);
    const firstCalls = first.processChain(scenario.blocks);
    const coldSeconds = (performance.now() - cold) / 1000;
    // Warm: index the chain again on fresh harnesses (fresh stores), timing the indexing only.
    const runs = 5;
    let events = 0;
    let seconds = 0;
    for (let i = 0; i < runs; i++) {
      const h = harnessFor(scenario);
      const started = performance.now();
      events += h.processChain(scenario.blocks);
      seconds += (performance.now() - started) / 1000;
      assert.deepEqual(h.store.summary(), first.store.summary());
      assert.deepEqual(h.store.all("Claim"), sg.store.all("Claim"));
    }
    const logsScanned = scenario.blocks.reduce((n, b) => n + b.receipts.reduce((m, r) => m + r.logs.length, 0), 0);
    t.diagnostic(
      `harness throughput: ${(events / seconds).toFixed(0)} handled events/s warm (${runs} replays, ${((seconds / runs) * 1000).toFixed(0)} ms each), ` +
        `${(firstCalls / coldSeconds).toFixed(0)} events/s cold (load + index); ${firstCalls} handlers per replay over ${logsScanned} logs in ${scenario.blocks.length} blocks`,
    );
    assert.equal(events, runs * sg.handlerCalls());
  });
});

// ===== focused tests per handler, over synthetic logs =====

const DISTRIBUTOR = "0x00000000000000000000000000000000000d1570";
const TOKEN = "0x000000000000000000000000000000000000700c";
const USDC = "0x0000000000000000000000000000000000005dc0";
const ISSUER = "0x0000000000000000000000000000000000001550";
const ALICE = "0x000000000000000000000000000000000000a11c";
const BOB = "0x0000000000000000000000000000000000000b0b";
const TREASURY = "0x0000000000000000000000000000000000007e45";
const TAX = "0x0000000000000000000000000000000000000e1a";
const DAY = 86_400;
const T0 = 1_750_000_000 - (1_750_000_000 % DAY);

class Chain {
  readonly sg: Subgraph;
  private number = 10;
  private nonce = 0;

  constructor(startBlock = 10) {
    this.sg = new Subgraph(BUILD_DIR, { addresses: { DividendDistributor: { address: DISTRIBUTOR, startBlock } } });
  }

  /** Mines one block holding one transaction that emitted `events` (from the distributor unless `address` is given). */
  block(
    events: { name: string; args: unknown[]; address?: string }[],
    timestamp = T0 + this.number * 60,
    txHash = "0x" + (this.number * 1000 + this.nonce++).toString(16).padStart(64, "0"),
  ): { txHash: string; block: number } {
    const number = this.number++;
    const blockHash = "0x" + number.toString(16).padStart(64, "b");
    const logs: RpcLog[] = events.map((e, i) => {
      const encoded = iface.encodeEventLog(e.name, e.args);
      return {
        address: e.address ?? DISTRIBUTOR,
        topics: encoded.topics,
        data: encoded.data,
        blockHash,
        blockNumber: "0x" + number.toString(16),
        transactionHash: txHash,
        transactionIndex: "0x0",
        logIndex: "0x" + i.toString(16),
      };
    });
    const z32 = "0x" + "00".repeat(32);
    const block: RpcBlock = {
      number: "0x" + number.toString(16),
      hash: blockHash,
      parentHash: z32,
      sha3Uncles: z32,
      miner: ZeroAddress,
      stateRoot: z32,
      transactionsRoot: z32,
      receiptsRoot: z32,
      gasUsed: "0x0",
      gasLimit: "0x1c9c380",
      timestamp: "0x" + timestamp.toString(16),
      difficulty: "0x0",
      baseFeePerGas: "0x1",
      transactions: [
        {
          hash: txHash,
          transactionIndex: "0x0",
          from: ISSUER,
          to: DISTRIBUTOR,
          value: "0x0",
          gas: "0x100000",
          gasPrice: "0x1",
          input: "0x",
          nonce: "0x0",
        },
      ],
    };
    const receipt: RpcReceipt = {
      transactionHash: txHash,
      transactionIndex: "0x0",
      blockHash,
      blockNumber: block.number,
      cumulativeGasUsed: "0x0",
      gasUsed: "0x0",
      contractAddress: null,
      logs,
      status: "0x1",
      logsBloom: "0x" + "00".repeat(256),
    };
    this.sg.processBlock(block, [receipt]);
    return { txHash, block: number };
  }

  created(id: number, amount: bigint, excluded: string[] = [TREASURY], timestamp?: number) {
    return this.block(
      [
        {
          name: "DistributionCreated",
          args: [id, TOKEN, USDC, ISSUER, amount, T0 - DAY, T0 + 30 * DAY, 1000n, 100n, 900n, excluded],
        },
      ],
      timestamp,
    );
  }

  claimed(id: number, holder: string, gross: bigint, rateBps: number, timestamp?: number, txHash?: string) {
    const withheld = (gross * BigInt(rateBps)) / 10_000n;
    return this.block(
      [{ name: "Claimed", args: [id, holder, holder, holder, 10n, gross, withheld, gross - withheld, rateBps, TAX] }],
      timestamp,
      txHash,
    );
  }

  get(type: string, id: string): PlainEntity {
    const entity = this.sg.store.get(type, id);
    assert.ok(entity, `${type} ${id} exists`);
    return entity;
  }
}

const D1 = distributionEntityId(DISTRIBUTOR, 1);

describe("handleDistributionCreated", () => {
  it("creates the distribution with every field and counts it on the distributor, token and payout token", () => {
    const chain = new Chain();
    const { txHash, block } = chain.created(1, 9_000n);
    const d = chain.get("Distribution", D1);
    assert.deepEqual(
      { ...d },
      {
        id: D1,
        distributor: DISTRIBUTOR,
        distributionId: 1n,
        token: TOKEN,
        payoutToken: USDC,
        creator: ISSUER,
        amount: 9_000n,
        recordDate: BigInt(T0 - DAY),
        claimDeadline: BigInt(T0 + 30 * DAY),
        totalSupplyAtRecord: 1000n,
        excludedSupply: 100n,
        denominator: 900n,
        excluded: [TREASURY],
        status: "ACTIVE",
        claimed: 0n,
        held: 0n,
        paidGross: 0n,
        withheld: 0n,
        netPaid: 0n,
        reclaimed: 0n,
        refunded: 0n,
        unclaimed: 9_000n,
        claimCount: 0,
        heldCount: 0,
        skipCount: 0,
        createdAtBlock: BigInt(block),
        createdAtTimestamp: BigInt(T0 + block * 60),
        createdAtTransaction: txHash,
      },
    );
    assert.equal(chain.get("Distributor", DISTRIBUTOR).distributionCount, 1);
    assert.equal(chain.get("Distributor", DISTRIBUTOR).activeDistributionCount, 1);
    assert.equal(chain.get("Token", TOKEN).distributionCount, 1);
    assert.equal(chain.get("PayoutToken", USDC).cumulativeDeposited, 9_000n);
    const snapshot = chain.sg.store.all("DividendDailySnapshot")[0];
    assert.equal(snapshot.dailyDistributionsCreated, 1);
    assert.equal(snapshot.dailyDeposited, 9_000n);
    assert.equal(snapshot.cumulativeDeposited, 9_000n);
  });

  it("ignores logs from other addresses and before the start block", () => {
    const chain = new Chain();
    chain.block([
      { name: "DistributionCreated", args: [1, TOKEN, USDC, ISSUER, 5n, 0, 1, 1n, 0n, 1n, []], address: TOKEN },
    ]);
    assert.equal(chain.sg.store.count("Distribution"), 0);
    const early = new Chain(1_000);
    early.created(1, 5n);
    assert.equal(early.sg.handlerCalls(), 0);
    assert.equal(early.sg.store.count("Distribution"), 0);
    const started = new Chain(10);
    started.created(1, 5n);
    assert.equal(started.sg.handlerCalls(), 1);
  });
});

describe("handleClaimed", () => {
  it("creates an immutable Claim keyed by tx hash ++ log index and adds to the distribution, account and day", () => {
    const chain = new Chain();
    chain.created(1, 9_000n);
    const { txHash } = chain.claimed(1, ALICE, 1_000n, 1540);
    const claim = chain.get("Claim", eventEntityId(txHash, 0));
    assert.equal(claim.gross, 1_000n);
    assert.equal(claim.withheld, 154n);
    assert.equal(claim.net, 846n);
    assert.equal(claim.releasedFromHold, false);
    const d = chain.get("Distribution", D1);
    assert.equal(d.claimed, 1_000n);
    assert.equal(d.paidGross, 1_000n);
    assert.equal(d.withheld, 154n);
    assert.equal(d.netPaid, 846n);
    assert.equal(d.unclaimed, 8_000n);
    assert.equal(d.claimCount, 1);
    const account = chain.get("DividendAccount", ALICE);
    assert.equal(account.cumulativeNet, 846n);
    assert.equal(account.claimCount, 1);
    assert.equal(chain.sg.store.all("DividendDailySnapshot")[0].dailyNetPaid, 846n);
  });

  it("fails (and writes nothing) for a distribution the subgraph never saw", () => {
    const chain = new Chain();
    assert.throws(
      () => chain.claimed(7, ALICE, 1n, 0),
      /handleClaimed failed block 10 log 0: .*distribution 7 of 0x00000000000000000000000000000000000d1570 was never created/,
    );
    assert.equal(chain.sg.store.count("DividendAccount"), 0);
    assert.equal(chain.sg.store.count("Claim"), 0);
  });

  it("numbers days past 2038 (timestamps beyond i32) correctly", () => {
    const chain = new Chain();
    const later = 4_102_444_800; // 2100-01-01T00:00:00Z
    chain.created(1, 9_000n, [], later + 5);
    const snapshot = chain.sg.store.all("DividendDailySnapshot")[0];
    assert.equal(snapshot.day, later / DAY);
    assert.equal(snapshot.timestamp, BigInt(later));
  });

  it("puts claims on different days into different daily snapshots", () => {
    const chain = new Chain();
    chain.created(1, 9_000n, [], T0);
    chain.claimed(1, ALICE, 100n, 0, T0 + 10);
    chain.claimed(1, BOB, 200n, 0, T0 + DAY + 10);
    const days = chain.sg.store.all("DividendDailySnapshot").sort((a, b) => (a.day as number) - (b.day as number));
    assert.deepEqual(
      days.map((d) => [d.day, d.dailyGrossPaid, d.cumulativeGrossPaid]),
      [
        [T0 / DAY, 100n, 100n],
        [T0 / DAY + 1, 200n, 300n],
      ],
    );
  });
});

describe("handleEntitlementHeld and the release that follows", () => {
  it("counts a held entitlement as claimed, then a release moves it from held to paid without counting it twice", () => {
    const chain = new Chain();
    chain.created(1, 9_000n);
    chain.block([{ name: "EntitlementHeld", args: [1, BOB, 300n, 3_000n] }]);
    let d = chain.get("Distribution", D1);
    assert.deepEqual([d.claimed, d.held, d.paidGross, d.unclaimed, d.heldCount], [3_000n, 3_000n, 0n, 6_000n, 1]);
    const heldId = D1 + BOB.slice(2);
    assert.equal(chain.get("HeldEntitlement", heldId).released, false);
    assert.equal(chain.get("DividendAccount", BOB).currentlyHeld, 3_000n);

    const { txHash } = chain.claimed(1, BOB, 3_000n, 0);
    d = chain.get("Distribution", D1);
    assert.deepEqual([d.claimed, d.held, d.paidGross, d.unclaimed], [3_000n, 0n, 3_000n, 6_000n]);
    const held = chain.get("HeldEntitlement", heldId);
    assert.equal(held.released, true);
    assert.equal(held.releaseClaim, eventEntityId(txHash, 0));
    assert.equal(chain.get("Claim", eventEntityId(txHash, 0)).releasedFromHold, true);
    assert.equal(chain.get("DividendAccount", BOB).currentlyHeld, 0n);
  });
});

describe("handleDistributionCancelled and handleReclaimed", () => {
  it("closes a cancelled distribution with its refund", () => {
    const chain = new Chain();
    chain.created(1, 9_000n);
    chain.block([{ name: "DistributionCancelled", args: [1, ISSUER, 9_000n] }]);
    const d = chain.get("Distribution", D1);
    assert.deepEqual([d.status, d.refunded, d.unclaimed], ["CANCELLED", 9_000n, 0n]);
    assert.equal(chain.get("Distributor", DISTRIBUTOR).activeDistributionCount, 0);
    assert.equal(chain.get("PayoutToken", USDC).cumulativeRefunded, 9_000n);
    assert.equal(chain.sg.store.all("DistributionCancellation")[0].refund, 9_000n);
  });

  it("closes a reclaimed distribution, leaving held amounts held", () => {
    const chain = new Chain();
    chain.created(1, 9_000n);
    chain.claimed(1, ALICE, 1_000n, 0);
    chain.block([{ name: "EntitlementHeld", args: [1, BOB, 300n, 2_000n] }]);
    chain.block([{ name: "Reclaimed", args: [1, ISSUER, 6_000n] }]);
    const d = chain.get("Distribution", D1);
    assert.deepEqual([d.status, d.reclaimed, d.held, d.unclaimed], ["RECLAIMED", 6_000n, 2_000n, 0n]);
    assert.equal(chain.sg.store.all("DistributionReclaim")[0].amount, 6_000n);
    assert.equal(chain.get("PayoutToken", USDC).cumulativeReclaimed, 6_000n);
  });

  it("refuses to index an event entity twice (Claim is immutable)", () => {
    const chain = new Chain();
    chain.created(1, 9_000n);
    const first = chain.claimed(1, ALICE, 1n, 0);
    // The same transaction hash and log index seen again in a later block: graph-node rejects the insert.
    assert.throws(
      () => chain.claimed(1, ALICE, 1n, 0, undefined, first.txHash),
      /handleClaimed failed block \d+ log 0: entity Claim\[0x[0-9a-f]+\] is immutable; inserting it at block \d+ is not possible as it was already inserted at block \d+/,
    );
    assert.equal(chain.get("Distribution", D1).claimCount, 1, "the failed block's writes were discarded");
  });
});

describe("handleWithholdingRateSet and handleTaxWalletSet", () => {
  it("keeps the current rate on the account and every change as an event entity", () => {
    const chain = new Chain();
    chain.block([{ name: "WithholdingRateSet", args: [ALICE, 1540] }]);
    chain.block([{ name: "WithholdingRateSet", args: [ALICE, 2200] }]);
    assert.equal(chain.get("DividendAccount", ALICE).withholdingRateBps, 2200);
    assert.deepEqual(
      chain.sg.store
        .all("WithholdingRateChange")
        .map((c) => c.rateBps)
        .sort(),
      [1540, 2200],
    );
  });

  it("keeps the current tax wallet on the distributor", () => {
    const chain = new Chain();
    chain.block([{ name: "TaxWalletSet", args: [TAX] }]);
    chain.block([{ name: "TaxWalletSet", args: [ALICE] }]);
    assert.equal(chain.get("Distributor", DISTRIBUTOR).taxWallet, ALICE);
    assert.equal(chain.sg.store.count("TaxWalletChange"), 2);
  });
});

describe("handleClaimSkipped and handleRemainderRecipientSet", () => {
  it("records a skip with its reason on the held entitlement; a skip that holds nothing leaves the holder unsettled", () => {
    const chain = new Chain();
    chain.created(1, 9_000n);
    chain.block([
      { name: "EntitlementHeld", args: [1, BOB, 300n, 3_000n] },
      { name: "ClaimSkipped", args: [1, BOB, 3, 3_000n] },
      { name: "ClaimSkipped", args: [1, ALICE, 0, 0n] },
    ]);
    const d = chain.get("Distribution", D1);
    assert.deepEqual([d.claimed, d.held, d.heldCount, d.skipCount], [3_000n, 3_000n, 1, 2]);
    assert.equal(chain.get("Distributor", DISTRIBUTOR).skipCount, 2);
    assert.equal(chain.get("HeldEntitlement", D1 + BOB.slice(2)).skipReason, "PAYOUT_FAILED");
    assert.equal(chain.sg.store.get("HeldEntitlement", D1 + ALICE.slice(2)), undefined);
    const skips = chain.sg.store.all("ClaimSkip").map((s) => [s.holder, s.reason, s.held]);
    assert.deepEqual(skips.sort(), [
      [BOB, "PAYOUT_FAILED", 3_000n],
      [ALICE, "RECORD_UNAVAILABLE", 0n],
    ]);
  });

  it("fails the block on a held skip without its EntitlementHeld, or on an unknown reason", () => {
    const chain = new Chain();
    chain.created(1, 9_000n);
    assert.throws(
      () => chain.block([{ name: "ClaimSkipped", args: [1, BOB, 1, 5n] }]),
      /ClaimSkipped holding 5 without its EntitlementHeld/,
    );
    assert.throws(() => chain.block([{ name: "ClaimSkipped", args: [1, BOB, 9, 0n] }]), /unknown skip reason 9/);
    assert.equal(chain.get("Distribution", D1).skipCount, 0, "the failed blocks' writes were discarded");
  });

  it("sends later remainders to the named recipient, and back to each creator once it is cleared", () => {
    const chain = new Chain();
    chain.created(1, 9_000n);
    chain.created(2, 1_000n);
    chain.block([{ name: "RemainderRecipientSet", args: [TAX] }]);
    assert.equal(chain.get("Distributor", DISTRIBUTOR).remainderRecipient, TAX);
    chain.block([{ name: "DistributionCancelled", args: [1, ISSUER, 9_000n] }]);
    chain.block([{ name: "RemainderRecipientSet", args: [ZeroAddress] }]);
    assert.equal(chain.get("Distributor", DISTRIBUTOR).remainderRecipient, undefined);
    chain.block([{ name: "DistributionCancelled", args: [2, ISSUER, 1_000n] }]);
    const recipients = chain.sg.store.all("DistributionCancellation").map((c) => [c.refund, c.recipient]);
    assert.deepEqual(recipients.sort(), [
      [1_000n, ISSUER],
      [9_000n, TAX],
    ]);
    assert.deepEqual(
      chain.sg.store
        .all("RemainderRecipientChange")
        .map((c) => c.recipient)
        .sort(),
      [ZeroAddress, TAX].sort(),
    );
  });
});
