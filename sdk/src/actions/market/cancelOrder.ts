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
import { buildWrite, eventArgs, writeForms } from "../shared.js";
import {
  marketWriteInterface,
  normalizeOrder,
  orderTuple,
  resolveMarket,
  type MarketParameters,
  type Order,
} from "./shared.js";

export type CancelOrderParameters = MarketParameters &
  TransactionOptions & {
    /** The order to cancel (the signer is its maker; no signature needed). */
    order: Order;
  };
export type CancelOrderReturnType = TransactionResponse;
export type CancelOrderAndWaitReturnType = WriteReceipt & {
  /** The `OrderCancelled` values: the order's hash, its maker and the token units it had filled. */
  cancelled: { orderHash: string; maker: string; filled: bigint };
};
export type CancelOrderErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | ContractNotFoundError | NetworkError | RpcError;
export type CancelOrderAndWaitErrorType = CancelOrderErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the call: cancels one order for good (`cancel`); only its maker may (`MarketNotMaker` otherwise). To cancel
 * every order up to a nonce at once, see {@link cancelOrdersUpTo}.
 *
 * @example
 * ```ts
 * import { prepareCancelOrder } from "@stokit/sdk/market";
 * const request = await prepareCancelOrder(maker, { market, order });
 * ```
 */
export async function prepareCancelOrder(runner: StokitRunner, p: CancelOrderParameters): Promise<WriteRequest<[]>> {
  const order = normalizeOrder(p.order);
  const market = await resolveMarket(runner, p);
  return buildWrite(runner, p, market, marketWriteInterface, "cancel", [orderTuple(order)]);
}

const forms = /*#__PURE__*/ writeForms(prepareCancelOrder, (r) => {
  const a = eventArgs(r, "OrderCancelled");
  return { cancelled: { orderHash: a.orderHash as string, maker: a.maker as string, filled: a.filled as bigint } };
});

/**
 * Simulates the cancellation from the signer (an `eth_call`). Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateCancelOrder } from "@stokit/sdk/market";
 * await simulateCancelOrder(maker, { market, order });
 * ```
 */
export function simulateCancelOrder(runner: StokitRunner, p: CancelOrderParameters): Promise<SimulateResult<[]>> {
  return forms.simulate(runner, p);
}

/**
 * Cancels the order (`cancel`). Estimates first: a refusal throws the decoded {@link ContractRevertError} before
 * anything is signed.
 *
 * @example
 * ```ts
 * import { cancelOrder } from "@stokit/sdk/market";
 * const tx = await cancelOrder(maker, { market, order });
 * ```
 */
export function cancelOrder(runner: StokitRunner, p: CancelOrderParameters): Promise<CancelOrderReturnType> {
  return forms.send(runner, p);
}

/**
 * Cancels the order, waits for `confirmations` and returns the receipt and the `OrderCancelled` values.
 *
 * @example
 * ```ts
 * import { cancelOrderAndWait } from "@stokit/sdk/market";
 * const { cancelled } = await cancelOrderAndWait(maker, { market, order });
 * ```
 */
export function cancelOrderAndWait(
  runner: StokitRunner,
  p: CancelOrderParameters & WaitOptions,
): Promise<CancelOrderAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
