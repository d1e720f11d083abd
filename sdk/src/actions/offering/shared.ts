import { Contract, Interface, ZeroAddress } from "ethers";

import { registerCatalogue } from "../../errors/catalogue.js";
import { offeringReasons } from "../../errors/reasons/offering.js";
import * as ofr from "../../generated/abis/Offering.js";
import type { Offering } from "../../generated/types/Offering.js";
import { expand } from "../../utils/abi.js";
import type { StokitRunner } from "../../utils/runner.js";
import { assertAddress, assertUint } from "../../utils/validate.js";
import { resolveTarget, type AreaParameters } from "../shared.js";
import type { OfferingDeployTerms } from "./deployOffering.js";

/**
 * Parameters every offering action accepts: which Offering (default: the address book's `Offering`).
 *
 * @example
 * ```ts
 * import type { OfferingBaseParameters } from "@stokit/sdk";
 * const p: OfferingBaseParameters = { offering: "0x…" };
 * ```
 */
export type OfferingBaseParameters = AreaParameters & {
  /** The Offering; default `addresses.Offering`, then the built-in address book. */
  offering?: string;
};

/**
 * Offering status (`IOffering.Status`) by name.
 *
 * @example
 * ```ts
 * import type { OfferingStatus } from "@stokit/sdk";
 * const s: OfferingStatus = "Succeeded";
 * ```
 */
export type OfferingStatus = "Active" | "Succeeded" | "Failed" | "Cancelled";
/** @internal */
export const OFFERING_STATUSES: readonly OfferingStatus[] = ["Active", "Succeeded", "Failed", "Cancelled"];

/**
 * Offering phase (`IOffering.Phase`, status combined with the time window) by name.
 *
 * @example
 * ```ts
 * import type { OfferingPhase } from "@stokit/sdk";
 * const p: OfferingPhase = "Open";
 * ```
 */
export type OfferingPhase = "Upcoming" | "Open" | "Closed" | "Succeeded" | "Failed" | "Cancelled";
/** @internal */
export const OFFERING_PHASES: readonly OfferingPhase[] = [
  "Upcoming",
  "Open",
  "Closed",
  "Succeeded",
  "Failed",
  "Cancelled",
];

/** @internal The offering functions the SDK calls (one generated fragment each: a bundle carries no others). */
// The area's errors and sentences are registered inside this pure initialiser, not by a top-level call: a bundle
// that uses none of the area's interfaces drops both, also when bundling the flat dist/index.js (bundlers keep any
// top-level call).
const offeringFunctions: string[] = /*#__PURE__*/ (() => {
  registerCatalogue({ errors: ofr.offeringErrors, reasons: offeringReasons });
  return expand("function", [
    ofr.terms,
    ofr.phase,
    ofr.status,
    ofr.totalSubscribedValue,
    ofr.totalTokensMinted,
    ofr.subscriptionOf,
    ofr.allocationOf,
    ofr.subscribe,
    ofr.subscribeWithPermit,
    ofr.finalise,
    ofr.settle,
    ofr.claim,
  ]);
})();

/** @internal */
export const offeringInterface = /*#__PURE__*/ new Interface(offeringFunctions);

/** @internal {@link offeringInterface} and the contract's events, for writes (their receipts decode its events). */
export const offeringWriteInterface = /*#__PURE__*/ (() =>
  new Interface([...offeringFunctions, ...expand("event", ofr.offeringEvents)]))();

/** @internal */
export function resolveOffering(runner: StokitRunner, p: OfferingBaseParameters): Promise<string> {
  return resolveTarget(runner, p, "offering", p.offering, "Offering");
}

/** @internal */
export function offeringAt(address: string, runner: StokitRunner): Offering {
  // The functions the SDK calls only; reverts decode through the registered catalogue.
  return new Contract(address, offeringInterface, runner) as unknown as Offering;
}

/** @internal The constructor's `Terms` from {@link OfferingDeployTerms}, validated (the contract checks the rest). */
export function offeringTerms(t: OfferingDeployTerms) {
  return {
    token: assertAddress("terms.token", t.token),
    paymentToken: assertAddress("terms.paymentToken", t.paymentToken),
    price: assertUint("terms.price", t.price),
    minSubscription: assertUint("terms.minSubscription", t.minSubscription),
    maxSubscription: assertUint("terms.maxSubscription", t.maxSubscription),
    softCap: assertUint("terms.softCap", t.softCap),
    hardCap: assertUint("terms.hardCap", t.hardCap),
    startTime: assertUint("terms.startTime", t.startTime, (1n << 64n) - 1n),
    endTime: assertUint("terms.endTime", t.endTime, (1n << 64n) - 1n),
    lockupEnd: assertUint("terms.lockupEnd", t.lockupEnd, (1n << 64n) - 1n),
    treasury: assertAddress("terms.treasury", t.treasury),
    oracle: assertAddress("terms.oracle", t.oracle ?? ZeroAddress, { allowZero: true }),
    oracleAsset: assertAddress("terms.oracleAsset", t.oracleAsset ?? ZeroAddress, { allowZero: true }),
  };
}
