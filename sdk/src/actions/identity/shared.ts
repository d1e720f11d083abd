import { Contract, Interface, isHexString } from "ethers";

import { InvalidParameterError } from "../../errors/parameter.js";
import { registerCatalogue } from "../../errors/catalogue.js";
import { identityReasons } from "../../errors/reasons/identity.js";
import * as ir from "../../generated/abis/IdentityRegistry.js";
import type { IdentityRegistry } from "../../generated/types/IdentityRegistry.js";
import { expand } from "../../utils/abi.js";
import type { StokitRunner } from "../../utils/runner.js";
import { resolveTarget, type AreaParameters } from "../shared.js";

/**
 * Parameters every identity action accepts: which IdentityRegistry (default: the address book's `IdentityRegistry`).
 *
 * @example
 * ```ts
 * import type { IdentityBaseParameters } from "@stokit/sdk";
 * const p: IdentityBaseParameters = { registry: "0x…" };
 * ```
 */
export type IdentityBaseParameters = AreaParameters & {
  /** The IdentityRegistry; default `addresses.IdentityRegistry`, then the built-in address book. */
  registry?: string;
};

/**
 * A provider's KYC attestation (the registry's EIP-712 `KycAttestation`). `issuedAt` is when the provider took the
 * decision: the registry refuses an attestation issued before the investor's current decision (the last KYC agent
 * write, or the issue time of the last attestation used) or after the block time. `account` is the address to link
 * (the typed data's `wallet` field: the SDK names it `account`, see "Names" in the README, and signs it as
 * `wallet`).
 *
 * @example
 * ```ts
 * import { id } from "ethers";
 * import type { KycAttestation } from "@stokit/sdk";
 * const a: KycAttestation = { investorId: id("applicant-1"), account, country: 410, kycExpiry, classFlags: 1, issuedAt, nonce: 1n, deadline };
 * ```
 */
export type KycAttestation = {
  investorId: string;
  /** The address to link to the investor. */
  account: string;
  country: number;
  kycExpiry: bigint;
  classFlags: number;
  /** Unix time the provider took the decision (uint40). */
  issuedAt: bigint;
  nonce: bigint;
  deadline: bigint;
};

/**
 * The EIP-712 types of the registry's `KycAttestation` (domain: name `"stokit IdentityRegistry"`, version `"1"`, the
 * chain id and the registry's address): the contract's field names, so {@link KycAttestation}'s `account` is signed
 * as `wallet` (see {@link kycAttestationMessage}).
 *
 * @example
 * ```ts
 * import { KYC_ATTESTATION_TYPES } from "@stokit/sdk";
 * const sig = await providerKey.signTypedData(domain, KYC_ATTESTATION_TYPES, kycAttestationMessage(attestation));
 * ```
 */
export const KYC_ATTESTATION_TYPES = {
  KycAttestation: [
    { name: "investorId", type: "bytes32" },
    { name: "wallet", type: "address" },
    { name: "country", type: "uint16" },
    { name: "kycExpiry", type: "uint40" },
    { name: "classFlags", type: "uint8" },
    { name: "issuedAt", type: "uint40" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** @internal The registry functions the SDK calls (one generated fragment each: a bundle carries no others). */
// The area's errors and sentences are registered inside this pure initialiser, not by a top-level call: a bundle
// that uses none of the area's interfaces drops both, also when bundling the flat dist/index.js (bundlers keep any
// top-level call).
const registryFunctions: string[] = /*#__PURE__*/ (() => {
  registerCatalogue({ errors: ir.identityRegistryErrors, reasons: identityReasons });
  return expand("function", [
    ir.investor,
    ir.investorOf,
    ir.profileOf,
    ir.isVerified,
    ir.registerInvestor,
    ir.registerWithAttestation,
  ]);
})();

/**
 * The EIP-712 message of an attestation: {@link KycAttestation} with `account` under the contract's field name
 * `wallet` (what {@link KYC_ATTESTATION_TYPES} describes).
 *
 * @example
 * ```ts
 * import { KYC_ATTESTATION_TYPES, kycAttestationMessage } from "@stokit/sdk";
 * const sig = await providerKey.signTypedData(domain, KYC_ATTESTATION_TYPES, kycAttestationMessage(attestation));
 * ```
 */
export function kycAttestationMessage(a: KycAttestation): Record<string, unknown> {
  const { account, ...rest } = a;
  return { ...rest, wallet: account };
}

/** @internal */
export const registryInterface = /*#__PURE__*/ new Interface(registryFunctions);

/** @internal {@link registryInterface} and the contract's events, for writes (their receipts decode its events). */
export const registryWriteInterface = /*#__PURE__*/ (() =>
  new Interface([...registryFunctions, ...expand("event", ir.identityRegistryEvents)]))();

/** @internal */
export function resolveRegistry(runner: StokitRunner, p: IdentityBaseParameters): Promise<string> {
  return resolveTarget(runner, p, "registry", p.registry, "IdentityRegistry");
}

/** @internal */
export function registryAt(address: string, runner: StokitRunner): IdentityRegistry {
  // The functions the SDK calls only; reverts decode through the registered catalogue.
  return new Contract(address, registryInterface, runner) as unknown as IdentityRegistry;
}

/** @internal A non-zero bytes32. */
export function assertBytes32(parameter: string, value: unknown): string {
  if (!isHexString(value, 32) || /^0x0{64}$/.test(value as string)) {
    throw new InvalidParameterError({ parameter, value, expected: "a non-zero 32-byte 0x hex string" });
  }
  return (value as string).toLowerCase();
}
