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
import { assertUint } from "../../utils/validate.js";
import { buildWrite, writeForms } from "../shared.js";
import { resolveToken, tokenWriteInterface, type TokenBaseParameters } from "./shared.js";

export type ScheduleRecordDateParameters = TokenBaseParameters &
  TransactionOptions & { /** Unix seconds, in the future. */ timepoint: bigint };
export type ScheduleRecordDateReturnType = TransactionResponse;
export type ScheduleRecordDateAndWaitReturnType = WriteReceipt & {
  scheduled: { timepoint: bigint; index: bigint } | null;
};
export type ScheduleRecordDateErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | ContractNotFoundError | NetworkError | RpcError;
export type ScheduleRecordDateAndWaitErrorType =
  ScheduleRecordDateErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the call: schedules a record date on the token (`scheduleRecordDate`, the token's `RECORD_DATE_ROLE`): balances at `timepoint` become the entitlements a distribution with that record date pays.
 *
 * @example
 * ```ts
 * import { prepareScheduleRecordDate, estimateRequest } from "@stokit/sdk";
 *
 * const request = await prepareScheduleRecordDate(signer, { token, timepoint: 1_900_000_000n });
 * const { gas } = await estimateRequest(signer, request);
 * ```
 */
export async function prepareScheduleRecordDate(
  runner: StokitRunner,
  p: ScheduleRecordDateParameters,
): Promise<WriteRequest<unknown>> {
  const timepoint = assertUint("timepoint", p.timepoint, (1n << 48n) - 1n);
  return buildWrite(runner, p, await resolveToken(runner, p), tokenWriteInterface, "scheduleRecordDate", [timepoint]);
}

const forms = /*#__PURE__*/ writeForms(
  prepareScheduleRecordDate,
  (r): { scheduled: { timepoint: bigint; index: bigint } | null } => {
    const e = r.events.find((x) => x.eventName === "RecordDateScheduled");
    return { scheduled: e ? { timepoint: BigInt(e.args.timepoint as bigint), index: e.args.index as bigint } : null };
  },
);

/**
 * Simulates it from the signer (an `eth_call`): the decoded refusal, if any. Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateScheduleRecordDate } from "@stokit/sdk";
 * await simulateScheduleRecordDate(signer, { token, timepoint: 1_900_000_000n });
 * ```
 */
export function simulateScheduleRecordDate(
  runner: StokitRunner,
  p: ScheduleRecordDateParameters,
): Promise<SimulateResult<unknown>> {
  return forms.simulate(runner, p);
}

/**
 * schedules a record date on the token (`scheduleRecordDate`, the token's `RECORD_DATE_ROLE`): balances at `timepoint` become the entitlements a distribution with that record date pays. Estimates first: a refusal throws the decoded {@link ContractRevertError} before anything is signed.
 *
 * @example
 * ```ts
 * import { scheduleRecordDate } from "@stokit/sdk";
 * const tx = await scheduleRecordDate(signer, { token, timepoint: 1_900_000_000n });
 * ```
 */
export function scheduleRecordDate(
  runner: StokitRunner,
  p: ScheduleRecordDateParameters,
): Promise<ScheduleRecordDateReturnType> {
  return forms.send(runner, p);
}

/**
 * Sends it, waits for `confirmations` and returns the receipt, the decoded events and the `RecordDateScheduled` values.
 *
 * @example
 * ```ts
 * import { scheduleRecordDateAndWait } from "@stokit/sdk";
 * const { receipt } = await scheduleRecordDateAndWait(signer, { ...{ token, timepoint: 1_900_000_000n }, confirmations: 1 });
 * ```
 */
export function scheduleRecordDateAndWait(
  runner: StokitRunner,
  p: ScheduleRecordDateParameters & WaitOptions,
): Promise<ScheduleRecordDateAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
