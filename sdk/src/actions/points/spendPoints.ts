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
import { assertPositive, assertUint } from "../../utils/validate.js";
import { buildWrite, eventArgs, writeForms } from "../shared.js";
import { pointsWriteInterface, resolvePoints, type PointsBaseParameters } from "./shared.js";

export type SpendPointsParameters = PointsBaseParameters &
  TransactionOptions & {
    /** The program. */
    programId: bigint;
    /** Points to spend. */
    amount: bigint;
    /** A reference id in the holder's own range (`holderRefId(account, sequence)`); single-use. */
    refId: bigint;
  };
export type SpendPointsReturnType = TransactionResponse;
export type SpendPointsAndWaitReturnType = WriteReceipt & {
  /** The `PointsSpent` event's values. */
  spent: { programId: bigint; account: string; refId: bigint; amount: bigint; balance: bigint; totalPoints: bigint };
};
export type SpendPointsErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;
export type SpendPointsAndWaitErrorType = SpendPointsErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the `spend` call. Spends the signer's own points with a reference id from its own range (`spend`).
 *
 * @example
 * ```ts
 * import { prepareSpendPoints, estimateRequest } from "@stokit/sdk";
 *
 * const request = await prepareSpendPoints(signer, { points, programId: 1n, amount: 10n, refId: holderRefId(account, 1n) });
 * const { gas } = await estimateRequest(signer, request);
 * ```
 */
export async function prepareSpendPoints(runner: StokitRunner, p: SpendPointsParameters): Promise<WriteRequest<void>> {
  const programId = assertUint("programId", p.programId);
  const amount = assertPositive("amount", p.amount);
  const refId = assertUint("refId", p.refId);
  const address = await resolvePoints(runner, p);
  return buildWrite<void>(runner, p, address, pointsWriteInterface, "spend", [programId, amount, refId]);
}

const forms = /*#__PURE__*/ writeForms(
  prepareSpendPoints,
  (
    r,
  ): {
    spent: { programId: bigint; account: string; refId: bigint; amount: bigint; balance: bigint; totalPoints: bigint };
  } => {
    const a = eventArgs(r, "PointsSpent");
    return {
      spent: {
        programId: a.programId as bigint,
        account: a.account as string,
        refId: a.refId as bigint,
        amount: a.amount as bigint,
        balance: a.balance as bigint,
        totalPoints: a.totalPoints as bigint,
      },
    };
  },
);

/**
 * Simulates `spend` from the signer (an `eth_call`): its result, or the decoded refusal. Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateSpendPoints } from "@stokit/sdk";
 * await simulateSpendPoints(signer, { points, programId: 1n, amount: 10n, refId: holderRefId(account, 1n) });
 * ```
 */
export function simulateSpendPoints(runner: StokitRunner, p: SpendPointsParameters): Promise<SimulateResult<void>> {
  return forms.simulate(runner, p);
}

/**
 * Spends the signer's own points with a reference id from its own range (`spend`). Estimates first: a refusal throws the decoded {@link ContractRevertError} before anything is signed.
 *
 * @example
 * ```ts
 * import { spendPoints } from "@stokit/sdk";
 * const tx = await spendPoints(signer, { points, programId: 1n, amount: 10n, refId: holderRefId(account, 1n) });
 * ```
 */
export function spendPoints(runner: StokitRunner, p: SpendPointsParameters): Promise<SpendPointsReturnType> {
  return forms.send(runner, p);
}

/**
 * Sends `spend`, waits for `confirmations` and returns the receipt, the decoded events and the `PointsSpent` values.
 *
 * @example
 * ```ts
 * import { spendPointsAndWait } from "@stokit/sdk";
 * const { spent, receipt } = await spendPointsAndWait(signer, { points, programId: 1n, amount: 10n, refId: holderRefId(account, 1n), confirmations: 1 });
 * ```
 */
export function spendPointsAndWait(
  runner: StokitRunner,
  p: SpendPointsParameters & WaitOptions,
): Promise<SpendPointsAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
