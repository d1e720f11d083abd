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
import { assertAddress } from "../../utils/validate.js";
import { buildWrite, eventArgs, writeForms } from "../shared.js";
import { tokenWriteInterface, resolveToken, type TokenBaseParameters } from "./shared.js";

export type RecoverWalletParameters = TokenBaseParameters &
  TransactionOptions & {
    /** The wallet whose key was lost. */
    lostWallet: string;
    /** A verified wallet of the same investor. */
    newWallet: string;
  };
export type RecoverWalletReturnType = TransactionResponse;
export type RecoverWalletAndWaitReturnType = WriteReceipt & {
  /** The `WalletRecovered` event's values. */
  recovered: Readonly<Record<string, unknown>>;
};
export type RecoverWalletErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;
export type RecoverWalletAndWaitErrorType = RecoverWalletErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the `recoverWallet` call. Moves balance, frozen amount and address freeze of a lost wallet to another verified wallet of the same investor; the lost wallet is frozen (`recoverWallet`, the token's `AGENT_ROLE`).
 *
 * @example
 * ```ts
 * import { prepareRecoverWallet, estimateRequest } from "@stokit/sdk";
 *
 * const request = await prepareRecoverWallet(signer, { token, lostWallet, newWallet });
 * const { gas } = await estimateRequest(signer, request);
 * ```
 */
export async function prepareRecoverWallet(
  runner: StokitRunner,
  p: RecoverWalletParameters,
): Promise<WriteRequest<void>> {
  const lostWallet = assertAddress("lostWallet", p.lostWallet);
  const newWallet = assertAddress("newWallet", p.newWallet);
  const address = await resolveToken(runner, p);
  return buildWrite<void>(runner, p, address, tokenWriteInterface, "recoverWallet", [lostWallet, newWallet]);
}

const forms = /*#__PURE__*/ writeForms(prepareRecoverWallet, (r): { recovered: Readonly<Record<string, unknown>> } => {
  const a = eventArgs(r, "WalletRecovered");
  return { recovered: a };
});

/**
 * Simulates `recoverWallet` from the signer (an `eth_call`): its result, or the decoded refusal. Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateRecoverWallet } from "@stokit/sdk";
 * await simulateRecoverWallet(signer, { token, lostWallet, newWallet });
 * ```
 */
export function simulateRecoverWallet(runner: StokitRunner, p: RecoverWalletParameters): Promise<SimulateResult<void>> {
  return forms.simulate(runner, p);
}

/**
 * Moves balance, frozen amount and address freeze of a lost wallet to another verified wallet of the same investor; the lost wallet is frozen (`recoverWallet`, the token's `AGENT_ROLE`). Estimates first: a refusal throws the decoded {@link ContractRevertError} before anything is signed.
 *
 * @example
 * ```ts
 * import { recoverWallet } from "@stokit/sdk";
 * const tx = await recoverWallet(signer, { token, lostWallet, newWallet });
 * ```
 */
export function recoverWallet(runner: StokitRunner, p: RecoverWalletParameters): Promise<RecoverWalletReturnType> {
  return forms.send(runner, p);
}

/**
 * Sends `recoverWallet`, waits for `confirmations` and returns the receipt, the decoded events and the `WalletRecovered` values.
 *
 * @example
 * ```ts
 * import { recoverWalletAndWait } from "@stokit/sdk";
 * const { recovered, receipt } = await recoverWalletAndWait(signer, { token, lostWallet, newWallet, confirmations: 1 });
 * ```
 */
export function recoverWalletAndWait(
  runner: StokitRunner,
  p: RecoverWalletParameters & WaitOptions,
): Promise<RecoverWalletAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
