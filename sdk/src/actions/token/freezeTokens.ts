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
import { assertAddress, assertUint } from "../../utils/validate.js";
import { buildWrite, eventArgs, writeForms } from "../shared.js";
import { tokenWriteInterface, resolveToken, type TokenBaseParameters } from "./shared.js";

export type FreezeTokensParameters = TokenBaseParameters &
  TransactionOptions & {
    /** The wallet. */
    account: string;
    /** The frozen amount to set (overwrites; 0 unfreezes). */
    amount: bigint;
  };
export type FreezeTokensReturnType = TransactionResponse;
export type FreezeTokensAndWaitReturnType = WriteReceipt & {
  /** The `Frozen` event's values. */
  frozen: { account: string; amount: bigint };
};
export type FreezeTokensErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;
export type FreezeTokensAndWaitErrorType = FreezeTokensErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the `setFrozenTokens` call. Sets the frozen part of a wallet's balance (ERC-7943 `setFrozenTokens`, overwrites, the token's `AGENT_ROLE`); the available balance is `balance - frozen`.
 *
 * @example
 * ```ts
 * import { prepareFreezeTokens, estimateRequest } from "@stokit/sdk";
 *
 * const request = await prepareFreezeTokens(signer, { token, account: holder, amount: 50n * 10n ** 18n });
 * const { gas } = await estimateRequest(signer, request);
 * ```
 */
export async function prepareFreezeTokens(
  runner: StokitRunner,
  p: FreezeTokensParameters,
): Promise<WriteRequest<boolean>> {
  const account = assertAddress("account", p.account);
  const amount = assertUint("amount", p.amount);
  const address = await resolveToken(runner, p);
  return buildWrite<boolean>(runner, p, address, tokenWriteInterface, "setFrozenTokens", [account, amount]);
}

const forms = /*#__PURE__*/ writeForms(prepareFreezeTokens, (r): { frozen: { account: string; amount: bigint } } => {
  const a = eventArgs(r, "Frozen");
  return { frozen: { account: a.account as string, amount: a.amount as bigint } };
});

/**
 * Simulates `setFrozenTokens` from the signer (an `eth_call`): its result, or the decoded refusal. Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateFreezeTokens } from "@stokit/sdk";
 * await simulateFreezeTokens(signer, { token, account: holder, amount: 50n * 10n ** 18n });
 * ```
 */
export function simulateFreezeTokens(
  runner: StokitRunner,
  p: FreezeTokensParameters,
): Promise<SimulateResult<boolean>> {
  return forms.simulate(runner, p);
}

/**
 * Sets the frozen part of a wallet's balance (ERC-7943 `setFrozenTokens`, overwrites, the token's `AGENT_ROLE`); the available balance is `balance - frozen`. Estimates first: a refusal throws the decoded {@link ContractRevertError} before anything is signed.
 *
 * @example
 * ```ts
 * import { freezeTokens } from "@stokit/sdk";
 * const tx = await freezeTokens(signer, { token, account: holder, amount: 50n * 10n ** 18n });
 * ```
 */
export function freezeTokens(runner: StokitRunner, p: FreezeTokensParameters): Promise<FreezeTokensReturnType> {
  return forms.send(runner, p);
}

/**
 * Sends `setFrozenTokens`, waits for `confirmations` and returns the receipt, the decoded events and the `Frozen` values.
 *
 * @example
 * ```ts
 * import { freezeTokensAndWait } from "@stokit/sdk";
 * const { frozen, receipt } = await freezeTokensAndWait(signer, { token, account: holder, amount: 50n * 10n ** 18n, confirmations: 1 });
 * ```
 */
export function freezeTokensAndWait(
  runner: StokitRunner,
  p: FreezeTokensParameters & WaitOptions,
): Promise<FreezeTokensAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
