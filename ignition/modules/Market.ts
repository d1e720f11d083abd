/**
 * The secondary-market domain: the Market (admin: the deployer until the Suite's handover), `OPERATOR_ROLE` for the
 * configured operator, the trading fee when one is configured, and the suite token's trusted-operator grant for the
 * market (`SecurityToken.setTrustedOperator`, which needs `COMPLIANCE_ROLE`).
 *
 * When the configured compliance officer is not the deployer, the deployer (still the token's admin) grants itself
 * `COMPLIANCE_ROLE`, trusts the market and renounces the role again, so the suite is tradable when the deploy ends
 * and the deployer keeps no compliance power (`npm run check` verifies both).
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id } from "ethers";

import type { SuiteConfig } from "../../scripts/lib/config.js";
import type { buildTokenModule } from "./Token.js";

/** The Market's roles besides the admin; the holder is `market.operator` of the parameters. */
export const MARKET_ROLES = [["OPERATOR_ROLE", "operator"]] as const;

export function buildMarketModule(cfg: SuiteConfig, tokenModule: ReturnType<typeof buildTokenModule>) {
  return buildModule("Market", (m) => {
    const { token } = m.useModule(tokenModule);
    const market = m.contract("Market", [cfg.adminDelay, cfg.deployer]);
    for (const [role, holder] of MARKET_ROLES) {
      m.call(market, "grantRole", [id(role), cfg.market[holder]], { id: `Market_grant_${role}` });
    }
    if (cfg.market.feeBps > 0) {
      m.call(market, "setFee", [cfg.market.feeBps, cfg.market.feeWallet], { id: "Market_setFee" });
    }
    if (cfg.roles.compliance === cfg.deployer) {
      m.call(token, "setTrustedOperator", [market, true], { id: "Token_trust_Market" });
    } else {
      const grant = m.call(token, "grantRole", [id("COMPLIANCE_ROLE"), cfg.deployer], {
        id: "Token_grant_COMPLIANCE_ROLE_deployer",
      });
      const trust = m.call(token, "setTrustedOperator", [market, true], { id: "Token_trust_Market", after: [grant] });
      m.call(token, "renounceRole", [id("COMPLIANCE_ROLE"), cfg.deployer], {
        id: "Token_renounce_COMPLIANCE_ROLE_deployer",
        after: [trust],
      });
    }
    return { market };
  });
}
