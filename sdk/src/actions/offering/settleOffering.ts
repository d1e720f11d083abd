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
import { assertAddress } from "../../utils/validate.js";
import { buildWrite, writeForms } from "../shared.js";
import { offeringWriteInterface, resolveOffering, type OfferingBaseParameters } from "./shared.js";

export type SettleOfferingParameters = OfferingBaseParameters & TransactionOptions & { accounts: readonly string[] };
export type SettleOfferingReturnType = TransactionResponse;
export type SettleOfferingAndWaitReturnType = WriteReceipt & { deferred: string[] };
export type SettleOfferingErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | ContractNotFoundError | NetworkError | RpcError;
export type SettleOfferingAndWaitErrorType =
  SettleOfferingErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the call: settles finalised subscriptions for `accounts` (`settle`): delivers their tokens and refunds, as each would with its own claim.
 *
 * @example
 * ```ts
 * import { prepareSettleOffering, estimateRequest } from "@stokit/sdk";
 *
 * const request = await prepareSettleOffering(signer, { offering, accounts: [alice, bob] });
 * const { gas } = await estimateRequest(signer, request);
 * ```
 */
export async function prepareSettleOffering(
  runner: StokitRunner,
  p: SettleOfferingParameters,
): Promise<WriteRequest<unknown>> {
  const accounts = p.accounts.map((a, i) => assertAddress(`accounts[${i}]`, a));
  return buildWrite(runner, p, await resolveOffering(runner, p), offeringWriteInterface, "settle", [accounts]);
}

const forms = /*#__PURE__*/ writeForms(prepareSettleOffering, (r): { deferred: string[] } => ({
  deferred: r.events.filter((x) => x.eventName === "SettlementDeferred").map((x) => x.args.investor as string),
}));

/**
 * Simulates it from the signer (an `eth_call`): the decoded refusal, if any. Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateSettleOffering } from "@stokit/sdk";
 * await simulateSettleOffering(signer, { offering, accounts: [alice, bob] });
 * ```
 */
export function simulateSettleOffering(
  runner: StokitRunner,
  p: SettleOfferingParameters,
): Promise<SimulateResult<unknown>> {
  return forms.simulate(runner, p);
}

/**
 * settles finalised subscriptions for `accounts` (`settle`): delivers their tokens and refunds, as each would with its own claim. Estimates first: a refusal throws the decoded {@link ContractRevertError} before anything is signed.
 *
 * @example
 * ```ts
 * import { settleOffering } from "@stokit/sdk";
 * const tx = await settleOffering(signer, { offering, accounts: [alice, bob] });
 * ```
 */
export function settleOffering(runner: StokitRunner, p: SettleOfferingParameters): Promise<SettleOfferingReturnType> {
  return forms.send(runner, p);
}

/**
 * Sends it, waits for `confirmations` and returns the receipt, the decoded events and the `Settled/SettlementDeferred` values.
 *
 * @example
 * ```ts
 * import { settleOfferingAndWait } from "@stokit/sdk";
 * const { receipt } = await settleOfferingAndWait(signer, { ...{ offering, accounts: [alice, bob] }, confirmations: 1 });
 * ```
 */
export function settleOfferingAndWait(
  runner: StokitRunner,
  p: SettleOfferingParameters & WaitOptions,
): Promise<SettleOfferingAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
