import { Interface, type BlockTag } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import type { ContractNotFoundError } from "../../errors/notFound.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import * as st from "../../generated/abis/SecurityToken.js";
import { abiCall, multicall, type ContractCall } from "../../multicall/multicall.js";
import { expand } from "../../utils/abi.js";
import type { StokitRunner } from "../../utils/runner.js";
import {
  deployBlock,
  offeringFactoryInterface,
  readLogs,
  resolveOfferingFactory,
  resolveTokenFactory,
  tokenFactoryInterface,
  type FactoryParameters,
} from "./shared.js";

export type ListIpsParameters = FactoryParameters & {
  /** First block to read `TokenCreated` from (default: the address book's TokenFactory block, else 0). */
  fromBlock?: BlockTag;
  /** Last block (default `"latest"`). */
  toBlock?: BlockTag;
  /**
   * Also read each token's live supply and (when the OfferingFactory is known) its offering count: one Multicall3
   * round trip more. Default `true`.
   */
  live?: boolean;
  multicallAddress?: string;
};

/** One listed IP: its token's metadata as the factory emitted it, and (with `live`) its current figures. */
export type IpListing = {
  ipId: string;
  token: string;
  name: string;
  symbol: string;
  decimals: number;
  /** The IP's description URI (emitted only, so read from the event). */
  uri: string;
  registry: string;
  distributor: string;
  /** Position in the factory's list (0 first). */
  index: number;
  blockNumber: number;
  transactionHash: string;
  /** With `live`: the token's total supply. */
  totalSupply?: bigint;
  /** With `live` and a known OfferingFactory: offerings opened for the token. */
  offeringCount?: bigint;
};
export type ListIpsReturnType = IpListing[];
export type ListIpsErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | ContractNotFoundError | NetworkError | RpcError;

const supplyViews = /*#__PURE__*/ new Interface(expand("function", [st.totalSupply]));

/**
 * A platform's IPs, in creation order: from the TokenFactory's `TokenCreated` events (**one** `eth_getLogs`), which
 * carry the IP id, name, symbol, decimals, URI, registry and distributor; with `live` (default) each token's supply
 * and offering count in **one** Multicall3 round trip more. Chains whose RPC limits `eth_getLogs` ranges need
 * `fromBlock` (the address book's TokenFactory block is the default).
 *
 * @example
 * ```ts
 * import { listIps } from "@stokit/sdk";
 * for (const ip of await listIps(provider)) console.log(ip.symbol, ip.uri, ip.totalSupply, ip.offeringCount);
 * ```
 */
export async function listIps(runner: StokitRunner, p: ListIpsParameters = {}): Promise<ListIpsReturnType> {
  const factory = await resolveTokenFactory(runner, p);
  const fromBlock = p.fromBlock ?? (p.tokenFactory ? 0 : await deployBlock(runner, p, "TokenFactory"));
  const event = tokenFactoryInterface.getEvent("TokenCreated")!;
  const logs = await readLogs(runner, factory, [event.topicHash], fromBlock, p.toBlock ?? "latest");
  const ips: IpListing[] = logs.map((log) => {
    const a = tokenFactoryInterface.parseLog(log)!.args;
    return {
      ipId: a.ipId as string,
      token: a.token as string,
      name: a.params.name as string,
      symbol: a.params.symbol as string,
      decimals: Number(a.decimals),
      uri: a.params.uri as string,
      registry: a.registry as string,
      distributor: a.distributor as string,
      index: Number(a.tokenCount) - 1,
      blockNumber: log.blockNumber,
      transactionHash: log.transactionHash,
    };
  });
  if (p.live === false || ips.length === 0) return ips;
  const offeringFactory = await resolveOfferingFactory(runner, p).catch(() => undefined);
  const calls: ContractCall[] = [];
  for (const ip of ips) {
    calls.push(abiCall(ip.token, supplyViews, "totalSupply", []));
    if (offeringFactory) calls.push(abiCall(offeringFactory, offeringFactoryInterface, "offeringCount", [ip.token]));
  }
  const r = (await multicall(runner, { ...p, calls })) as unknown[];
  let i = 0;
  for (const ip of ips) {
    ip.totalSupply = r[i++] as bigint;
    if (offeringFactory) ip.offeringCount = r[i++] as bigint;
  }
  return ips;
}
