import { ZeroAddress } from "ethers";
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
import { registryWriteInterface, resolveRegistry, type IdentityBaseParameters } from "./shared.js";
import { assertBytes32 } from "./shared.js";

export type RegisterInvestorParameters = IdentityBaseParameters &
  TransactionOptions & {
    /** The investor's id (bytes32, e.g. `id("applicant-1")`). */
    investorId: string;
    /** ISO 3166-1 numeric country code (1..999). */
    country: number;
    /** Unix time the KYC expires. */
    kycExpiry: bigint;
    /** Investor class bits (e.g. 1 = accredited). */
    classFlags: number;
    /** The address to link to the investor (optional for an update: omit or zero address). */
    account?: string;
  };
export type RegisterInvestorReturnType = TransactionResponse;
export type RegisterInvestorAndWaitReturnType = WriteReceipt & {
  /** The `InvestorUpdated` event's values. */
  investor: Readonly<Record<string, unknown>>;
};
export type RegisterInvestorErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;
export type RegisterInvestorAndWaitErrorType =
  RegisterInvestorErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the `registerInvestor` call. Creates or updates an investor and links `account` (the registry's `KYC_AGENT_ROLE`); bound tokens receive the profile in the same transaction.
 *
 * @example
 * ```ts
 * import { prepareRegisterInvestor, estimateRequest } from "@stokit/sdk";
 *
 * const request = await prepareRegisterInvestor(signer, { registry, investorId: id("applicant-1"), country: 410, kycExpiry, classFlags: 1, account: applicant });
 * const { gas } = await estimateRequest(signer, request);
 * ```
 */
export async function prepareRegisterInvestor(
  runner: StokitRunner,
  p: RegisterInvestorParameters,
): Promise<WriteRequest<void>> {
  const investorId = assertBytes32("investorId", p.investorId);
  const country = p.country;
  const kycExpiry = assertUint("kycExpiry", p.kycExpiry);
  const classFlags = p.classFlags;
  const account = assertAddress("account", p.account ?? ZeroAddress, { allowZero: true });
  const address = await resolveRegistry(runner, p);
  return buildWrite<void>(runner, p, address, registryWriteInterface, "registerInvestor", [
    investorId,
    country,
    kycExpiry,
    classFlags,
    account,
  ]);
}

const forms = /*#__PURE__*/ writeForms(
  prepareRegisterInvestor,
  (r): { investor: Readonly<Record<string, unknown>> } => {
    const a = eventArgs(r, "InvestorUpdated");
    return { investor: a };
  },
);

/**
 * Simulates `registerInvestor` from the signer (an `eth_call`): its result, or the decoded refusal. Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateRegisterInvestor } from "@stokit/sdk";
 * await simulateRegisterInvestor(signer, { registry, investorId: id("applicant-1"), country: 410, kycExpiry, classFlags: 1, account: applicant });
 * ```
 */
export function simulateRegisterInvestor(
  runner: StokitRunner,
  p: RegisterInvestorParameters,
): Promise<SimulateResult<void>> {
  return forms.simulate(runner, p);
}

/**
 * Creates or updates an investor and links `account` (the registry's `KYC_AGENT_ROLE`); bound tokens receive the profile in the same transaction. Estimates first: a refusal throws the decoded {@link ContractRevertError} before anything is signed.
 *
 * @example
 * ```ts
 * import { registerInvestor } from "@stokit/sdk";
 * const tx = await registerInvestor(signer, { registry, investorId: id("applicant-1"), country: 410, kycExpiry, classFlags: 1, account: applicant });
 * ```
 */
export function registerInvestor(
  runner: StokitRunner,
  p: RegisterInvestorParameters,
): Promise<RegisterInvestorReturnType> {
  return forms.send(runner, p);
}

/**
 * Sends `registerInvestor`, waits for `confirmations` and returns the receipt, the decoded events and the `InvestorUpdated` values.
 *
 * @example
 * ```ts
 * import { registerInvestorAndWait } from "@stokit/sdk";
 * const { investor, receipt } = await registerInvestorAndWait(signer, { registry, investorId: id("applicant-1"), country: 410, kycExpiry, classFlags: 1, account: applicant, confirmations: 1 });
 * ```
 */
export function registerInvestorAndWait(
  runner: StokitRunner,
  p: RegisterInvestorParameters & WaitOptions,
): Promise<RegisterInvestorAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
