import { Interface, id, isHexString, type BlockTag, type Log } from "ethers";

import type { ContractName } from "../../addresses.js";
import { getAddressBook } from "../../addresses.js";
import { registerCatalogue } from "../../errors/catalogue.js";
import { toStokitError } from "../../errors/normalize.js";
import { InvalidParameterError } from "../../errors/parameter.js";
import { factoryReasons } from "../../errors/reasons/factory.js";
import { offeringDeployReasons } from "../../errors/reasons/offering.js";
import * as ev from "../../generated/abis/events.js";
import * as ofr from "../../generated/abis/Offering.js";
import * as of from "../../generated/abis/OfferingFactory.js";
import * as tf from "../../generated/abis/TokenFactory.js";
import { expand } from "../../utils/abi.js";
import { getChainId, getProvider, type StokitRunner } from "../../utils/runner.js";
import { resolveTarget, type AreaParameters } from "../shared.js";

/**
 * Parameters every factory action accepts: which TokenFactory and OfferingFactory (default: the address book's
 * `TokenFactory` and `OfferingFactory`).
 *
 * @example
 * ```ts
 * import type { FactoryParameters } from "@stokit/sdk";
 * const p: FactoryParameters = { tokenFactory: "0x…" };
 * ```
 */
export type FactoryParameters = AreaParameters & {
  /** The TokenFactory; default `addresses.TokenFactory`, then the built-in address book. */
  tokenFactory?: string;
  /** The OfferingFactory; default `addresses.OfferingFactory`, then the built-in address book. */
  offeringFactory?: string;
};

/** @internal The token factory's function and event the SDK uses, and its errors registered. */
export const tokenFactoryInterface = /*#__PURE__*/ (() => {
  registerCatalogue({ errors: tf.tokenFactoryErrors, reasons: factoryReasons });
  return new Interface([...expand("function", [tf.createToken]), ...expand("event", [ev.TokenCreated])]);
})();

/** @internal The offering factory's functions the SDK calls, its events, and its errors (and the Offering
 * constructor's, which propagate through `createOffering`) registered. */
export const offeringFactoryInterface = /*#__PURE__*/ (() => {
  registerCatalogue({ errors: [...of.offeringFactoryErrors, ...ofr.offeringErrors], reasons: factoryReasons });
  registerCatalogue({ reasons: offeringDeployReasons });
  return new Interface([
    ...expand("function", [of.createOffering, of.offeringCount]),
    ...expand("event", [ev.OfferingCreated]),
  ]);
})();

/** @internal */
export function resolveTokenFactory(runner: StokitRunner, p: FactoryParameters): Promise<string> {
  return resolveTarget(runner, p, "tokenFactory", p.tokenFactory, "TokenFactory");
}

/** @internal */
export function resolveOfferingFactory(runner: StokitRunner, p: FactoryParameters): Promise<string> {
  return resolveTarget(runner, p, "offeringFactory", p.offeringFactory, "OfferingFactory");
}

/** @internal The block the address book records for `name` (where its events start), else 0. */
export async function deployBlock(runner: StokitRunner, p: AreaParameters, name: ContractName): Promise<number> {
  const chainId = await getChainId(runner, p.chainId);
  return getAddressBook(chainId)?.contracts[name]?.blockNumber ?? 0;
}

/**
 * The IP id of `value`: a 32-byte hex string as is, otherwise keccak256 of the label (e.g. a catalogue reference).
 *
 * @example
 * ```ts
 * import { toIpId } from "@stokit/sdk";
 * const ipId = toIpId("webtoon:moonlit-garden");
 * ```
 */
export function toIpId(value: string): string {
  if (typeof value !== "string" || value.length === 0)
    throw new InvalidParameterError({ parameter: "ipId", value, expected: "a 32-byte hex id or a non-empty label" });
  const ipId = isHexString(value, 32) ? value.toLowerCase() : id(value);
  if (/^0x0{64}$/.test(ipId))
    throw new InvalidParameterError({ parameter: "ipId", value, expected: "a non-zero IP id" });
  return ipId;
}

/** @internal `eth_getLogs` of one event of `address`, with optional indexed topics. */
export async function readLogs(
  runner: StokitRunner,
  address: string,
  topics: (string | null)[],
  fromBlock: BlockTag,
  toBlock: BlockTag,
): Promise<Log[]> {
  try {
    return await getProvider(runner).getLogs({ address, topics, fromBlock, toBlock });
  } catch (error) {
    throw toStokitError(error, { contractAddress: address, functionName: "eth_getLogs" });
  }
}
