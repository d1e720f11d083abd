/** How a chain prices gas, which decides the fee fields the SDK puts on a transaction. */
export type FeeModel =
  /** `gasPrice` from `eth_gasPrice`, type-0 transactions (BNB Smart Chain). */
  | "legacy"
  /** EIP-1559 `maxFeePerGas`/`maxPriorityFeePerGas` (Base, Ethereum). */
  | "eip1559"
  /** Free gas: `gasPrice: 0` (Besu networks with a zero base fee and `min-gas-price=0`). */
  | "zero"
  /** Whatever the node's fee data suggests (EIP-1559 when the block has a base fee, else legacy). */
  | "auto";

/** What the SDK knows about a chain. Pass your own to support another chain (a Besu network with its own id). */
export type StokitChain = {
  id: number;
  name: string;
  feeModel: FeeModel;
  /** Multicall3 address, if one is deployed (the canonical one on public chains). */
  multicall3?: string;
  /** OP-stack GasPriceOracle predeploy, for the L1 data fee of a transaction (Base). */
  l1GasPriceOracle?: string;
  /** Minimum priority fee for EIP-1559 chains, in wei. */
  minPriorityFeePerGas?: bigint;
};

/** The canonical Multicall3 address (same on every EVM chain it was deployed to with its presigned transaction). */
export const MULTICALL3_ADDRESS = "0xcA11bde05977b3631167028862bE2a173976CA11";
/** The OP-stack GasPriceOracle predeploy (`getL1Fee(bytes)`). */
export const GAS_PRICE_ORACLE_ADDRESS = "0x420000000000000000000000000000000000000F";

/**
 * BNB Smart Chain mainnet (legacy gas price).
 *
 * @example
 * ```ts
 * import { bsc } from "@stokit/sdk";
 * console.log(bsc.id, bsc.feeModel); // 56 "legacy"
 * ```
 */
export const bsc: StokitChain = { id: 56, name: "BNB Smart Chain", feeModel: "legacy", multicall3: MULTICALL3_ADDRESS };

/**
 * BNB Smart Chain testnet.
 *
 * @example
 * ```ts
 * import { bscTestnet } from "@stokit/sdk";
 * console.log(bscTestnet.id); // 97
 * ```
 */
export const bscTestnet: StokitChain = {
  id: 97,
  name: "BSC Testnet",
  feeModel: "legacy",
  multicall3: MULTICALL3_ADDRESS,
};

/**
 * Base mainnet (OP stack: EIP-1559 plus an L1 data fee).
 *
 * @example
 * ```ts
 * import { base } from "@stokit/sdk";
 * console.log(base.l1GasPriceOracle); // 0x420000000000000000000000000000000000000F
 * ```
 */
export const base: StokitChain = {
  id: 8453,
  name: "Base",
  feeModel: "eip1559",
  multicall3: MULTICALL3_ADDRESS,
  l1GasPriceOracle: GAS_PRICE_ORACLE_ADDRESS,
};

/**
 * Base Sepolia testnet.
 *
 * @example
 * ```ts
 * import { baseSepolia } from "@stokit/sdk";
 * console.log(baseSepolia.id); // 84532
 * ```
 */
export const baseSepolia: StokitChain = { ...base, id: 84532, name: "Base Sepolia" };

/**
 * A Besu network with free gas, chain id 1337 by default. Its Multicall3 is deployed by the suite's scripts, so
 * its address comes from the address book (or `addresses.Multicall3`). Use {@link defineChain} for another id.
 *
 * @example
 * ```ts
 * import { besu, defineChain } from "@stokit/sdk";
 * const myBesu = defineChain({ ...besu, id: 2024, name: "Issuer Besu" });
 * ```
 */
export const besu: StokitChain = { id: 1337, name: "Besu", feeModel: "zero" };

/**
 * A local Hardhat/Anvil node (chain id 31337).
 *
 * @example
 * ```ts
 * import { hardhat } from "@stokit/sdk";
 * console.log(hardhat.feeModel); // "auto"
 * ```
 */
export const hardhat: StokitChain = { id: 31337, name: "Hardhat", feeModel: "auto" };

/**
 * The chains the SDK knows, by id.
 *
 * @example
 * ```ts
 * import { knownChains } from "@stokit/sdk";
 * console.log(knownChains[56]?.name); // "BNB Smart Chain"
 * ```
 */
export const knownChains: Readonly<Record<number, StokitChain>> = Object.fromEntries(
  [bsc, bscTestnet, base, baseSepolia, besu, hardhat].map((c) => [c.id, c]),
);

/**
 * Declares a chain (identity function for type checking).
 *
 * @example
 * ```ts
 * import { defineChain } from "@stokit/sdk";
 * const chain = defineChain({ id: 2024, name: "Issuer Besu", feeModel: "zero", multicall3: "0x..." });
 * ```
 */
export function defineChain(chain: StokitChain): StokitChain {
  return chain;
}

/**
 * The chain for `chainId`: `chain` if given (and matching), else a known one, else an `auto` chain.
 *
 * @example
 * ```ts
 * import { getChain } from "@stokit/sdk";
 * getChain(8453).feeModel; // "eip1559"
 * ```
 */
export function getChain(chainId: number, chain?: StokitChain): StokitChain {
  if (chain && chain.id === chainId) return chain;
  return knownChains[chainId] ?? { id: chainId, name: `chain ${chainId}`, feeModel: "auto" };
}
