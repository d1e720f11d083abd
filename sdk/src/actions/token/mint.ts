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

export type MintParameters = TokenBaseParameters &
  TransactionOptions & {
    /** The receiving (verified) wallet. */
    to: string;
    /** Amount in token units (18 decimals). */
    amount: bigint;
  };
export type MintReturnType = TransactionResponse;
export type MintAndWaitReturnType = WriteReceipt & {
  /** The `Transfer` event's values. */
  transfer: { from: string; to: string; value: bigint };
};
export type MintErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;
export type MintAndWaitErrorType = MintErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the `mint` call. Issues `amount` to `to` (the token's `AGENT_ROLE`). A receiver that fails compliance is refused with `SecurityTokenRestricted(code, …)`.
 *
 * @example
 * ```ts
 * import { prepareMint, estimateRequest } from "@stokit/sdk";
 *
 * const request = await prepareMint(signer, { token, to: investor, amount: 1_000n * 10n ** 18n });
 * const { gas } = await estimateRequest(signer, request);
 * ```
 */
export async function prepareMint(runner: StokitRunner, p: MintParameters): Promise<WriteRequest<void>> {
  const to = assertAddress("to", p.to);
  const amount = assertPositive("amount", p.amount);
  const address = await resolveToken(runner, p);
  return buildWrite<void>(runner, p, address, tokenWriteInterface, "mint", [to, amount]);
}

const forms = /*#__PURE__*/ writeForms(prepareMint, (r): { transfer: { from: string; to: string; value: bigint } } => {
  const a = eventArgs(r, "Transfer");
  return { transfer: { from: a.from as string, to: a.to as string, value: a.value as bigint } };
});

/**
 * Simulates `mint` from the signer (an `eth_call`): its result, or the decoded refusal. Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateMint } from "@stokit/sdk";
 * await simulateMint(signer, { token, to: investor, amount: 1_000n * 10n ** 18n });
 * ```
 */
export function simulateMint(runner: StokitRunner, p: MintParameters): Promise<SimulateResult<void>> {
  return forms.simulate(runner, p);
}

/**
 * Issues `amount` to `to` (the token's `AGENT_ROLE`). A receiver that fails compliance is refused with `SecurityTokenRestricted(code, …)`. Estimates first: a refusal throws the decoded {@link ContractRevertError} before anything is signed.
 *
 * @example
 * ```ts
 * import { mint } from "@stokit/sdk";
 * const tx = await mint(signer, { token, to: investor, amount: 1_000n * 10n ** 18n });
 * ```
 */
export function mint(runner: StokitRunner, p: MintParameters): Promise<MintReturnType> {
  return forms.send(runner, p);
}

/**
 * Sends `mint`, waits for `confirmations` and returns the receipt, the decoded events and the `Transfer` values.
 *
 * @example
 * ```ts
 * import { mintAndWait } from "@stokit/sdk";
 * const { transfer, receipt } = await mintAndWait(signer, { token, to: investor, amount: 1_000n * 10n ** 18n, confirmations: 1 });
 * ```
 */
export function mintAndWait(runner: StokitRunner, p: MintParameters & WaitOptions): Promise<MintAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
