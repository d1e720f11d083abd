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
import { pointsWriteInterface, resolvePoints, type PointsBaseParameters, type PointsVoucher } from "./shared.js";
import { normalizeVoucher } from "./signPointsVoucher.js";

export type RedeemVoucherParameters = PointsBaseParameters &
  TransactionOptions & {
    /** The voucher and the issuer's signature, as {@link signPointsVoucher} returns them. */
    voucher: PointsVoucher;
    signature: string;
  };
export type RedeemVoucherReturnType = TransactionResponse;
export type RedeemVoucherAndWaitReturnType = WriteReceipt & {
  /** The `PointsGranted` event's values. */
  granted: { programId: bigint; account: string; refId: bigint; amount: bigint; balance: bigint; issuer: string };
};
export type RedeemVoucherErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;
export type RedeemVoucherAndWaitErrorType = RedeemVoucherErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the `redeemVoucher` call (anyone may submit a voucher; the points go to `voucher.account`).
 *
 * @example
 * ```ts
 * import { prepareRedeemVoucher } from "@stokit/sdk";
 * const request = await prepareRedeemVoucher(user, { points, voucher, signature });
 * ```
 */
export async function prepareRedeemVoucher(
  runner: StokitRunner,
  p: RedeemVoucherParameters,
): Promise<WriteRequest<void>> {
  const v = normalizeVoucher(p.voucher);
  const address = await resolvePoints(runner, p);
  return buildWrite<void>(runner, p, address, pointsWriteInterface, "redeemVoucher", [
    [v.programId, v.account, v.amount, v.refId, v.deadline],
    p.signature,
  ]);
}

const forms = /*#__PURE__*/ writeForms(prepareRedeemVoucher, (r) => {
  const a = eventArgs(r, "PointsGranted");
  return {
    granted: {
      programId: a.programId as bigint,
      account: a.account as string,
      refId: a.refId as bigint,
      amount: a.amount as bigint,
      balance: a.balance as bigint,
      issuer: a.issuer as string,
    },
  };
});

/**
 * Simulates the redemption: the decoded refusal (`PointsVoucherInvalidSigner`, `PointsVoucherExpired`,
 * `PointsRefIdUsed`...) or success. Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateRedeemVoucher } from "@stokit/sdk";
 * await simulateRedeemVoucher(user, { points, voucher, signature });
 * ```
 */
export function simulateRedeemVoucher(runner: StokitRunner, p: RedeemVoucherParameters): Promise<SimulateResult<void>> {
  return forms.simulate(runner, p);
}

/**
 * Redeems a voucher (estimates first: a refusal throws before anything is signed).
 *
 * @example
 * ```ts
 * import { redeemVoucher } from "@stokit/sdk";
 * const tx = await redeemVoucher(user, { points, voucher, signature });
 * ```
 */
export function redeemVoucher(runner: StokitRunner, p: RedeemVoucherParameters): Promise<RedeemVoucherReturnType> {
  return forms.send(runner, p);
}

/**
 * Redeems and waits; returns the receipt, the decoded events and the `PointsGranted` values.
 *
 * @example
 * ```ts
 * import { redeemVoucherAndWait } from "@stokit/sdk";
 * const { granted } = await redeemVoucherAndWait(user, { points, voucher, signature });
 * console.log(granted.balance);
 * ```
 */
export function redeemVoucherAndWait(
  runner: StokitRunner,
  p: RedeemVoucherParameters & WaitOptions,
): Promise<RedeemVoucherAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
