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
import { registryWriteInterface, resolveRegistry, type IdentityBaseParameters, type KycAttestation } from "./shared.js";
import { normalizeAttestation } from "./signKycAttestation.js";

export type RegisterWithAttestationParameters = IdentityBaseParameters &
  TransactionOptions & {
    /** The attestation and the provider's signature, as {@link signKycAttestation} returns them. */
    attestation: KycAttestation;
    signature: string;
  };
export type RegisterWithAttestationReturnType = TransactionResponse;
export type RegisterWithAttestationAndWaitReturnType = WriteReceipt & {
  /** The `AttestationUsed` event's values (provider, nonce, investor id, wallet, issue time). */
  attestationUsed: Readonly<Record<string, unknown>>;
};
export type RegisterWithAttestationErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;
export type RegisterWithAttestationAndWaitErrorType =
  RegisterWithAttestationErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the `registerWithAttestation` call for a provider-signed attestation (anyone may submit it).
 *
 * @example
 * ```ts
 * import { prepareRegisterWithAttestation } from "@stokit/sdk";
 * const request = await prepareRegisterWithAttestation(investor, { registry, attestation, signature });
 * ```
 */
export async function prepareRegisterWithAttestation(
  runner: StokitRunner,
  p: RegisterWithAttestationParameters,
): Promise<WriteRequest<void>> {
  const a = normalizeAttestation(p.attestation);
  const address = await resolveRegistry(runner, p);
  return buildWrite<void>(runner, p, address, registryWriteInterface, "registerWithAttestation", [
    [a.investorId, a.account, a.country, a.kycExpiry, a.classFlags, a.issuedAt, a.nonce, a.deadline],
    p.signature,
  ]);
}

const forms = /*#__PURE__*/ writeForms(prepareRegisterWithAttestation, (r) => ({
  attestationUsed: eventArgs(r, "AttestationUsed"),
}));

/**
 * Simulates the registration: the decoded refusal (`IdentityRegistryUntrustedProvider`,
 * `IdentityRegistryAttestationExpired`, `IdentityRegistryNonceUsed`, `IdentityRegistryStaleAttestation`...) or
 * success. Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateRegisterWithAttestation } from "@stokit/sdk";
 * await simulateRegisterWithAttestation(investor, { registry, attestation, signature });
 * ```
 */
export function simulateRegisterWithAttestation(
  runner: StokitRunner,
  p: RegisterWithAttestationParameters,
): Promise<SimulateResult<void>> {
  return forms.simulate(runner, p);
}

/**
 * Submits a provider's attestation: registers (or renews) the investor and links `attestation.account`.
 *
 * @example
 * ```ts
 * import { registerWithAttestation } from "@stokit/sdk";
 * const tx = await registerWithAttestation(investor, { registry, attestation, signature });
 * ```
 */
export function registerWithAttestation(
  runner: StokitRunner,
  p: RegisterWithAttestationParameters,
): Promise<RegisterWithAttestationReturnType> {
  return forms.send(runner, p);
}

/**
 * Submits the attestation and waits; returns the receipt, the decoded events and the `AttestationUsed` values.
 *
 * @example
 * ```ts
 * import { registerWithAttestationAndWait } from "@stokit/sdk";
 * const { attestationUsed } = await registerWithAttestationAndWait(investor, { registry, attestation, signature });
 * ```
 */
export function registerWithAttestationAndWait(
  runner: StokitRunner,
  p: RegisterWithAttestationParameters & WaitOptions,
): Promise<RegisterWithAttestationAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
