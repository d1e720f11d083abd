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
import { offeringWriteInterface, resolveOffering, type OfferingBaseParameters } from "./shared.js";

export type FinaliseOfferingParameters = OfferingBaseParameters & TransactionOptions;
export type FinaliseOfferingReturnType = TransactionResponse;
export type FinaliseOfferingAndWaitReturnType = WriteReceipt & { finalised: Readonly<Record<string, unknown>> };
export type FinaliseOfferingErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | ContractNotFoundError | NetworkError | RpcError;
export type FinaliseOfferingAndWaitErrorType =
  FinaliseOfferingErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the call: finalises the offering after its end (`finalise`, anyone): Succeeded when the soft cap was met, Failed otherwise.
 *
 * @example
 * ```ts
 * import { prepareFinaliseOffering, estimateRequest } from "@stokit/sdk";
 *
 * const request = await prepareFinaliseOffering(signer, { offering });
 * const { gas } = await estimateRequest(signer, request);
 * ```
 */
export async function prepareFinaliseOffering(
  runner: StokitRunner,
  p: FinaliseOfferingParameters,
): Promise<WriteRequest<unknown>> {
  return buildWrite(runner, p, await resolveOffering(runner, p), offeringWriteInterface, "finalise", []);
}

const forms = /*#__PURE__*/ writeForms(
  prepareFinaliseOffering,
  (r): { finalised: Readonly<Record<string, unknown>> } => ({
    finalised: r.events.find((x) => x.eventName === "Finalised")?.args ?? {},
  }),
);

/**
 * Simulates it from the signer (an `eth_call`): the decoded refusal, if any. Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateFinaliseOffering } from "@stokit/sdk";
 * await simulateFinaliseOffering(signer, { offering });
 * ```
 */
export function simulateFinaliseOffering(
  runner: StokitRunner,
  p: FinaliseOfferingParameters,
): Promise<SimulateResult<unknown>> {
  return forms.simulate(runner, p);
}

/**
 * finalises the offering after its end (`finalise`, anyone): Succeeded when the soft cap was met, Failed otherwise. Estimates first: a refusal throws the decoded {@link ContractRevertError} before anything is signed.
 *
 * @example
 * ```ts
 * import { finaliseOffering } from "@stokit/sdk";
 * const tx = await finaliseOffering(signer, { offering });
 * ```
 */
export function finaliseOffering(
  runner: StokitRunner,
  p: FinaliseOfferingParameters,
): Promise<FinaliseOfferingReturnType> {
  return forms.send(runner, p);
}

/**
 * Sends it, waits for `confirmations` and returns the receipt, the decoded events and the `Finalised` values.
 *
 * @example
 * ```ts
 * import { finaliseOfferingAndWait } from "@stokit/sdk";
 * const { receipt } = await finaliseOfferingAndWait(signer, { ...{ offering }, confirmations: 1 });
 * ```
 */
export function finaliseOfferingAndWait(
  runner: StokitRunner,
  p: FinaliseOfferingParameters & WaitOptions,
): Promise<FinaliseOfferingAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
