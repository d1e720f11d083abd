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
import { buildWrite, eventArgs, writeForms } from "../shared.js";
import { offeringWriteInterface, resolveOffering, type OfferingBaseParameters } from "./shared.js";

export type ClaimOfferingParameters = OfferingBaseParameters & TransactionOptions & {};
export type ClaimOfferingReturnType = TransactionResponse;
export type ClaimOfferingAndWaitReturnType = WriteReceipt & {
  /** `claimed` when the offering succeeded (tokens plus any refund), `refunded` when it failed or was cancelled. */
  settlement: { kind: "claimed" | "refunded"; args: Readonly<Record<string, unknown>> };
};
export type ClaimOfferingErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;
export type ClaimOfferingAndWaitErrorType = ClaimOfferingErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the `claim` call. Settles the signer after finalisation: tokens plus the refund of any excess when the offering succeeded, a full refund when it failed or was cancelled (`claim`).
 *
 * @example
 * ```ts
 * import { prepareClaimOffering, estimateRequest } from "@stokit/sdk";
 *
 * const request = await prepareClaimOffering(signer, { offering });
 * const { gas } = await estimateRequest(signer, request);
 * ```
 */
export async function prepareClaimOffering(
  runner: StokitRunner,
  p: ClaimOfferingParameters,
): Promise<WriteRequest<void>> {
  const address = await resolveOffering(runner, p);
  return buildWrite<void>(runner, p, address, offeringWriteInterface, "claim", []);
}

const forms = /*#__PURE__*/ writeForms(prepareClaimOffering, (r) => {
  const refunded = r.events.some((e) => e.eventName === "Refunded");
  return {
    settlement: {
      kind: refunded ? ("refunded" as const) : ("claimed" as const),
      args: eventArgs(r, refunded ? "Refunded" : "Claimed", r.receipt.to ?? undefined),
    },
  };
});

/**
 * Simulates `claim` from the signer (an `eth_call`): its result, or the decoded refusal. Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateClaimOffering } from "@stokit/sdk";
 * await simulateClaimOffering(signer, { offering });
 * ```
 */
export function simulateClaimOffering(runner: StokitRunner, p: ClaimOfferingParameters): Promise<SimulateResult<void>> {
  return forms.simulate(runner, p);
}

/**
 * Settles the signer after finalisation: tokens plus the refund of any excess when the offering succeeded, a full refund when it failed or was cancelled (`claim`). Estimates first: a refusal throws the decoded {@link ContractRevertError} before anything is signed.
 *
 * @example
 * ```ts
 * import { claimOffering } from "@stokit/sdk";
 * const tx = await claimOffering(signer, { offering });
 * ```
 */
export function claimOffering(runner: StokitRunner, p: ClaimOfferingParameters): Promise<ClaimOfferingReturnType> {
  return forms.send(runner, p);
}

/**
 * Sends `claim`, waits for `confirmations` and returns the receipt, the decoded events and the settlement (`Claimed` or `Refunded` values).
 *
 * @example
 * ```ts
 * import { claimOfferingAndWait } from "@stokit/sdk";
 * const { settlement, receipt } = await claimOfferingAndWait(signer, { offering, confirmations: 1 });
 * ```
 */
export function claimOfferingAndWait(
  runner: StokitRunner,
  p: ClaimOfferingParameters & WaitOptions,
): Promise<ClaimOfferingAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
