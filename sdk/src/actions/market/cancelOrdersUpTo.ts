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
import { marketWriteInterface, resolveMarket, type MarketParameters } from "./shared.js";

export type CancelOrdersUpToParameters = MarketParameters &
  TransactionOptions & {
    /** The new nonce floor: every order of the signer with a lower nonce is cancelled. Above the current floor. */
    nonce: bigint;
  };
export type CancelOrdersUpToReturnType = TransactionResponse;
export type CancelOrdersUpToAndWaitReturnType = WriteReceipt & {
  /** The `NoncesCancelled` values. */
  cancelled: { maker: string; minNonce: bigint };
};
export type CancelOrdersUpToErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | ContractNotFoundError | NetworkError | RpcError;
export type CancelOrdersUpToAndWaitErrorType =
  CancelOrdersUpToErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the call: raises the signer's nonce floor (`cancelUpTo`), cancelling all its orders with a lower nonce in
 * one transaction. A floor not above the current one is refused (`MarketNonceNotIncreasing`).
 *
 * @example
 * ```ts
 * import { prepareCancelOrdersUpTo } from "@stokit/sdk/market";
 * const request = await prepareCancelOrdersUpTo(maker, { market, nonce: 5n });
 * ```
 */
export async function prepareCancelOrdersUpTo(
  runner: StokitRunner,
  p: CancelOrdersUpToParameters,
): Promise<WriteRequest<[]>> {
  const nonce = assertPositive("nonce", p.nonce);
  const market = await resolveMarket(runner, p);
  return buildWrite(runner, p, market, marketWriteInterface, "cancelUpTo", [nonce]);
}

const forms = /*#__PURE__*/ writeForms(prepareCancelOrdersUpTo, (r) => {
  const a = eventArgs(r, "NoncesCancelled");
  return { cancelled: { maker: a.maker as string, minNonce: a.minNonce as bigint } };
});

/**
 * Simulates it from the signer (an `eth_call`). Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateCancelOrdersUpTo } from "@stokit/sdk/market";
 * await simulateCancelOrdersUpTo(maker, { market, nonce: 5n });
 * ```
 */
export function simulateCancelOrdersUpTo(
  runner: StokitRunner,
  p: CancelOrdersUpToParameters,
): Promise<SimulateResult<[]>> {
  return forms.simulate(runner, p);
}

/**
 * Raises the nonce floor (`cancelUpTo`). Estimates first: a refusal throws the decoded {@link ContractRevertError}
 * before anything is signed.
 *
 * @example
 * ```ts
 * import { cancelOrdersUpTo } from "@stokit/sdk/market";
 * const tx = await cancelOrdersUpTo(maker, { market, nonce: 5n });
 * ```
 */
export function cancelOrdersUpTo(
  runner: StokitRunner,
  p: CancelOrdersUpToParameters,
): Promise<CancelOrdersUpToReturnType> {
  return forms.send(runner, p);
}

/**
 * Raises the nonce floor, waits for `confirmations` and returns the receipt and the `NoncesCancelled` values.
 *
 * @example
 * ```ts
 * import { cancelOrdersUpToAndWait } from "@stokit/sdk/market";
 * const { cancelled } = await cancelOrdersUpToAndWait(maker, { market, nonce: 5n });
 * ```
 */
export function cancelOrdersUpToAndWait(
  runner: StokitRunner,
  p: CancelOrdersUpToParameters & WaitOptions,
): Promise<CancelOrdersUpToAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
