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

export type FillOrderParameters = MarketParameters &
  TransactionOptions & {
    /** The signed order to take. */
    order: SignedOrder;
    /** Token units to fill (at most what the order has left). */
    amount: bigint;
  };
export type FillOrderReturnType = TransactionResponse;
export type FillOrderAndWaitReturnType = WriteReceipt & {
  /** The `Trade` event's values. */
  trade: Trade;
};
export type FillOrderErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | ContractNotFoundError | NetworkError | RpcError;
export type FillOrderAndWaitErrorType = FillOrderErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the call: takes `amount` token units of a signed order (`fill`). The signer is the taker: it delivers the
 * token when the order buys and pays when the order sells (price and fee as {@link checkFill} quotes), and has
 * approved the market for that. Refusals decode as `MarketOrderExpired`, `MarketOverfill`... or the token's
 * `SecurityTokenRestricted` with its restriction code.
 *
 * @example
 * ```ts
 * import { prepareFillOrder } from "@stokit/sdk/market";
 * const request = await prepareFillOrder(taker, { market, order: signed, amount: 10n ** 18n });
 * ```
 */
export async function prepareFillOrder(runner: StokitRunner, p: FillOrderParameters): Promise<WriteRequest<[]>> {
  const { order, signature } = normalizeSigned(p.order);
  const amount = assertPositive("amount", p.amount);
  const market = await resolveMarket(runner, p);
  return buildWrite(runner, p, market, marketWriteInterface, "fill", [orderTuple(order), signature, amount]);
}

const forms = /*#__PURE__*/ writeForms(prepareFillOrder, (r) => ({ trade: toTrade(eventArgs(r, "Trade")) }));

/**
 * Simulates the fill from the signer (an `eth_call`): the decoded refusal if it would fail. Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateFillOrder } from "@stokit/sdk/market";
 * await simulateFillOrder(taker, { market, order: signed, amount });
 * ```
 */
export function simulateFillOrder(runner: StokitRunner, p: FillOrderParameters): Promise<SimulateResult<[]>> {
  return forms.simulate(runner, p);
}

/**
 * Fills the order (`fill`). Estimates first: a refusal throws the decoded {@link ContractRevertError} before anything
 * is signed.
 *
 * @example
 * ```ts
 * import { fillOrder } from "@stokit/sdk/market";
 * const tx = await fillOrder(taker, { market, order: signed, amount });
 * ```
 */
export function fillOrder(runner: StokitRunner, p: FillOrderParameters): Promise<FillOrderReturnType> {
  return forms.send(runner, p);
}

/**
 * Fills the order, waits for `confirmations` and returns the receipt and the `Trade` values.
 *
 * @example
 * ```ts
 * import { fillOrderAndWait } from "@stokit/sdk/market";
 * const { trade } = await fillOrderAndWait(taker, { market, order: signed, amount });
 * console.log(trade.payment, trade.fee, trade.sellRemaining);
 * ```
 */
export function fillOrderAndWait(
  runner: StokitRunner,
  p: FillOrderParameters & WaitOptions,
): Promise<FillOrderAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
