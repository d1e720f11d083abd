import { Contract, Interface } from "ethers";

import { offeringFunctionsAbi } from "../../generated/abis/Offering.js";
import type { Offering } from "../../generated/types/Offering.js";
import type { StokitRunner } from "../../utils/runner.js";
import { resolveTarget, type AreaParameters } from "../shared.js";

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

/** @internal */
export const offeringInterface = /*#__PURE__*/ new Interface(offeringFunctionsAbi);

/** @internal */
export function resolveOffering(runner: StokitRunner, p: OfferingBaseParameters): Promise<string> {
  return resolveTarget(runner, p, "offering", p.offering, "Offering");
}

/** @internal */
export function offeringAt(address: string, runner: StokitRunner): Offering {
  // Functions only: reverts are decoded through the suite's error table, so a single action bundles no more ABI.
  return new Contract(address, offeringFunctionsAbi, runner) as unknown as Offering;
}
