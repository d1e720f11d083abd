import { zeroPadValue, type BlockTag } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import type { ContractNotFoundError } from "../../errors/notFound.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import { abiCall, multicall, type ContractCall } from "../../multicall/multicall.js";
import type { StokitRunner } from "../../utils/runner.js";
import { assertAddress } from "../../utils/validate.js";
import type { OfferingTerms } from "../offering/getOffering.js";
import { OFFERING_PHASES, offeringInterface, type OfferingPhase } from "../offering/shared.js";
import {
  deployBlock,
  offeringFactoryInterface,
  readLogs,
  resolveOfferingFactory,
  type FactoryParameters,
} from "./shared.js";

export type ListOfferingsParameters = FactoryParameters & {
  /** The IP token whose offerings to list; omitted: every token's. */
  token?: string;
  /** First block to read `OfferingCreated` from (default: the address book's OfferingFactory block, else 0). */
  fromBlock?: BlockTag;
  /** Last block (default `"latest"`). */
  toBlock?: BlockTag;
  /** Also read each offering's phase and amount raised: one Multicall3 round trip more. Default `true`. */
  live?: boolean;
  multicallAddress?: string;
};

/** One offering opened through the OfferingFactory: its terms as emitted, and (with `live`) where it stands. */
export type OfferingListing = OfferingTerms & {
  offering: string;
  /** The token's offering number (0 first). */
  index: bigint;
  /** The payment token's decimals (from the event: no extra read). */
  paymentDecimals: number;
  admin: string;
  issuer: string;
  operator: string;
  lockupGranted: boolean;
  blockNumber: number;
  transactionHash: string;
  /** With `live`: the current phase. */
  phase?: OfferingPhase;
  /** With `live`: value subscribed so far (payment-token units). */
  totalSubscribedValue?: bigint;
};
export type ListOfferingsReturnType = OfferingListing[];
export type ListOfferingsErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | ContractNotFoundError | NetworkError | RpcError;

/**
 * The offerings opened through the OfferingFactory (of one IP token, or all), in creation order: their terms, payment
 * decimals and role holders from the `OfferingCreated` events (**one** `eth_getLogs`, filtered on the indexed token),
 * and with `live` (default) each one's phase and amount raised in **one** Multicall3 round trip more.
 *
 * @example
 * ```ts
 * import { listOfferings } from "@stokit/sdk";
 * const open = (await listOfferings(provider, { token })).filter((o) => o.phase === "Open");
 * ```
 */
export async function listOfferings(
  runner: StokitRunner,
  p: ListOfferingsParameters = {},
): Promise<ListOfferingsReturnType> {
  const token = p.token === undefined ? null : zeroPadValue(assertAddress("token", p.token), 32);
  const factory = await resolveOfferingFactory(runner, p);
  const fromBlock = p.fromBlock ?? (p.offeringFactory ? 0 : await deployBlock(runner, p, "OfferingFactory"));
  const event = offeringFactoryInterface.getEvent("OfferingCreated")!;
  const logs = await readLogs(runner, factory, [event.topicHash, null, token], fromBlock, p.toBlock ?? "latest");
  const rows: OfferingListing[] = logs.map((log) => {
    const a = offeringFactoryInterface.parseLog(log)!.args;
    const q = a.params;
    return {
      ...(q.terms.toObject() as Omit<OfferingListing, "offering" | "index" | "paymentDecimals">),
      offering: a.offering as string,
      index: a.index as bigint,
      paymentDecimals: Number(a.paymentDecimals),
      admin: q.admin as string,
      issuer: q.issuer as string,
      operator: q.operator as string,
      lockupGranted: a.lockupGranted as boolean,
      blockNumber: log.blockNumber,
      transactionHash: log.transactionHash,
    };
  });
  if (p.live === false || rows.length === 0) return rows;
  const calls: ContractCall[] = rows.flatMap((o) => [
    abiCall(o.offering, offeringInterface, "phase", []),
    abiCall(o.offering, offeringInterface, "totalSubscribedValue", []),
  ]);
  const r = (await multicall(runner, { ...p, calls })) as unknown[];
  rows.forEach((o, k) => {
    o.phase = OFFERING_PHASES[Number(r[2 * k])];
    o.totalSubscribedValue = r[2 * k + 1] as bigint;
  });
  return rows;
}
