/**
 * Offering: the indexed state agrees with the chain on the scenario (status, subscribed value, tokens minted, every
 * investor's subscription and tokens, proceeds), plus focused tests per handler over synthetic logs.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { ZeroAddress } from "ethers";

import { decodedLogs, harnessFor, loadScenario, type DecodedLog, type Scenario } from "./fixture.ts";
import type { Subgraph } from "./harness/index.ts";
import { ADDRESSES, SENDER, SyntheticChain } from "./synthetic.ts";

const STATUS = ["ACTIVE", "SUCCEEDED", "FAILED", "CANCELLED"];

describe("scenario: the offering state agrees with the chain", () => {
  let scenario: Scenario;
  let sg: Subgraph;
  let logs: DecodedLog[];

  before(() => {
    scenario = loadScenario();
    sg = harnessFor(scenario);
    sg.processChain(scenario.blocks);
    logs = decodedLogs(scenario, scenario.contracts.offering, "Offering");
  });

  it("has the contract's status, subscribed value, tokens minted and proceeds withdrawn", () => {
    const chain = scenario.chain.offering;
    const offering = sg.store.get("Offering", scenario.contracts.offering)!;
    assert.equal(offering.status, STATUS[chain.status]);
    assert.equal(offering.totalValue, BigInt(chain.totalValue));
    assert.equal(offering.totalTokensMinted, BigInt(chain.totalTokensMinted));
    assert.equal(offering.stableWithdrawn, BigInt(chain.stableWithdrawn));
    assert.equal(offering.oversubscribed, true);
    assert.equal(offering.stableWithdrawn, offering.stableCharged, "every charged unit went to the treasury");
  });

  it("has the contract's escrow, reserved investor slots and treasury after a refused mint, a recovery and a move", () => {
    const chain = scenario.chain.offering;
    const offering = sg.store.get("Offering", scenario.contracts.offering)!;
    assert.equal(offering.stableEscrow, BigInt(chain.stableEscrow));
    assert.equal(offering.nativeEscrow, BigInt(chain.nativeEscrow));
    assert.equal(offering.reservedSlots, chain.reservedSlots);
    assert.equal(offering.treasury, chain.treasury);
    const [moved] = logs.filter((l) => l.event.name === "TreasuryUpdated");
    assert.equal(offering.treasuryChangeCount, 1);
    assert.equal(
      sg.store.get("OfferingEvent", moved.id)!.previousTreasury,
      (moved.event.args.previousTreasury as string).toLowerCase(),
    );
    // every deposit either left the escrow (charged, refunded, refused) or is still in it
    const deposited = logs
      .filter((l) => l.event.name === "Subscribed")
      .reduce((s, l) => s + (l.event.args.amount as bigint), 0n);
    const cancelled = logs
      .filter((l) => l.event.name === "SubscriptionCancelled")
      .reduce((s, l) => s + (l.event.args.stableAmount as bigint), 0n);
    assert.equal(
      deposited - cancelled,
      (offering.stableCharged as bigint) + (offering.stableRefunded as bigint) + (offering.stableEscrow as bigint),
    );
    const reserved = sg.store.all("OfferingInvestorSlot", { offering: scenario.contracts.offering, reserved: true });
    assert.equal(reserved.length, chain.reservedSlots);
    assert.equal(sg.store.count("OfferingInvestorSlot", { reserved: false }), 1, "dave's slot, released for good");
    const invC = sg.store.all("OfferingInvestorSlot", { reserveCount: 2 });
    assert.equal(invC.length, 1, "C cancelled, released its slot and took it again");
  });

  it("settles a refused allocation as a full refund with its restriction code, and a recovered investor at its successor", () => {
    const [refused] = logs.filter((l) => l.event.name === "AllocationRefused");
    const investor = (refused.event.args.investor as string).toLowerCase();
    const sub = sg.store.get("OfferingSubscription", scenario.contracts.offering + investor.slice(2))!;
    assert.deepEqual(
      [sub.settled, sub.allocationRefused, sub.restrictionCode, sub.refusedTokens, sub.tokens, sub.stableRefund],
      [true, true, 11, refused.event.args.tokens, 0n, BigInt(scenario.chain.offering.investors[investor].stableAmount)],
    );
    const offering = sg.store.get("Offering", scenario.contracts.offering)!;
    assert.deepEqual([offering.allocationRefusedCount, offering.refusedTokens], [1, refused.event.args.tokens]);
    const record = sg.store.get("OfferingEvent", refused.id)!;
    assert.deepEqual(
      [record.kind, record.restrictionCode, record.tokens],
      ["ALLOCATION_REFUSED", 11, refused.event.args.tokens],
    );
    for (const [wallet, chain] of Object.entries(scenario.chain.offering.investors)) {
      const s = sg.store.get("OfferingSubscription", scenario.contracts.offering + wallet.slice(2))!;
      assert.equal(s.settlementWallet ?? wallet, chain.settlementWallet, `${wallet} settlement wallet`);
    }
    assert.equal(sg.store.all("OfferingSubscription").filter((x) => x.settlementWallet !== undefined).length, 1);
  });

  it("has every investor's subscribed value and tokens as the contract and the token report them", () => {
    for (const [investor, chain] of Object.entries(scenario.chain.offering.investors)) {
      const sub = sg.store.get("OfferingSubscription", scenario.contracts.offering + investor.slice(2))!;
      assert.equal(sub.value, BigInt(chain.value), `${investor} value`);
      assert.equal(sub.tokens, BigInt(chain.tokens), `${investor} tokens`);
      assert.equal(sub.settled, chain.settled, `${investor} settled`);
      assert.equal(sub.stableAmount, BigInt(chain.stableAmount), `${investor} stable deposit`);
    }
    const subs = sg.store.all("OfferingSubscription", { offering: scenario.contracts.offering });
    assert.equal(
      subs.reduce((s, x) => s + (x.tokens as bigint), 0n),
      BigInt(scenario.chain.offering.totalTokensMinted),
    );
    assert.ok(subs.some((x) => x.cancelled === true));
  });

  it("stores one OfferingEvent per offering log, of the right kind", () => {
    const kinds: Record<string, string> = {
      Subscribed: "SUBSCRIBED",
      SubscriptionCancelled: "SUBSCRIPTION_CANCELLED",
      Finalised: "FINALISED",
      OfferingCancelled: "CANCELLED",
      Claimed: "CLAIMED",
      Refunded: "REFUNDED",
      SettlementDeferred: "SETTLEMENT_DEFERRED",
      ProceedsWithdrawn: "PROCEEDS_WITHDRAWN",
      AllocationRefused: "ALLOCATION_REFUSED",
      SuccessorFollowed: "SUCCESSOR_FOLLOWED",
      InvestorSlotReserved: "SLOT_RESERVED",
      InvestorSlotReleased: "SLOT_RELEASED",
      TreasuryUpdated: "TREASURY_UPDATED",
    };
    for (const name of [
      "AllocationRefused",
      "SuccessorFollowed",
      "InvestorSlotReserved",
      "InvestorSlotReleased",
      "TreasuryUpdated",
    ])
      assert.ok(
        logs.some((l) => l.event.name === name),
        `the scenario emits ${name}`,
      );
    const indexed = logs.filter((l) => l.event.name in kinds);
    assert.equal(sg.store.all("OfferingEvent", { offering: scenario.contracts.offering }).length, indexed.length);
    for (const { event, id } of indexed) assert.equal(sg.store.get("OfferingEvent", id)!.kind, kinds[event.name]);
    const deposited = logs
      .filter((l) => l.event.name === "Subscribed")
      .reduce((s, l) => s + (l.event.args.value as bigint), 0n);
    const days = sg.store.all("OfferingDailySnapshot", { offering: scenario.contracts.offering });
    assert.equal(
      days.reduce((s, d) => s + (d.dailyDepositedValue as bigint) - (d.dailyCancelledValue as bigint), 0n),
      BigInt(scenario.chain.offering.totalValue),
    );
    assert.equal(
      days.reduce((s, d) => s + (d.dailyDepositedValue as bigint), 0n),
      deposited,
    );
  });
});

const OFFERING = ADDRESSES.Offering;
const ALICE = "0x000000000000000000000000000000000000a11c";
const BOB = "0x0000000000000000000000000000000000000b0b";
const USDC = "0x0000000000000000000000000000000000005dc0";
const subId = (investor: string) => OFFERING + investor.slice(2);

describe("offering handlers", () => {
  it("subscribe, cancel, subscribe again: values and subscriber count", () => {
    const c = new SyntheticChain();
    c.block([
      { source: "Offering", name: "Subscribed", args: [ALICE, USDC, 100n, 100n, 10n ** 18n, 100n, 100n] },
      { source: "Offering", name: "Subscribed", args: [BOB, USDC, 50n, 50n, 10n ** 18n, 50n, 150n] },
    ]);
    let offering = c.sg.store.get("Offering", OFFERING)!;
    assert.deepEqual([offering.totalValue, offering.subscriberCount, offering.subscribeCount], [150n, 2, 2]);
    c.block([{ source: "Offering", name: "SubscriptionCancelled", args: [ALICE, 100n, 0n, 100n, 50n] }]);
    offering = c.sg.store.get("Offering", OFFERING)!;
    assert.deepEqual([offering.totalValue, offering.subscriberCount, offering.cancelCount], [50n, 1, 1]);
    assert.deepEqual(
      [
        c.sg.store.get("OfferingSubscription", subId(ALICE))!.value,
        c.sg.store.get("OfferingSubscription", subId(ALICE))!.cancelled,
      ],
      [0n, true],
    );
    c.block([{ source: "Offering", name: "Subscribed", args: [ALICE, USDC, 20n, 20n, 10n ** 18n, 20n, 70n] }]);
    const alice = c.sg.store.get("OfferingSubscription", subId(ALICE))!;
    assert.deepEqual([alice.value, alice.cancelled, alice.depositCount], [20n, false, 2]);
    assert.equal(c.sg.store.get("Offering", OFFERING)!.subscriberCount, 2);
  });

  it("a failed offering refunds; deferred settlements are counted; an operator's claim names the caller", () => {
    const c = new SyntheticChain();
    const operator = "0x00000000000000000000000000000000000000e7";
    c.block([{ source: "Offering", name: "Subscribed", args: [ALICE, USDC, 100n, 100n, 10n ** 18n, 100n, 100n] }]);
    c.block([{ source: "Offering", name: "Finalised", args: [2, 100n, 50n, 0n, false] }]);
    c.block([
      { source: "Offering", name: "SettlementDeferred", args: [BOB, "0x1234"] },
      { source: "Offering", name: "Refunded", args: [ALICE, operator, ALICE, 100n, 0n] },
    ]);
    const offering = c.sg.store.get("Offering", OFFERING)!;
    assert.deepEqual(
      [
        offering.status,
        offering.refundCount,
        offering.deferredCount,
        offering.stableRefunded,
        offering.subscriberCount,
      ],
      ["FAILED", 1, 1, 100n, 0],
    );
    const refund = c.sg.store.all("OfferingEvent", { kind: "REFUNDED" })[0];
    assert.deepEqual([refund.actor, refund.refundRecipient, refund.stableAmount], [operator, ALICE, 100n]);
    assert.equal(c.sg.store.all("OfferingEvent", { kind: "SETTLEMENT_DEFERRED" })[0].reason, "0x1234");
    assert.equal(c.sg.store.all("OfferingEvent", { kind: "FINALISED" })[0].actor, SENDER);
  });

  it("claim with excess refund; cancellation; an unknown status fails the block", () => {
    const c = new SyntheticChain();
    c.block([{ source: "Offering", name: "Subscribed", args: [ALICE, USDC, 100n, 100n, 10n ** 18n, 100n, 100n] }]);
    c.block([{ source: "Offering", name: "Claimed", args: [ALICE, ALICE, BOB, 40n, 80n, 0n, 20n, 0n, 40n] }]);
    const alice = c.sg.store.get("OfferingSubscription", subId(ALICE))!;
    assert.deepEqual(
      [alice.tokens, alice.stableCharged, alice.stableRefund, alice.refundRecipient, alice.settled],
      [40n, 80n, 20n, BOB, true],
    );
    c.block([{ source: "Offering", name: "OfferingCancelled", args: [SENDER, 100n] }]);
    assert.equal(c.sg.store.get("Offering", OFFERING)!.status, "CANCELLED");
    assert.throws(
      () => c.block([{ source: "Offering", name: "Finalised", args: [7, 0n, 0n, 0n, false] }]),
      /unknown offering status 7/,
    );
  });

  it("a refused mint after success refunds the whole deposit with its code and empties the escrow", () => {
    const c = new SyntheticChain();
    c.block([
      { source: "Offering", name: "Subscribed", args: [ALICE, USDC, 100n, 100n, 10n ** 18n, 100n, 100n] },
      { source: "Offering", name: "Subscribed", args: [BOB, ZeroAddress, 3n, 60n, 20n * 10n ** 18n, 60n, 160n] },
    ]);
    let offering = c.sg.store.get("Offering", OFFERING)!;
    assert.deepEqual([offering.stableEscrow, offering.nativeEscrow], [100n, 3n]);
    c.block([{ source: "Offering", name: "Finalised", args: [1, 160n, 80n, 1000n, false] }]);
    c.block([{ source: "Offering", name: "AllocationRefused", args: [ALICE, SENDER, ALICE, 11, 50n, 100n, 0n] }]);
    c.block([{ source: "Offering", name: "Claimed", args: [BOB, BOB, BOB, 30n, 0n, 2n, 0n, 1n, 30n] }]);
    offering = c.sg.store.get("Offering", OFFERING)!;
    assert.deepEqual(
      [
        offering.stableEscrow,
        offering.nativeEscrow,
        offering.allocationRefusedCount,
        offering.refusedTokens,
        offering.refundCount,
        offering.stableRefunded,
        offering.nativeRefunded,
        offering.subscriberCount,
      ],
      [0n, 0n, 1, 50n, 0, 100n, 1n, 0],
    );
    const alice = c.sg.store.get("OfferingSubscription", subId(ALICE))!;
    assert.deepEqual(
      [
        alice.settled,
        alice.allocationRefused,
        alice.restrictionCode,
        alice.refusedTokens,
        alice.tokens,
        alice.stableRefund,
      ],
      [true, true, 11, 50n, 0n, 100n],
    );
    const bob = c.sg.store.get("OfferingSubscription", subId(BOB))!;
    assert.deepEqual([bob.nativeAmount, bob.stableAmount, bob.allocationRefused], [3n, 0n, false]);
    const refused = c.sg.store.all("OfferingEvent", { kind: "ALLOCATION_REFUSED" })[0];
    assert.deepEqual([refused.restrictionCode, refused.tokens, refused.stableAmount], [11, 50n, 100n]);
  });

  it("an AllocationRefused without a restriction code fails the block", () => {
    const c = new SyntheticChain();
    assert.throws(
      () => c.block([{ source: "Offering", name: "AllocationRefused", args: [ALICE, SENDER, ALICE, 0, 1n, 1n, 0n] }]),
      /AllocationRefused without a restriction code/,
    );
    assert.equal(c.sg.store.count("Offering"), 0);
  });

  it("slots are reserved and released per investor key; the successor and the treasury are recorded", () => {
    const c = new SyntheticChain();
    c.block([
      { source: "Offering", name: "InvestorSlotReserved", args: [ALICE, 7, 1n] },
      { source: "Offering", name: "InvestorSlotReserved", args: [BOB, 2n ** 39n + 1n, 2n] },
    ]);
    c.block([{ source: "Offering", name: "InvestorSlotReleased", args: [ALICE, 7, 1n] }]);
    c.block([{ source: "Offering", name: "InvestorSlotReserved", args: [BOB, 7, 2n] }]);
    assert.equal(c.sg.store.get("Offering", OFFERING)!.reservedSlots, 2);
    const slots = c.sg.store
      .all("OfferingInvestorSlot")
      .map((x) => [x.investorKey, x.reserved, x.reservedBy, x.releasedBy ?? null, x.reserveCount]);
    assert.deepEqual(
      slots.sort((a, b) => Number(a[0]) - Number(b[0])),
      [
        [7n, true, BOB, ALICE, 2],
        [2n ** 39n + 1n, true, BOB, null, 1],
      ],
    );
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(7n);
    assert.ok(c.sg.store.get("OfferingInvestorSlot", OFFERING + b.toString("hex")), "id: offering ++ key as u64 LE");
    const erin = "0x000000000000000000000000000000000000e814";
    const treasury = "0x0000000000000000000000000000000000007ea5";
    c.block([
      { source: "Offering", name: "SuccessorFollowed", args: [ALICE, erin] },
      { source: "Offering", name: "TreasuryUpdated", args: [BOB, treasury, SENDER] },
    ]);
    assert.equal(c.sg.store.get("OfferingSubscription", subId(ALICE))!.settlementWallet, erin);
    const offering = c.sg.store.get("Offering", OFFERING)!;
    assert.deepEqual([offering.treasury, offering.treasuryChangeCount], [treasury, 1]);
    const moved = c.sg.store.all("OfferingEvent", { kind: "TREASURY_UPDATED" })[0];
    assert.deepEqual([moved.account, moved.previousTreasury, moved.actor], [treasury, BOB, SENDER]);
    assert.equal(c.sg.store.all("OfferingEvent", { kind: "SUCCESSOR_FOLLOWED" })[0].wallet, erin);
    assert.equal(c.sg.store.count("OfferingEvent", { kind: "SLOT_RESERVED" }), 3);
  });
});
