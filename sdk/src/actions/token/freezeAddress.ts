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

export type FreezeAddressParameters = TokenBaseParameters &
  TransactionOptions & {
    /** The wallet. */
    account: string;
    /** `true` freezes, `false` unfreezes. */
    frozen: boolean;
  };
export type FreezeAddressReturnType = TransactionResponse;
export type FreezeAddressAndWaitReturnType = WriteReceipt & {
  /** The `AddressFrozen` event's values. */
  frozen: { account: string; frozen: boolean; agent: string };
};
export type FreezeAddressErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;
export type FreezeAddressAndWaitErrorType = FreezeAddressErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the `setAddressFrozen` call. Freezes (or unfreezes) a whole wallet: it can neither send nor receive (`setAddressFrozen`, the token's `AGENT_ROLE`).
 *
 * @example
 * ```ts
 * import { prepareFreezeAddress, estimateRequest } from "@stokit/sdk";
 *
 * const request = await prepareFreezeAddress(signer, { token, account: holder, frozen: true });
 * const { gas } = await estimateRequest(signer, request);
 * ```
 */
export async function prepareFreezeAddress(
  runner: StokitRunner,
  p: FreezeAddressParameters,
): Promise<WriteRequest<void>> {
  const account = assertAddress("account", p.account);
  const frozen = p.frozen;
  const address = await resolveToken(runner, p);
  return buildWrite<void>(runner, p, address, tokenWriteInterface, "setAddressFrozen", [account, frozen]);
}

const forms = /*#__PURE__*/ writeForms(
  prepareFreezeAddress,
  (r): { frozen: { account: string; frozen: boolean; agent: string } } => {
    const a = eventArgs(r, "AddressFrozen");
    return { frozen: { account: a.account as string, frozen: a.frozen as boolean, agent: a.agent as string } };
  },
);

/**
 * Simulates `setAddressFrozen` from the signer (an `eth_call`): its result, or the decoded refusal. Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateFreezeAddress } from "@stokit/sdk";
 * await simulateFreezeAddress(signer, { token, account: holder, frozen: true });
 * ```
 */
export function simulateFreezeAddress(runner: StokitRunner, p: FreezeAddressParameters): Promise<SimulateResult<void>> {
  return forms.simulate(runner, p);
}

/**
 * Freezes (or unfreezes) a whole wallet: it can neither send nor receive (`setAddressFrozen`, the token's `AGENT_ROLE`). Estimates first: a refusal throws the decoded {@link ContractRevertError} before anything is signed.
 *
 * @example
 * ```ts
 * import { freezeAddress } from "@stokit/sdk";
 * const tx = await freezeAddress(signer, { token, account: holder, frozen: true });
 * ```
 */
export function freezeAddress(runner: StokitRunner, p: FreezeAddressParameters): Promise<FreezeAddressReturnType> {
  return forms.send(runner, p);
}

/**
 * Sends `setAddressFrozen`, waits for `confirmations` and returns the receipt, the decoded events and the `AddressFrozen` values.
 *
 * @example
 * ```ts
 * import { freezeAddressAndWait } from "@stokit/sdk";
 * const { frozen, receipt } = await freezeAddressAndWait(signer, { token, account: holder, frozen: true, confirmations: 1 });
 * ```
 */
export function freezeAddressAndWait(
  runner: StokitRunner,
  p: FreezeAddressParameters & WaitOptions,
): Promise<FreezeAddressAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
