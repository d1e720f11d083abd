/**
 * Offering: the indexed state agrees with the chain on the scenario (status, subscribed value, tokens minted, every
 * investor's subscription and tokens, proceeds), plus focused tests per handler over synthetic logs.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

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

  it("has every investor's subscribed value and tokens as the contract and the token report them", () => {
    for (const [investor, chain] of Object.entries(scenario.chain.offering.investors)) {
      const sub = sg.store.get("OfferingSubscription", scenario.contracts.offering + investor.slice(2))!;
      assert.equal(sub.value, BigInt(chain.value), `${investor} value`);
      assert.equal(sub.tokens, BigInt(chain.tokens), `${investor} tokens`);
      assert.equal(sub.settled, chain.tokens !== "0", `${investor} settled`);
    }
    const subs = sg.store.all("OfferingSubscription");
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
    };
    const indexed = logs.filter((l) => l.event.name in kinds);
    assert.equal(sg.store.count("OfferingEvent"), indexed.length);
    for (const { event, id } of indexed) assert.equal(sg.store.get("OfferingEvent", id)!.kind, kinds[event.name]);
    const deposited = logs
      .filter((l) => l.event.name === "Subscribed")
      .reduce((s, l) => s + (l.event.args.value as bigint), 0n);
    const days = sg.store.all("OfferingDailySnapshot");
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
});
