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

export type ForcedTransferParameters = TokenBaseParameters &
  TransactionOptions & {
    /** The wallet to take from. */
    from: string;
    /** The (verified) receiving wallet. */
    to: string;
    /** Amount in token units. */
    amount: bigint;
  };
export type ForcedTransferReturnType = TransactionResponse;
export type ForcedTransferAndWaitReturnType = WriteReceipt & {
  /** The `ForcedTransfer` event's values. */
  forced: { from: string; to: string; amount: bigint };
};
export type ForcedTransferErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;
export type ForcedTransferAndWaitErrorType =
  ForcedTransferErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the `forcedTransfer` call. Moves `amount` from `from` to `to` regardless of freezes and lock-ups (ERC-7943 `forcedTransfer`, the token's `AGENT_ROLE`); frozen tokens are used first.
 *
 * @example
 * ```ts
 * import { prepareForcedTransfer, estimateRequest } from "@stokit/sdk";
 *
 * const request = await prepareForcedTransfer(signer, { token, from: holder, to: otherWallet, amount: 10n ** 18n });
 * const { gas } = await estimateRequest(signer, request);
 * ```
 */
export async function prepareForcedTransfer(
  runner: StokitRunner,
  p: ForcedTransferParameters,
): Promise<WriteRequest<boolean>> {
  const from = assertAddress("from", p.from);
  const to = assertAddress("to", p.to);
  const amount = assertPositive("amount", p.amount);
  const address = await resolveToken(runner, p);
  return buildWrite<boolean>(runner, p, address, tokenWriteInterface, "forcedTransfer", [from, to, amount]);
}

const forms = /*#__PURE__*/ writeForms(
  prepareForcedTransfer,
  (r): { forced: { from: string; to: string; amount: bigint } } => {
    const a = eventArgs(r, "ForcedTransfer");
    return { forced: { from: a.from as string, to: a.to as string, amount: a.amount as bigint } };
  },
);

/**
 * Simulates `forcedTransfer` from the signer (an `eth_call`): its result, or the decoded refusal. Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateForcedTransfer } from "@stokit/sdk";
 * await simulateForcedTransfer(signer, { token, from: holder, to: otherWallet, amount: 10n ** 18n });
 * ```
 */
export function simulateForcedTransfer(
  runner: StokitRunner,
  p: ForcedTransferParameters,
): Promise<SimulateResult<boolean>> {
  return forms.simulate(runner, p);
}

/**
 * Moves `amount` from `from` to `to` regardless of freezes and lock-ups (ERC-7943 `forcedTransfer`, the token's `AGENT_ROLE`); frozen tokens are used first. Estimates first: a refusal throws the decoded {@link ContractRevertError} before anything is signed.
 *
 * @example
 * ```ts
 * import { forcedTransfer } from "@stokit/sdk";
 * const tx = await forcedTransfer(signer, { token, from: holder, to: otherWallet, amount: 10n ** 18n });
 * ```
 */
export function forcedTransfer(runner: StokitRunner, p: ForcedTransferParameters): Promise<ForcedTransferReturnType> {
  return forms.send(runner, p);
}

/**
 * Sends `forcedTransfer`, waits for `confirmations` and returns the receipt, the decoded events and the `ForcedTransfer` values.
 *
 * @example
 * ```ts
 * import { forcedTransferAndWait } from "@stokit/sdk";
 * const { forced, receipt } = await forcedTransferAndWait(signer, { token, from: holder, to: otherWallet, amount: 10n ** 18n, confirmations: 1 });
 * ```
 */
export function forcedTransferAndWait(
  runner: StokitRunner,
  p: ForcedTransferParameters & WaitOptions,
): Promise<ForcedTransferAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
