import { Contract, Interface } from "ethers";

import { registerCatalogue } from "../../errors/catalogue.js";
import { oracleReasons } from "../../errors/reasons/oracle.js";
import * as oc from "../../generated/abis/OracleCircuitBreaker.js";
import type { OracleCircuitBreaker } from "../../generated/types/OracleCircuitBreaker.js";
import { expand } from "../../utils/abi.js";
import type { StokitRunner } from "../../utils/runner.js";
import { resolveTarget, type AreaParameters } from "../shared.js";

/**
 * Parameters every oracle action accepts: which OracleCircuitBreaker (default: the address book's).
 *
 * @example
 * ```ts
 * import type { OracleBaseParameters } from "@stokit/sdk";
 * const p: OracleBaseParameters = { oracle: "0x…" };
 * ```
 */
export type OracleBaseParameters = AreaParameters & {
  /** The OracleCircuitBreaker; default `addresses.OracleCircuitBreaker`, then the built-in address book. */
  oracle?: string;
};

export { ORACLE_REASONS, ORACLE_STATUSES, type OracleReason, type OracleStatus } from "./enums.js";

/** @internal The oracle functions the SDK calls (one generated fragment each: a bundle carries no others). */
// The area's errors and sentences are registered inside this pure initialiser, not by a top-level call: a bundle
// that uses none of the area's interfaces drops both, also when bundling the flat dist/index.js (bundlers keep any
// top-level call).
export const oracleInterface = /*#__PURE__*/ (() => {
  registerCatalogue({
    errors: oc.oracleCircuitBreakerErrors,
    reasons: oracleReasons,
  });
  return new Interface(expand("function", [oc.priceOf, oc.peek, oc.statusOf, oc.assetState, oc.assetConfig]));
})();

/** @internal */
export function resolveOracle(runner: StokitRunner, p: OracleBaseParameters): Promise<string> {
  return resolveTarget(runner, p, "oracle", p.oracle, "OracleCircuitBreaker");
}

/** @internal */
export function oracleAt(address: string, runner: StokitRunner): OracleCircuitBreaker {
  // The functions the SDK calls only; reverts decode through the registered catalogue.
  return new Contract(address, oracleInterface, runner) as unknown as OracleCircuitBreaker;
}
