import { Contract, Interface } from "ethers";

import { securityTokenFunctionsAbi } from "../../generated/abis/SecurityToken.js";
import type { SecurityToken } from "../../generated/types/SecurityToken.js";
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

/** @internal */
export const tokenInterface = /*#__PURE__*/ new Interface(securityTokenFunctionsAbi);

/** @internal */
export function resolveToken(runner: StokitRunner, p: TokenBaseParameters): Promise<string> {
  return resolveTarget(runner, p, "token", p.token, "SecurityToken");
}

/** @internal */
export function tokenAt(address: string, runner: StokitRunner): SecurityToken {
  // Functions only: reverts are decoded through the suite's error table, so a single action bundles no more ABI.
  return new Contract(address, securityTokenFunctionsAbi, runner) as unknown as SecurityToken;
}
