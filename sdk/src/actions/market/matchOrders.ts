import type { TransactionResponse } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import type { ContractNotFoundError } from "../../errors/notFound.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import type { TransactionFailedError, TransactionReplacedError } from "../../errors/transaction.js";
import type {
  SimulateResult,
  TransactionOptions,
  WaitOptions,
  WriteReceipt,
  WriteRequest,
} from "../../transactions/write.js";
import type { StokitRunner } from "../../utils/runner.js";
import { assertPositive } from "../../utils/validate.js";
import { buildWrite, eventArgs, writeForms } from "../shared.js";
import {
  marketWriteInterface,
  normalizeSigned,
  orderTuple,
  resolveMarket,
  toTrade,
  type MarketParameters,
  type SignedOrder,
  type Trade,
} from "./shared.js";

export type MatchOrdersParameters = MarketParameters &
  TransactionOptions & {
    /** The signed buy order. */
    buy: SignedOrder;
    /** The signed sell order (same token and payment token); the trade settles at its price. */
    sell: SignedOrder;
    /** Token units to settle (at most what each order has left). */
    amount: bigint;
  };
export type MatchOrdersReturnType = TransactionResponse;
export type MatchOrdersAndWaitReturnType = WriteReceipt & {
  /** The `Trade` event's values. */
  trade: Trade;
};
export type MatchOrdersErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | ContractNotFoundError | NetworkError | RpcError;
export type MatchOrdersAndWaitErrorType = MatchOrdersErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the call: settles two crossing orders against each other (`matchOrders`) at the sell order's price; the
 * buyer pays the fee on top. The signer needs the market's `OPERATOR_ROLE`. Refusals decode as `MarketNotCrossed`,
 * `MarketOrdersMismatch`, `MarketSelfTrade`... or the token's restriction.
 *
 * @example
 * ```ts
 * import { prepareMatchOrders } from "@stokit/sdk/market";
 * const request = await prepareMatchOrders(operator, { market, buy, sell, amount });
 * ```
 */
export async function prepareMatchOrders(runner: StokitRunner, p: MatchOrdersParameters): Promise<WriteRequest<[]>> {
  const buy = normalizeSigned(p.buy, "buy");
  const sell = normalizeSigned(p.sell, "sell");
  const amount = assertPositive("amount", p.amount);
  const market = await resolveMarket(runner, p);
  return buildWrite(runner, p, market, marketWriteInterface, "matchOrders", [
    orderTuple(buy.order),
    buy.signature,
    orderTuple(sell.order),
    sell.signature,
    amount,
  ]);
}

const forms = /*#__PURE__*/ writeForms(prepareMatchOrders, (r) => ({ trade: toTrade(eventArgs(r, "Trade")) }));

/**
 * Simulates the match from the signer (an `eth_call`): the decoded refusal if it would fail. Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateMatchOrders } from "@stokit/sdk/market";
 * await simulateMatchOrders(operator, { market, buy, sell, amount });
 * ```
 */
export function simulateMatchOrders(runner: StokitRunner, p: MatchOrdersParameters): Promise<SimulateResult<[]>> {
  return forms.simulate(runner, p);
}

/**
 * Matches the orders (`matchOrders`). Estimates first: a refusal throws the decoded {@link ContractRevertError}
 * before anything is signed.
 *
 * @example
 * ```ts
 * import { matchOrders } from "@stokit/sdk/market";
 * const tx = await matchOrders(operator, { market, buy, sell, amount });
 * ```
 */
export function matchOrders(runner: StokitRunner, p: MatchOrdersParameters): Promise<MatchOrdersReturnType> {
  return forms.send(runner, p);
}

/**
 * Matches the orders, waits for `confirmations` and returns the receipt and the `Trade` values.
 *
 * @example
 * ```ts
 * import { matchOrdersAndWait } from "@stokit/sdk/market";
 * const { trade } = await matchOrdersAndWait(operator, { market, buy, sell, amount });
 * ```
 */
export function matchOrdersAndWait(
  runner: StokitRunner,
  p: MatchOrdersParameters & WaitOptions,
): Promise<MatchOrdersAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
