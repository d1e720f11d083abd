/** The points domain: the Points ledger and its program-manager, issuer and pauser roles. */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id } from "ethers";

import type { SuiteConfig } from "../../scripts/lib/config.js";

export const POINTS_ROLES = [
  ["POINTS_PROGRAM_MANAGER_ROLE", "pointsManager"],
  ["POINTS_ISSUER_ROLE", "pointsIssuer"],
  ["POINTS_PAUSER_ROLE", "pointsPauser"],
] as const;

export function buildPointsModule(cfg: SuiteConfig) {
  return buildModule("Points", (m) => {
    const points = m.contract("Points", [cfg.deployer, cfg.adminDelay]);
    for (const [role, holder] of POINTS_ROLES) {
      m.call(points, "grantRole", [id(role), cfg.roles[holder]], { id: `Points_grant_${role}` });
    }
    return { points };
  });
}
