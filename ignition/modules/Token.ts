/**
 * The token domain: IdentityRegistry and SecurityToken, the registry binding (before any investor is registered),
 * the trusted KYC providers and the token/registry roles granted to their configured holders.
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id } from "ethers";

import type { SuiteConfig } from "../../scripts/lib/config.js";

/** Token roles and the configured holder of each. */
export const TOKEN_ROLES = [
  ["AGENT_ROLE", "agent"],
  ["COMPLIANCE_ROLE", "compliance"],
  ["PAUSER_ROLE", "pauser"],
  ["LOCKUP_ROLE", "lockup"],
  ["RECORD_DATE_ROLE", "recordDate"],
] as const;

/** Registry roles and holders. */
export const REGISTRY_ROLES = [["KYC_AGENT_ROLE", "kycAgent"]] as const;

export function buildTokenModule(cfg: SuiteConfig) {
  return buildModule("Token", (m) => {
    const registry = m.contract("IdentityRegistry", [cfg.adminDelay, cfg.deployer]);
    const token = m.contract("SecurityToken", [
      cfg.token.name,
      cfg.token.symbol,
      registry,
      cfg.adminDelay,
      cfg.deployer,
    ]);
    m.call(registry, "setTokenBinding", [token, true], { id: "BindToken" });
    for (const [role, holder] of REGISTRY_ROLES) {
      m.call(registry, "grantRole", [id(role), cfg.roles[holder]], { id: `Registry_grant_${role}` });
    }
    cfg.trustedProviders.forEach((provider, i) => {
      m.call(registry, "setTrustedProvider", [provider, true], { id: `TrustProvider_${i}` });
    });
    for (const [role, holder] of TOKEN_ROLES) {
      m.call(token, "grantRole", [id(role), cfg.roles[holder]], { id: `Token_grant_${role}` });
    }
    return { registry, token };
  });
}
