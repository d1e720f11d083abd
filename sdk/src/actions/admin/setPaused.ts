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
import { buildWrite, writeForms } from "../shared.js";
import { adminInterface, adminTarget, type AdminBaseParameters } from "./shared.js";

export type SetPausedParameters = AdminBaseParameters & TransactionOptions & { paused: boolean };
export type SetPausedReturnType = TransactionResponse;
export type SetPausedAndWaitReturnType = WriteReceipt & { paused: boolean };
export type SetPausedErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | ContractNotFoundError | NetworkError | RpcError;
export type SetPausedAndWaitErrorType = SetPausedErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the call: pauses (`paused: true`, `pause()`) or resumes (`unpause()`) any suite contract with a pause switch (its pauser role).
 *
 * @example
 * ```ts
 * import { prepareSetPaused, estimateRequest } from "@stokit/sdk";
 *
 * const request = await prepareSetPaused(signer, { contract: token, paused: true });
 * const { gas } = await estimateRequest(signer, request);
 * ```
 */
export async function prepareSetPaused(runner: StokitRunner, p: SetPausedParameters): Promise<WriteRequest<unknown>> {
  return buildWrite(runner, p, adminTarget(runner, p), adminInterface, p.paused ? "pause" : "unpause", []);
}

const forms = /*#__PURE__*/ writeForms(prepareSetPaused, (r): { paused: boolean } => ({
  paused: r.events.some((x) => x.eventName === "Paused"),
}));

/**
 * Simulates it from the signer (an `eth_call`): the decoded refusal, if any. Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateSetPaused } from "@stokit/sdk";
 * await simulateSetPaused(signer, { contract: token, paused: true });
 * ```
 */
export function simulateSetPaused(runner: StokitRunner, p: SetPausedParameters): Promise<SimulateResult<unknown>> {
  return forms.simulate(runner, p);
}

/**
 * pauses (`paused: true`, `pause()`) or resumes (`unpause()`) any suite contract with a pause switch (its pauser role). Estimates first: a refusal throws the decoded {@link ContractRevertError} before anything is signed.
 *
 * @example
 * ```ts
 * import { setPaused } from "@stokit/sdk";
 * const tx = await setPaused(signer, { contract: token, paused: true });
 * ```
 */
export function setPaused(runner: StokitRunner, p: SetPausedParameters): Promise<SetPausedReturnType> {
  return forms.send(runner, p);
}

/**
 * Sends it, waits for `confirmations` and returns the receipt, the decoded events and the `Paused/Unpaused` values.
 *
 * @example
 * ```ts
 * import { setPausedAndWait } from "@stokit/sdk";
 * const { receipt } = await setPausedAndWait(signer, { ...{ contract: token, paused: true }, confirmations: 1 });
 * ```
 */
export function setPausedAndWait(
  runner: StokitRunner,
  p: SetPausedParameters & WaitOptions,
): Promise<SetPausedAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
