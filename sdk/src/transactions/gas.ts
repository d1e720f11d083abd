import { Contract, Transaction } from "ethers";

import { getChain, type StokitChain } from "../chains.js";
import { toStokitError } from "../errors/normalize.js";
import { getChainId, getProvider, type StokitRunner } from "../utils/runner.js";

/** The fee fields of a transaction, as the chain's fee model wants them. */
export type FeeSettings =
  { type: 0; gasPrice: bigint } | { type: 2; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint };

/** Parameters of {@link getFeeSettings}. */
export type GetFeeSettingsParameters = { chain?: StokitChain; chainId?: number };

/**
 * The fee fields for a transaction on the runner's chain: BSC a legacy `gasPrice`, Base EIP-1559 fees (base fee
 * x2 + priority), Besu (`feeModel: "zero"`) `gasPrice: 0` without asking the node, other chains what the node
 * suggests.
 *
 * @example
 * ```ts
 * import { getFeeSettings } from "@stokit/sdk";
 *
 * const fees = await getFeeSettings(provider);
 * // { type: 0, gasPrice: 1000000000n } on BSC
 * ```
 */
export async function getFeeSettings(
  runner: StokitRunner,
  parameters: GetFeeSettingsParameters = {},
): Promise<FeeSettings> {
  const chainId = await getChainId(runner, parameters.chainId);
  const chain = getChain(chainId, parameters.chain);
  if (chain.feeModel === "zero") return { type: 0, gasPrice: 0n };
  let data;
  try {
    data = await getProvider(runner).getFeeData();
  } catch (error) {
    throw toStokitError(error);
  }
  const eip1559 = chain.feeModel === "eip1559" || (chain.feeModel === "auto" && data.maxFeePerGas != null);
  if (!eip1559 || data.maxFeePerGas == null || data.maxPriorityFeePerGas == null) {
    return { type: 0, gasPrice: data.gasPrice ?? 0n };
  }
  const priority =
    data.maxPriorityFeePerGas > (chain.minPriorityFeePerGas ?? 0n)
      ? data.maxPriorityFeePerGas
      : (chain.minPriorityFeePerGas ?? 0n);
  const maxFee = data.maxFeePerGas > priority ? data.maxFeePerGas : priority;
  return { type: 2, maxFeePerGas: maxFee, maxPriorityFeePerGas: priority };
}

const GAS_PRICE_ORACLE_ABI = ["function getL1Fee(bytes _data) view returns (uint256)"];

/** Parameters of {@link estimateL1Fee}. */
export type EstimateL1FeeParameters = {
  to: string;
  data: string;
  value?: bigint;
  gasLimit: bigint;
  fees: FeeSettings;
  nonce?: number;
  chain?: StokitChain;
  chainId?: number;
};

/**
 * The L1 data fee an OP-stack chain (Base) charges on top of L2 gas for this transaction, from the GasPriceOracle
 * predeploy's `getL1Fee(unsignedSerializedTx)`. `undefined` on chains without one (BSC, Besu).
 *
 * @example
 * ```ts
 * import { estimateL1Fee, getFeeSettings } from "@stokit/sdk";
 *
 * const fees = await getFeeSettings(provider);
 * const l1Fee = await estimateL1Fee(provider, { to, data, gasLimit: 100_000n, fees });
 * ```
 */
export async function estimateL1Fee(
  runner: StokitRunner,
  parameters: EstimateL1FeeParameters,
): Promise<bigint | undefined> {
  const chainId = await getChainId(runner, parameters.chainId);
  const oracle = getChain(chainId, parameters.chain).l1GasPriceOracle;
  if (!oracle) return undefined;
  const tx = Transaction.from({
    chainId,
    to: parameters.to,
    data: parameters.data,
    value: parameters.value ?? 0n,
    gasLimit: parameters.gasLimit,
    nonce: parameters.nonce ?? 0,
    ...parameters.fees,
  });
  try {
    const contract = new Contract(oracle, GAS_PRICE_ORACLE_ABI, getProvider(runner));
    return (await contract.getFunction("getL1Fee").staticCall(tx.unsignedSerialized)) as bigint;
  } catch (error) {
    throw toStokitError(error, { contractAddress: oracle, functionName: "getL1Fee" });
  }
}
