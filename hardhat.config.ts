import path from "node:path";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

/**
 * Compiler: solc from npm (pinned in package.json, exactly this version), run as wasm, so no compiler download is
 * ever needed. `evmVersion: "paris"` in every profile: one artifact set runs on BSC, Base and London-era Besu
 * networks (no PUSH0, MCOPY or TSTORE in the bytecode). The optimizer is on in every profile so that gas measured
 * in tests and benchmarks is the gas of what we deploy.
 */
const SOLC_VERSION = "0.8.30";
const solc = {
  version: SOLC_VERSION,
  path: path.resolve(import.meta.dirname, "node_modules/solc/soljson.js"),
  settings: {
    evmVersion: "paris",
    optimizer: { enabled: true, runs: 200 },
  },
};

/** Chain ids of the public targets. Besu's is chosen by its operator (genesis `chainId`, EIP-155). */
export const CHAIN_IDS = { bsc: 56, bscTestnet: 97, base: 8453, baseSepolia: 84532 } as const;
const BESU_CHAIN_ID = Number(process.env.BESU_CHAIN_ID ?? 1337);

/** The deployer's key, from the keystore (`npx hardhat keystore set DEPLOYER_PRIVATE_KEY`) or the environment. */
const deployer = [configVariable("DEPLOYER_PRIVATE_KEY")];

/** In-process simulations of the three targets. `default` is the BSC-like chain. */
const bscSimulated = {
  type: "edr-simulated",
  chainType: "l1",
  chainId: CHAIN_IDS.bsc,
  hardfork: "cancun",
} as const;

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    profiles: {
      default: solc,
      production: solc,
    },
  },
  paths: {
    tests: { mocha: "test", solidity: "test" },
  },
  test: {
    solidity: {
      // Everyday runs use a fixed seed so failures reproduce; CI uses the `ci` profile with a larger budget.
      profiles: {
        default: {
          fuzz: { runs: 256, seed: "0x5707" },
          invariant: { runs: 64, depth: 32, failOnRevert: false },
        },
        ci: {
          fuzz: { runs: 1024, seed: "0x5707" },
          invariant: { runs: 128, depth: 64, failOnRevert: false },
        },
      },
    },
  },
  networks: {
    default: bscSimulated,
    bscSim: bscSimulated,
    baseSim: { type: "edr-simulated", chainType: "op", chainId: CHAIN_IDS.base },
    besuSim: {
      type: "edr-simulated",
      chainType: "l1",
      chainId: BESU_CHAIN_ID,
      hardfork: "london",
      initialBaseFeePerGas: 0,
    },
    // A node on this machine (hardhat node, geth --dev, ...). URL: LOCALHOST_RPC_URL, default 127.0.0.1:8545 (the
    // scripts also take STOKIT_RPC_URL). Signer: the node's unlocked accounts, or LOCALHOST_PRIVATE_KEY when that
    // variable is set; DEPLOYER_PRIVATE_KEY is never used here, and the deploy says which account signs.
    localhost: {
      type: "http",
      chainType: "l1",
      url: process.env.LOCALHOST_RPC_URL || "http://127.0.0.1:8545",
      accounts: process.env.LOCALHOST_PRIVATE_KEY ? [configVariable("LOCALHOST_PRIVATE_KEY")] : "remote",
    },
    bsc: {
      type: "http",
      chainType: "l1",
      chainId: CHAIN_IDS.bsc,
      url: configVariable("BSC_RPC_URL"),
      accounts: deployer,
    },
    bscTestnet: {
      type: "http",
      chainType: "l1",
      chainId: CHAIN_IDS.bscTestnet,
      url: configVariable("BSC_TESTNET_RPC_URL"),
      accounts: deployer,
    },
    base: {
      type: "http",
      chainType: "op",
      chainId: CHAIN_IDS.base,
      url: configVariable("BASE_RPC_URL"),
      accounts: deployer,
    },
    baseSepolia: {
      type: "http",
      chainType: "op",
      chainId: CHAIN_IDS.baseSepolia,
      url: configVariable("BASE_SEPOLIA_RPC_URL"),
      accounts: deployer,
    },
    besu: {
      type: "http",
      chainType: "l1",
      chainId: BESU_CHAIN_ID,
      url: configVariable("BESU_RPC_URL"),
      accounts: deployer,
    },
  },
  verify: {
    etherscan: { apiKey: configVariable("ETHERSCAN_API_KEY") },
  },
});
