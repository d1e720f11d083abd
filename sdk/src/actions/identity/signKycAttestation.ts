import type { TypedDataDomain } from "ethers";

import { InvalidParameterError } from "../../errors/parameter.js";
import { toStokitError } from "../../errors/normalize.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import type { UnsupportedChainError } from "../../errors/parameter.js";
import { getChainId, getSigner, type StokitRunner } from "../../utils/runner.js";
import { assertAddress, assertUint } from "../../utils/validate.js";
import {
  assertBytes32,
  KYC_ATTESTATION_TYPES,
  kycAttestationMessage,
  resolveRegistry,
  type IdentityBaseParameters,
  type KycAttestation,
} from "./shared.js";

export type SignKycAttestationParameters = IdentityBaseParameters & {
  /** The attestation; `issuedAt` defaults to `now`. */
  attestation: Omit<KycAttestation, "issuedAt"> & { issuedAt?: bigint };
  /**
   * The signer's current unix time (default: the local clock): the default `issuedAt`; the `deadline` must be after
   * it and `issuedAt` not after it (the registry refuses an attestation issued in the future).
   */
  now?: bigint;
};
export type SignKycAttestationReturnType = {
  attestation: KycAttestation;
  signature: string;
  domain: TypedDataDomain;
  /** The provider's address (the signer's). */
  provider: string;
};
export type SignKycAttestationErrorType = InvalidParameterError | UnsupportedChainError | NetworkError | RpcError;

/** @internal Validates and normalises an attestation. */
export function normalizeAttestation(a: KycAttestation): KycAttestation {
  const country = Number(a.country);
  if (!Number.isInteger(country) || country < 1 || country > 999)
    throw new InvalidParameterError({ parameter: "attestation.country", value: a.country, expected: "1..999" });
  const classFlags = Number(a.classFlags);
  if (!Number.isInteger(classFlags) || classFlags < 0 || classFlags > 255)
    throw new InvalidParameterError({ parameter: "attestation.classFlags", value: a.classFlags, expected: "0..255" });
  return {
    investorId: assertBytes32("attestation.investorId", a.investorId),
    account: assertAddress("attestation.account", a.account),
    country,
    kycExpiry: assertUint("attestation.kycExpiry", a.kycExpiry, (1n << 40n) - 1n),
    classFlags,
    issuedAt: assertUint("attestation.issuedAt", a.issuedAt, (1n << 40n) - 1n),
    nonce: assertUint("attestation.nonce", a.nonce),
    deadline: assertUint("attestation.deadline", a.deadline),
  };
}

/**
 * Signs a KYC attestation with the runner's key, as a KYC provider's backend does (EIP-712, domain
 * `"stokit IdentityRegistry"` v1, the runner's chain id and the registry). The investor (or anyone) then submits it
 * with {@link registerWithAttestation}. No transaction; the only requests are the chain id and the signer's address
 * (a local `Wallet` signs offline, a KMS or remote signer signs remotely).
 *
 * The attestation carries its issue time (`issuedAt`, default now): the registry refuses it once the investor has a
 * newer decision (a KYC agent's write or a newer attestation used), so sign with the time the decision was taken, and
 * sign a fresh attestation after any later change.
 *
 * @example
 * ```ts
 * import { id, Wallet } from "ethers";
 * import { signKycAttestation } from "@stokit/sdk";
 *
 * const providerKey = new Wallet(process.env.KYC_PROVIDER_KEY!, provider); // trusted by the registry
 * const { attestation, signature } = await signKycAttestation(providerKey, {
 *   registry,
 *   attestation: { investorId: id("applicant-1"), account, country: 410, kycExpiry, classFlags: 1, nonce: 7n, deadline },
 * }); // issuedAt: now
 * ```
 */
export async function signKycAttestation(
  runner: StokitRunner,
  parameters: SignKycAttestationParameters,
): Promise<SignKycAttestationReturnType> {
  const now = parameters.now ?? BigInt(Math.floor(Date.now() / 1000));
  const attestation = normalizeAttestation({
    ...parameters.attestation,
    issuedAt: parameters.attestation.issuedAt ?? now,
  });
  if (attestation.issuedAt > now)
    throw new InvalidParameterError({
      parameter: "attestation.issuedAt",
      value: attestation.issuedAt,
      expected: `a unix time not after ${now}`,
    });
  if (attestation.deadline <= now)
    throw new InvalidParameterError({
      parameter: "attestation.deadline",
      value: attestation.deadline,
      expected: `a unix time after ${now}`,
    });
  const signer = getSigner(runner);
  const registry = await resolveRegistry(runner, parameters);
  const chainId = await getChainId(runner, parameters.chainId);
  const domain: TypedDataDomain = {
    name: "stokit IdentityRegistry",
    version: "1",
    chainId,
    verifyingContract: registry,
  };
  try {
    const signature = await signer.signTypedData(
      domain,
      KYC_ATTESTATION_TYPES as unknown as Record<string, { name: string; type: string }[]>,
      kycAttestationMessage(attestation),
    );
    return { attestation, signature, domain, provider: await signer.getAddress() };
  } catch (error) {
    throw toStokitError(error, { functionName: "signTypedData" });
  }
}
