import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { id } from "ethers";

export const UNIT = 10n ** 18n;
export const KOREA = 410;
export const USA = 840;
export const JAPAN = 392;
export const ACCREDITED = 1;
export const PROFESSIONAL = 2;

export const RULE = {
  maxInvestors: 1,
  maxBalance: 2,
  countryAllowlist: 4,
  countryBlocklist: 8,
  lockup: 16,
  investorClass: 32,
  hook: 64,
} as const;

/** ERC-1404 restriction codes of the token (README.md, "Security token"). */
export const CODE = {
  success: 0,
  paused: 1,
  transfersDisabled: 2,
  senderNotVerified: 3,
  receiverNotVerified: 4,
  senderFrozen: 5,
  receiverFrozen: 6,
  insufficientUnfrozen: 7,
  senderLockedUp: 8,
  countryNotAllowed: 9,
  investorClassRequired: 10,
  maxInvestors: 11,
  maxBalance: 12,
  hookRejected: 13,
  spenderNotAllowed: 14,
} as const;

/** An investor id as the KYC side would derive it from its own reference. */
export const investorId = (ref: string) => id(`stokit-investor:${ref}`);

export const ADMIN_DELAY = 86_400n;

/**
 * Deploys a registry and a token bound to it, with every role on its own signer, and registers alice (two wallets,
 * Korea, accredited), bob (USA, accredited + professional) and carol (Japan, no class) for a year of KYC.
 */
export async function deployTokenSuite(ethers: HardhatEthers) {
  const [
    admin,
    agent,
    kycAgent,
    officer,
    pauser,
    recorder,
    provider,
    alice,
    alice2,
    bob,
    carol,
    dave,
    stranger,
    ...others
  ] = await ethers.getSigners();
  const registry = await ethers.deployContract("IdentityRegistry", [ADMIN_DELAY, admin.address]);
  const token = await ethers.deployContract("SecurityToken", [
    "Stokit Webtoon Revenue Right",
    "SWR",
    await registry.getAddress(),
    ADMIN_DELAY,
    admin.address,
  ]);
  await registry.grantRole(await registry.KYC_AGENT_ROLE(), kycAgent.address);
  await registry.setTrustedProvider(provider.address, true);
  await registry.setTokenBinding(await token.getAddress(), true);
  await token.grantRole(await token.AGENT_ROLE(), agent.address);
  await token.grantRole(await token.COMPLIANCE_ROLE(), officer.address);
  await token.grantRole(await token.PAUSER_ROLE(), pauser.address);
  await token.grantRole(await token.LOCKUP_ROLE(), officer.address);
  await token.grantRole(await token.RECORD_DATE_ROLE(), recorder.address);

  const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  const expiry = now + 365n * 86_400n;
  const kyc = registry.connect(kycAgent);
  await kyc.registerInvestor(investorId("alice"), KOREA, expiry, ACCREDITED, alice.address);
  await kyc.addWallet(investorId("alice"), alice2.address);
  await kyc.registerInvestor(investorId("bob"), USA, expiry, ACCREDITED | PROFESSIONAL, bob.address);
  await kyc.registerInvestor(investorId("carol"), JAPAN, expiry, 0, carol.address);
  return {
    registry,
    token,
    admin,
    agent,
    kycAgent,
    officer,
    pauser,
    recorder,
    provider,
    alice,
    alice2,
    bob,
    carol,
    dave,
    stranger,
    others,
    expiry,
  };
}
