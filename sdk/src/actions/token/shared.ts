import { Contract, Interface } from "ethers";

import { registerCatalogue } from "../../errors/catalogue.js";
import { tokenReasons } from "../../errors/reasons/token.js";
import * as st from "../../generated/abis/SecurityToken.js";
import type { SecurityToken } from "../../generated/types/SecurityToken.js";
import { expand } from "../../utils/abi.js";
import type { StokitRunner } from "../../utils/runner.js";
import { resolveTarget, type AreaParameters } from "../shared.js";

/**
 * Parameters every token action accepts: which SecurityToken (default: the address book's `SecurityToken`).
 *
 * @example
 * ```ts
 * import type { TokenBaseParameters } from "@stokit/sdk";
 * const p: TokenBaseParameters = { token: "0x…" };
 * ```
 */
export type TokenBaseParameters = AreaParameters & {
  /** The SecurityToken; default `addresses.SecurityToken`, then the built-in address book. */
  token?: string;
};

/** @internal The token functions the SDK calls (one generated fragment each: a bundle carries no others). */
// The area's errors and sentences are registered inside this pure initialiser, not by a top-level call: a bundle
// that uses none of the area's interfaces drops both, also when bundling the flat dist/index.js (bundlers keep any
// top-level call).
const tokenFunctions = /*#__PURE__*/ (() => {
  registerCatalogue({ errors: st.securityTokenErrors, reasons: tokenReasons });
  return expand("function", [
    st.balanceOf,
    st.decimals,
    st.symbol,
    st.lockupOf,
    st.isFrozen,
    st.getFrozenTokens,
    st.detectTransferRestriction,
    st.detectTransferFromRestriction,
    st.transfer,
    st.mint,
    st.forcedTransfer,
    st.setFrozenTokens,
    st.setAddressFrozen,
    st.recoverWallet,
    st.setRules,
    st.setCountries,
    st.scheduleRecordDate,
  ]);
})();

/** @internal */
export const tokenInterface = /*#__PURE__*/ new Interface(tokenFunctions);

/** @internal {@link tokenInterface} and the token's events, for writes (their receipts decode its events). */
export const tokenWriteInterface = /*#__PURE__*/ (() =>
  new Interface([...tokenFunctions, ...expand("event", st.securityTokenEvents)]))();

/** @internal */
export function resolveToken(runner: StokitRunner, p: TokenBaseParameters): Promise<string> {
  return resolveTarget(runner, p, "token", p.token, "SecurityToken");
}

/** @internal */
export function tokenAt(address: string, runner: StokitRunner): SecurityToken {
  // The functions the SDK calls only (see tokenFunctions); reverts decode through the registered catalogue.
  return new Contract(address, tokenInterface, runner) as unknown as SecurityToken;
}
