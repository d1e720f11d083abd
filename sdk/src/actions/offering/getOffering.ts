import type { BlockTag } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import { contractCall, multicall, type ContractCall } from "../../multicall/multicall.js";
import type { StokitRunner } from "../../utils/runner.js";
import { readUnits } from "../../utils/tokenUnits.js";
import { assertAddress } from "../../utils/validate.js";
import {
  OFFERING_PHASES,
  OFFERING_STATUSES,
  offeringAt,
  resolveOffering,
  type OfferingBaseParameters,
  type OfferingPhase,
  type OfferingStatus,
} from "./shared.js";

export type GetOfferingParameters = OfferingBaseParameters & {
  /** Also read this investor's subscription and allocation (in the same round trip). */
  account?: string;
  multicallAddress?: string;
  blockTag?: BlockTag;
};

/**
 * An offering's terms (`IOffering.Terms`) with plain fields.
 *
 * @example
 * ```ts
 * import { getOffering, type OfferingTerms } from "@stokit/sdk";
 * const terms: OfferingTerms = (await getOffering(provider, { offering })).terms;
 * ```
 */
export type OfferingTerms = {
  token: string;
  paymentToken: string;
  price: bigint;
  minSubscription: bigint;
  maxSubscription: bigint;
  softCap: bigint;
  hardCap: bigint;
  startTime: bigint;
  endTime: bigint;
  lockupEnd: bigint;
  treasury: string;
  oracle: string;
  oracleAsset: string;
};

/**
 * An investor's allocation (`allocationOf`): what settlement would give and refund now.
 *
 * @example
 * ```ts
 * import type { OfferingAllocation } from "@stokit/sdk";
 * const a: OfferingAllocation | null = (await getOffering(provider, { offering, account })).allocation;
 * ```
 */
export type OfferingAllocation = {
  tokens: bigint;
  stableCharged: bigint;
  nativeCharged: bigint;
  stableRefund: bigint;
  nativeRefund: bigint;
  /** The deposits. */
  stableAmount: bigint;
  nativeAmount: bigint;
  settled: boolean;
};

export type GetOfferingReturnType = {
  offering: string;
  terms: OfferingTerms;
  status: OfferingStatus;
  phase: OfferingPhase;
  totalSubscribedValue: bigint;
  totalTokensMinted: bigint;
  /**
   * The payment token's decimals and symbol, for {@link formatAmount}: `price` (per whole security token), the
   * subscription bounds, the caps, `totalSubscribedValue` and the allocation's stable amounts are in its units.
   */
  paymentDecimals: number;
  paymentSymbol: string;
  /** The security token's decimals and symbol: `totalTokensMinted` and the allocation's `tokens` are in its units. */
  tokenDecimals: number;
  tokenSymbol: string;
  /** The account's allocation, when `account` was given. */
  allocation: OfferingAllocation | null;
};
export type GetOfferingErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;

/**
 * Terms, status, phase, totals and (with `account`) the investor's subscription and allocation, in one Multicall3
 * round trip.
 *
 * @example
 * ```ts
 * import { getOffering } from "@stokit/sdk";
 *
 * const { terms, phase, allocation } = await getOffering(provider, { offering, account: me });
 * if (phase === "Succeeded") console.log(`claim ${allocation!.tokens} tokens, refund ${allocation!.stableRefund}`);
 * ```
 */
export async function getOffering(
  runner: StokitRunner,
  parameters: GetOfferingParameters,
): Promise<GetOfferingReturnType> {
  const account = parameters.account === undefined ? undefined : assertAddress("account", parameters.account);
  const address = await resolveOffering(runner, parameters);
  const c = offeringAt(address, runner);
  const calls: ContractCall[] = [
    contractCall(c, "terms", []),
    contractCall(c, "status", []),
    contractCall(c, "phase", []),
    contractCall(c, "totalSubscribedValue", []),
    contractCall(c, "totalTokensMinted", []),
  ];
  if (account) calls.push(contractCall(c, "allocationOf", [account]), contractCall(c, "subscriptionOf", [account]));
  const r = await multicall(runner, { ...parameters, calls });
  const t = r[0] as Awaited<ReturnType<typeof c.terms>>;
  // Units: read once per provider (one more round trip the first time these tokens are seen), then remembered.
  const units = await readUnits(runner, [t.token, t.paymentToken], parameters);
  const payment = units(t.paymentToken);
  const token = units(t.token);
  let allocation: OfferingAllocation | null = null;
  if (account) {
    const a = r[5] as Awaited<ReturnType<typeof c.allocationOf>>;
    const s = r[6] as Awaited<ReturnType<typeof c.subscriptionOf>>;
    allocation = {
      tokens: a.tokens,
      stableCharged: a.stableCharged,
      nativeCharged: a.nativeCharged,
      stableRefund: a.stableRefund,
      nativeRefund: a.nativeRefund,
      stableAmount: s.stableAmount,
      nativeAmount: s.nativeAmount,
      settled: s.settled,
    };
  }
  return {
    offering: address,
    terms: {
      token: t.token,
      paymentToken: t.paymentToken,
      price: t.price,
      minSubscription: t.minSubscription,
      maxSubscription: t.maxSubscription,
      softCap: t.softCap,
      hardCap: t.hardCap,
      startTime: t.startTime,
      endTime: t.endTime,
      lockupEnd: t.lockupEnd,
      treasury: t.treasury,
      oracle: t.oracle,
      oracleAsset: t.oracleAsset,
    },
    status: OFFERING_STATUSES[Number(r[1])] ?? "Active",
    phase: OFFERING_PHASES[Number(r[2])] ?? "Upcoming",
    totalSubscribedValue: r[3] as bigint,
    totalTokensMinted: r[4] as bigint,
    paymentDecimals: payment.decimals,
    paymentSymbol: payment.symbol,
    tokenDecimals: token.decimals,
    tokenSymbol: token.symbol,
    allocation,
  };
}
