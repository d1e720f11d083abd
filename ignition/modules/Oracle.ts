/**
 * The oracle domain: OracleCircuitBreaker with the sequencer uptime feed (Base) and the native-coin asset configured
 * on its Chainlink feed. The deployer holds ORACLE_CONFIG_ROLE only while it configures the asset, and gives it up
 * when another holder is configured.
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id, ZeroAddress } from "ethers";

import type { SuiteConfig } from "../../scripts/lib/config.js";
import type { buildMocksModule } from "./Mocks.js";

export const ORACLE_ROLES = [
  ["ORACLE_CONFIG_ROLE", "oracleConfig"],
  ["ORACLE_GUARDIAN_ROLE", "guardian"],
] as const;

export function buildOracleModule(cfg: SuiteConfig, mocksModule: ReturnType<typeof buildMocksModule>) {
  return buildModule("Oracle", (m) => {
    const mocks = m.useModule(mocksModule);
    const mockFeed = (name: "NativeUsdFeed" | "SequencerUptimeFeed") => {
      const future = mocks[name];
      if (future === undefined) throw new Error(`Oracle module: the ${name} mock was not deployed`);
      return future;
    };
    const primary = cfg.oracle.primaryFeed.kind === "mock" ? mockFeed("NativeUsdFeed") : cfg.oracle.primaryFeed.address;
    const sequencer =
      cfg.oracle.sequencer === undefined
        ? ZeroAddress
        : cfg.oracle.sequencer.kind === "mock"
          ? mockFeed("SequencerUptimeFeed")
          : cfg.oracle.sequencer.address;
    const oracle = m.contract("OracleCircuitBreaker", [
      cfg.adminDelay,
      cfg.deployer,
      sequencer,
      cfg.oracle.gracePeriod,
    ]);
    const configRole = id("ORACLE_CONFIG_ROLE");
    const self = m.call(oracle, "grantRole", [configRole, cfg.deployer], { id: "Oracle_grant_self_config" });
    const o = cfg.oracle;
    const configured = m.call(
      oracle,
      "setAssetConfig",
      [
        o.asset,
        {
          primary,
          fallbackFeed: o.fallbackFeed,
          heartbeat: o.heartbeat,
          fallbackHeartbeat: o.fallbackHeartbeat,
          minPrice: o.minPrice,
          maxPrice: o.maxPrice,
          maxDeviationBps: o.maxDeviationBps,
          recoveryRounds: o.recoveryRounds,
        },
      ],
      { id: "ConfigureNativeAsset", after: [self] },
    );
    const grants = ORACLE_ROLES.filter(
      ([, holder]) => holder !== "oracleConfig" || cfg.roles.oracleConfig !== cfg.deployer,
    ).map(([role, holder]) =>
      m.call(oracle, "grantRole", [id(role), cfg.roles[holder]], { id: `Oracle_grant_${role}`, after: [configured] }),
    );
    if (cfg.roles.oracleConfig !== cfg.deployer) {
      m.call(oracle, "renounceRole", [configRole, cfg.deployer], { id: "Oracle_renounce_self_config", after: grants });
    }
    return { oracle };
  });
}
