import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";

import { Interface } from "ethers";

import * as dd from "../src/generated/abis/DividendDistributor.js";
import * as ir from "../src/generated/abis/IdentityRegistry.js";
import * as ofr from "../src/generated/abis/Offering.js";
import * as oc from "../src/generated/abis/OracleCircuitBreaker.js";
import * as pt from "../src/generated/abis/Points.js";
import * as st from "../src/generated/abis/SecurityToken.js";
import * as of from "../src/generated/abis/OfferingFactory.js";
import * as tf from "../src/generated/abis/TokenFactory.js";
import * as mk from "../src/generated/abis/Market.js";
import { suiteErrorsAbi, suiteEventsAbi } from "../src/generated/abis/suite.js";
import { sdkDir } from "./chain.js";

type SizeModule = {
  BUDGETS: { action: number; whole: number };
  ACTIONS: readonly string[];
  measureSdkSize(): Promise<{
    actions: Record<string, number>;
    whole: number;
    market: number;
    withMarket: number;
  }>;
  entryOf(name: string): string;
  checkSdkSize(
    committed: { actions: Record<string, number>; whole: number },
    measured: { actions: Record<string, number>; whole: number },
  ): string[];
};
const root = path.resolve(sdkDir, "..");
const loadSize = async () => (await import(path.join(root, "bench", "sdk-size.mjs"))) as SizeModule;

const artifactAbi = (file: string) =>
  new Interface(JSON.parse(readFileSync(path.join(root, "artifacts/contracts", file), "utf8")).abi);
const formats = (iface: Interface) => iface.fragments.map((f) => f.format("full")).sort();

describe("bundle size", () => {
  it("every action alone and the whole SDK are within the issue-15 budgets (esbuild, minified, ethers external)", async () => {
    const { BUDGETS, ACTIONS, measureSdkSize, checkSdkSize, entryOf } = await loadSize();
    assert.deepEqual(BUDGETS, { action: 25_000, whole: 120_000 });
    // The action list is read from the tree: every one-operation file, so none escapes the gate.
    for (const name of ["checkTransfer", "getPortfolio", "subscribe", "createDistribution", "deployOffering"])
      assert.ok(ACTIONS.includes(name), name);
    const measured = await measureSdkSize();
    const over = Object.entries(measured.actions).filter(([, bytes]) => bytes > BUDGETS.action);
    assert.deepEqual(over, [], "actions over 25 KB");
    assert.ok(measured.whole <= BUDGETS.whole, `whole SDK ${measured.whole} bytes`);
    // The market's actions are measured from `@stokit/sdk/market`, as an app imports them; the entry is measured
    // alone and with the main one (whose size it does not change: it is not part of it).
    for (const name of [
      "signOrder",
      "fillOrder",
      "matchOrders",
      "cancelOrder",
      "cancelOrdersUpTo",
      "getOrderStatus",
      "checkFill",
      "getOrderBook",
    ]) {
      assert.ok(ACTIONS.includes(name), name);
      assert.ok(entryOf(name).endsWith(path.join("src", "market.ts")), name);
    }
    assert.ok(measured.market > 0 && measured.withMarket > measured.whole, JSON.stringify(measured));
    assert.deepEqual(checkSdkSize(measured, measured), []);
    // The gate: over budget fails even without a committed figure; growth over the committed figure fails too.
    const grown = { ...measured, actions: { ...measured.actions, transfer: BUDGETS.action + 1 } };
    assert.deepEqual(checkSdkSize({ actions: {}, whole: measured.whole }, grown), [
      `transfer alone: ${BUDGETS.action + 1} bytes, over the budget of ${BUDGETS.action} (OVER BUDGET)`,
    ]);
    const base = { actions: { transfer: 10_000 }, whole: measured.whole };
    assert.deepEqual(checkSdkSize(base, { actions: { transfer: 10_200 }, whole: measured.whole }), [
      "transfer alone: 10000 -> 10200 bytes (REGRESSION)",
    ]);
  });

  it("the compact generated fragments expand to exactly the artifacts' ABIs", () => {
    const pairs: [readonly string[], string][] = [
      [st.securityTokenAbi, "token/SecurityToken.sol/SecurityToken.json"],
      [dd.dividendDistributorAbi, "dividends/DividendDistributor.sol/DividendDistributor.json"],
      [ir.identityRegistryAbi, "token/IdentityRegistry.sol/IdentityRegistry.json"],
      [ofr.offeringAbi, "offering/Offering.sol/Offering.json"],
      [pt.pointsAbi, "points/Points.sol/Points.json"],
      [oc.oracleCircuitBreakerAbi, "oracle/OracleCircuitBreaker.sol/OracleCircuitBreaker.json"],
      [tf.tokenFactoryAbi, "factory/TokenFactory.sol/TokenFactory.json"],
      [of.offeringFactoryAbi, "factory/OfferingFactory.sol/OfferingFactory.json"],
    ];
    const errors = new Set<string>();
    const events = new Set<string>();
    for (const [abi, file] of pairs) {
      const artifact = artifactAbi(file);
      assert.deepEqual(formats(new Interface(abi)), formats(artifact), file);
      artifact.forEachError((e) => errors.add(e.format("full")));
      artifact.forEachEvent((e) => events.add(e.format("full")));
    }
    // The suite tables hold every error and event once (and OpenZeppelin's ERC-20 errors).
    for (const e of errors) assert.ok(suiteErrorsAbi.includes(e), e);
    for (const e of events) assert.ok(suiteEventsAbi.includes(e), e);
    assert.equal(new Set(suiteErrorsAbi).size, suiteErrorsAbi.length);
  });

  it("the Market's module (its own entry) expands to its artifact's ABI, and stays out of the suite tables", () => {
    assert.deepEqual(formats(new Interface(mk.marketAbi)), formats(artifactAbi("market/Market.sol/Market.json")));
    // Kept out of the shared tables, which the main entry bundles for revert and log decoding.
    assert.ok(!suiteErrorsAbi.some((e) => e.startsWith("error Market")));
    assert.ok(!suiteEventsAbi.some((e) => e.startsWith("event Trade(") || e.startsWith("event OrderCancelled(")));
  });
});
