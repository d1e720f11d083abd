/**
 * Mocks for Besu and local chains: the payment stablecoin, the native-coin/USD feed, the sequencer uptime feed and
 * the ERC-721 collection that gates points. Only what the parameter file marks `"mock"` is deployed.
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { NamedArtifactContractDeploymentFuture } from "@nomicfoundation/ignition-core";

import type { SuiteConfig } from "../../scripts/lib/config.js";

/** Address-book names of the mocks (and of the Multicall3 stand-in). */
export type MockName = "PaymentToken" | "NativeUsdFeed" | "SequencerUptimeFeed" | "PointsNftCollection" | "Multicall3";

export function buildMocksModule(cfg: SuiteConfig) {
  return buildModule("Mocks", (m) => {
    const result: Partial<Record<MockName, NamedArtifactContractDeploymentFuture<string>>> = {};
    if (cfg.payment.source.kind === "mock") {
      result.PaymentToken = m.contract(
        "OfferingMockStablecoin",
        [`Mock ${cfg.payment.symbol}`, cfg.payment.symbol, cfg.payment.decimals],
        { id: "PaymentToken" },
      );
    }
    if (cfg.oracle.primaryFeed.kind === "mock") {
      result.NativeUsdFeed = m.contract("OracleMockFeed", [cfg.oracle.mockDecimals, cfg.oracle.mockAnswer], {
        id: "NativeUsdFeed",
      });
    }
    if (cfg.oracle.sequencer?.kind === "mock") {
      // Up since the Unix epoch's first second: the grace period has long passed.
      result.SequencerUptimeFeed = m.contract("OracleMockSequencerFeed", [1n], { id: "SequencerUptimeFeed" });
    }
    if (cfg.nftCollection.kind === "mock") {
      result.PointsNftCollection = m.contract("PointsMockERC721", [], { id: "PointsNftCollection" });
    }
    if (cfg.deployMulticall) {
      result.Multicall3 = m.contract("Multicall3Compatible", [], { id: "Multicall3" });
    }
    return result;
  });
}
