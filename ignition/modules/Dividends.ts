/** The dividends domain: DividendDistributor, its distributor and tax-admin roles and the tax wallet. */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id } from "ethers";

import type { SuiteConfig } from "../../scripts/lib/config.js";

export const DIVIDEND_ROLES = [
  ["DISTRIBUTOR_ROLE", "distributor"],
  ["TAX_ADMIN_ROLE", "taxAdmin"],
] as const;

export function buildDividendsModule(cfg: SuiteConfig) {
  return buildModule("Dividends", (m) => {
    const distributor = m.contract("DividendDistributor", [cfg.deployer, cfg.adminDelay]);
    const grants = DIVIDEND_ROLES.map(([role, holder]) =>
      m.call(distributor, "grantRole", [id(role), cfg.roles[holder]], { id: `Dividends_grant_${role}` }),
    );
    if (cfg.roles.taxAdmin === cfg.deployer) {
      m.call(distributor, "setTaxWallet", [cfg.taxWallet], { id: "SetTaxWallet", after: grants });
    }
    return { distributor };
  });
}
