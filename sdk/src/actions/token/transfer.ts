import type { TransactionResponse } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
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
import { assertAddress, assertPositive } from "../../utils/validate.js";
import { buildWrite, eventArgs, writeForms } from "../shared.js";
import { tokenWriteInterface, resolveToken, type TokenBaseParameters } from "./shared.js";

export type TransferParameters = TokenBaseParameters &
  TransactionOptions & {
    /** The receiving wallet. */
    to: string;
    /** Amount in token units. */
    amount: bigint;
  };
export type TransferReturnType = TransactionResponse;
export type TransferAndWaitReturnType = WriteReceipt & {
  /** The `Transfer` event's values. */
  transfer: { from: string; to: string; value: bigint };
};
export type TransferErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;
export type TransferAndWaitErrorType = TransferErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the `transfer` call. Transfers the signer's tokens. A compliance refusal throws `ContractRevertError` `SecurityTokenRestricted` with `args.code` (see {@link checkTransfer} to ask first).
 *
 * @example
 * ```ts
 * import { prepareTransfer, estimateRequest } from "@stokit/sdk";
 *
 * const request = await prepareTransfer(signer, { token, to: receiver, amount: 10n ** 18n });
 * const { gas } = await estimateRequest(signer, request);
 * ```
 */
export async function prepareTransfer(runner: StokitRunner, p: TransferParameters): Promise<WriteRequest<boolean>> {
  const to = assertAddress("to", p.to);
  const amount = assertPositive("amount", p.amount);
  const address = await resolveToken(runner, p);
  return buildWrite<boolean>(runner, p, address, tokenWriteInterface, "transfer", [to, amount]);
}

const forms = /*#__PURE__*/ writeForms(
  prepareTransfer,
  (r): { transfer: { from: string; to: string; value: bigint } } => {
    const a = eventArgs(r, "Transfer");
    return { transfer: { from: a.from as string, to: a.to as string, value: a.value as bigint } };
  },
);

/**
 * Simulates `transfer` from the signer (an `eth_call`): its result, or the decoded refusal. Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateTransfer } from "@stokit/sdk";
 * await simulateTransfer(signer, { token, to: receiver, amount: 10n ** 18n });
 * ```
 */
export function simulateTransfer(runner: StokitRunner, p: TransferParameters): Promise<SimulateResult<boolean>> {
  return forms.simulate(runner, p);
}

/**
 * Transfers the signer's tokens. A compliance refusal throws `ContractRevertError` `SecurityTokenRestricted` with `args.code` (see {@link checkTransfer} to ask first). Estimates first: a refusal throws the decoded {@link ContractRevertError} before anything is signed.
 *
 * @example
 * ```ts
 * import { transfer } from "@stokit/sdk";
 * const tx = await transfer(signer, { token, to: receiver, amount: 10n ** 18n });
 * ```
 */
export function transfer(runner: StokitRunner, p: TransferParameters): Promise<TransferReturnType> {
  return forms.send(runner, p);
}

/**
 * Sends `transfer`, waits for `confirmations` and returns the receipt, the decoded events and the `Transfer` values.
 *
 * @example
 * ```ts
 * import { transferAndWait } from "@stokit/sdk";
 * const { transfer, receipt } = await transferAndWait(signer, { token, to: receiver, amount: 10n ** 18n, confirmations: 1 });
 * ```
 */
export function transferAndWait(
  runner: StokitRunner,
  p: TransferParameters & WaitOptions,
): Promise<TransferAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
