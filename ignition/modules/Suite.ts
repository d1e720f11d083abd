/**
 * The whole suite (the shared parts, the single-IP token and the factories that list further IPs), composed from the
 * domain modules with `m.useModule`, then the admin handover: when the configured
 * admin is not the deployer, every AccessControlDefaultAdminRules contract begins a two-step transfer to it. The
 * admin (a multisig) must call `acceptDefaultAdminTransfer()` on each contract after `adminDelay` seconds; until then
 * the deployer stays admin (see the README, "For deployers").
 *
 * The modules are built from a resolved {@link SuiteConfig} (scripts/lib/config.ts), so a Besu/local deployment
 * contains the mocks and a BSC/Base one points at the real stablecoin, feeds and NFT collection.
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import type { SuiteConfig } from "../../scripts/lib/config.js";
import { buildDividendsModule } from "./Dividends.js";
import { buildFactoryModule } from "./Factory.js";
import { buildMarketModule } from "./Market.js";
import { buildMocksModule } from "./Mocks.js";
import { buildOracleModule } from "./Oracle.js";
import { buildPointsModule } from "./Points.js";
import { buildTokenModule } from "./Token.js";

export function buildSuiteModule(cfg: SuiteConfig) {
  const mocksModule = buildMocksModule(cfg);
  const tokenModule = buildTokenModule(cfg);
  const dividendsModule = buildDividendsModule(cfg);
  const pointsModule = buildPointsModule(cfg);
  const oracleModule = buildOracleModule(cfg, mocksModule);
  const factoryModule = buildFactoryModule(cfg, tokenModule, dividendsModule);
  const marketModule = buildMarketModule(cfg, tokenModule);
  return buildModule("Suite", (m) => {
    const mocks = m.useModule(mocksModule);
    const { registry, token } = m.useModule(tokenModule);
    const { distributor } = m.useModule(dividendsModule);
    const { points } = m.useModule(pointsModule);
    const { oracle } = m.useModule(oracleModule);
    const { tokenFactory, offeringFactory, ...initcodeChunks } = m.useModule(factoryModule);
    const { market } = m.useModule(marketModule);
    if (cfg.roles.admin !== cfg.deployer) {
      const modules = [tokenModule, dividendsModule, pointsModule, oracleModule, factoryModule, marketModule];
      const handed = { registry, token, distributor, points, oracle, tokenFactory, offeringFactory, market };
      for (const [name, contract] of Object.entries(handed)) {
        m.call(contract, "beginDefaultAdminTransfer", [cfg.roles.admin], { id: `Handover_${name}`, after: modules });
      }
    }
    return {
      ...mocks,
      registry,
      token,
      distributor,
      points,
      oracle,
      tokenFactory,
      offeringFactory,
      ...initcodeChunks,
      market,
    };
  });
}
