import { Interface } from "ethers";

import * as erc20 from "../generated/abis/IERC20Metadata.js";
import { abiCall, multicall, type ContractCall, type MulticallParameters } from "../multicall/multicall.js";
import { expand } from "./abi.js";
import type { StokitRunner } from "./runner.js";
import type { TokenUnits } from "./units.js";

const unitsByProvider = new WeakMap<object, Map<string, TokenUnits>>();
const unitsInterface = /*#__PURE__*/ new Interface(expand("function", [erc20.decimals, erc20.symbol]));

/**
 * @internal The units (decimals, symbol) already read through this runner's provider, by token address (lower
 * case): decimals and symbols never change, so each token's are read once per provider.
 */
export function knownUnits(runner: StokitRunner): Map<string, TokenUnits> {
  const key = (runner.provider ?? runner) as object;
  let map = unitsByProvider.get(key);
  if (!map) unitsByProvider.set(key, (map = new Map()));
  return map;
}

/** @internal The two reads of a token's units, to batch with other calls; see {@link rememberUnits}. */
export function unitsCalls(token: string): ContractCall[] {
  return [abiCall(token, unitsInterface, "decimals", []), abiCall(token, unitsInterface, "symbol", [])];
}

/** @internal Records the answers of {@link unitsCalls} (`decimals`, `symbol`, in that order). */
export function rememberUnits(runner: StokitRunner, token: string, decimals: unknown, symbol: unknown): TokenUnits {
  const units = { decimals: Number(decimals), symbol: String(symbol) };
  knownUnits(runner).set(token.toLowerCase(), units);
  return units;
}

/** @internal The units of `token` when already read through this provider. */
export function unitsOf(runner: StokitRunner, token: string): TokenUnits | undefined {
  return knownUnits(runner).get(token.toLowerCase());
}

/**
 * @internal The units of every token in `tokens`: those not read yet through this provider in one Multicall3 round
 * trip (none when all are known).
 */
export async function readUnits(
  runner: StokitRunner,
  tokens: readonly string[],
  parameters: Omit<MulticallParameters<readonly ContractCall[]>, "calls" | "allowFailure">,
): Promise<(token: string) => TokenUnits> {
  const missing = [...new Set(tokens.filter((t) => !unitsOf(runner, t)))];
  if (missing.length) {
    const r = await multicall(runner, { ...parameters, calls: missing.flatMap(unitsCalls) });
    missing.forEach((t, k) => rememberUnits(runner, t, r[2 * k], r[2 * k + 1]));
  }
  return (token) => unitsOf(runner, token)!;
}
