import { at, type RevertReasonFormatter } from "./format.js";

/** @internal Sentences for the identity registry's errors. */
export const identityReasons: Readonly<Record<string, RevertReasonFormatter>> = {
  IdentityRegistryInvalidInvestorId: () => `The investor id is zero.`,
  IdentityRegistryZeroAddress: () => `A zero address was given where an address is required.`,
  IdentityRegistryInvalidCountry: (a) => `Country ${a.country} is not an ISO 3166-1 numeric code (1..999).`,
  IdentityRegistryUnknownInvestor: (a) => `Investor ${a.investorId} is not registered.`,
  IdentityRegistryInvestorRevoked: (a) => `Investor ${a.investorId} is revoked.`,
  IdentityRegistryStaleAttestation: (a) =>
    `The attestation for investor ${a.investorId} was issued at ${at(a.issuedAt)}, before the investor's current decision (${at(a.decidedAt)}); ask the provider for a fresh one.`,
  IdentityRegistryAttestationFromFuture: (a) =>
    `The attestation's issue time ${at(a.issuedAt)} is after the block time ${at(a.timestamp)}.`,
  IdentityRegistryWalletHoldsBalance: (a) =>
    `${a.wallet} holds a balance of ${a.balance} of the detached token ${a.token}; it cannot change investor.`,
  IdentityRegistryTokenHasSupply: (a) =>
    `The token ${a.token} already has a supply of ${a.supply}; only a token without supply can be bound the first time.`,
  IdentityRegistryWalletAlreadyLinked: (a) => `${a.wallet} is already linked to investor ${a.investorId}.`,
  IdentityRegistryWalletNotLinked: (a) => `${a.wallet} is not linked to an investor.`,
  IdentityRegistryTooManyWallets: (a) => `Investor ${a.investorId} already has the maximum of ${a.max} wallets.`,
  IdentityRegistryAttestationExpired: (a) =>
    `The KYC attestation expired at ${at(a.deadline)} (block time ${at(a.timestamp)}).`,
  IdentityRegistryUntrustedProvider: (a) =>
    `The attestation was signed by ${a.signer}, which is not a trusted KYC provider (wrong key, chain, registry or tampered field).`,
  IdentityRegistryNonceUsed: (a) => `Nonce ${a.nonce} of provider ${a.provider} was already used or cancelled.`,
};
