import type { BlockTag } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import type { ContractNotFoundError } from "../../errors/notFound.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import { abiCall, multicall } from "../../multicall/multicall.js";
import { rememberUnits, unitsCalls, unitsOf } from "../../utils/tokenUnits.js";
import type { StokitRunner } from "../../utils/runner.js";
import { assertAddress, assertUint } from "../../utils/validate.js";
import {
  marketInterface,
  normalizeSigned,
  orderTuple,
  resolveMarket,
  toFillCheck,
  type FillCheck,
  type MarketParameters,
  type SignedOrder,
} from "./shared.js";

export type CheckFillParameters = MarketParameters & {
  /** The signed order to take. */
  order: SignedOrder;
  /** Token units to fill. */
  amount: bigint;
  /** Who would take it (the signer of the fill): the other party of both legs. */
  taker: string;
  /** Multicall3 address (default: the chain's). */
  multicallAddress?: string;
  blockTag?: BlockTag;
};
export type CheckFillReturnType = FillCheck;
export type CheckFillErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | ContractNotFoundError | NetworkError | RpcError;

/**
 * Asks the market whether `taker` could fill `amount` of a signed order now (`checkFill`, with the order's hash and,
 * the first time, the payment token's units, in one Multicall3 round trip): `fillable`, else the first reason,
 * typed: `InvalidSignature`, `Cancelled`, `Expired`, `Filled`, `Overfilled`, `ZeroAmount`, `SelfTrade`,
 * `TokenRestricted` (with the token's restriction code, its name and sentence), the seller's or the buyer's balance
 * or allowance. Also the quote: what the buyer pays, the fee and what the order has left. Never throws for a refusal.
 *
 * @example
 * ```ts
 * import { checkFill } from "@stokit/sdk/market";
 *
 * const check = await checkFill(provider, { market, order: signed, amount, taker: me });
 * if (!check.fillable) console.log(check.reason, check.restrictionName, check.message);
 * ```
 */
export async function checkFill(runner: StokitRunner, parameters: CheckFillParameters): Promise<CheckFillReturnType> {
  const { order, signature } = normalizeSigned(parameters.order);
  const amount = assertUint("amount", parameters.amount);
  const taker = assertAddress("taker", parameters.taker);
  const market = await resolveMarket(runner, parameters);
  const known = unitsOf(runner, order.paymentToken);
  const tuple = orderTuple(order);
  const [raw, hash, decimals, symbol] = await multicall(runner, {
    ...parameters,
    calls: [
      abiCall(market, marketInterface, "checkFill", [tuple, signature, amount, taker]),
      abiCall<string>(market, marketInterface, "hashOrder", [tuple]),
      ...(known ? [] : unitsCalls(order.paymentToken)),
    ],
  });
  const units = known ?? rememberUnits(runner, order.paymentToken, decimals, symbol);
  return toFillCheck(raw as Parameters<typeof toFillCheck>[0], { order, hash: hash as string, taker, amount, units });
}
