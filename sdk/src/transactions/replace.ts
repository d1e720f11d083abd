import type { TransactionResponse } from "ethers";

import { toStokitError } from "../errors/normalize.js";
import { InvalidParameterError } from "../errors/parameter.js";
import { getChainId, getProvider, getSigner, type StokitRunner } from "../utils/runner.js";
import { getFeeSettings, type FeeSettings } from "./gas.js";

/** Parameters of {@link replaceTransaction}. */
export type ReplaceTransactionParameters = {
  /** The stuck transaction, or its hash. */
  transaction: TransactionResponse | string;
  /** `speedUp` resends the same call; `cancel` sends 0 to yourself. Default `speedUp`. */
  mode?: "speedUp" | "cancel";
  /** Fee bump over the stuck transaction's fees, in percent (default 15; nodes require at least 10). */
  bumpPercent?: number;
};

/** What {@link replaceTransaction} returns. */
export type ReplaceTransactionReturnType = {
  /** The replacement, same nonce, higher fees. Wait on it with {@link waitForTransaction}. */
  replacement: TransactionResponse;
  /** The fees it pays. */
  fees: FeeSettings;
  nonce: number;
};

function bump(value: bigint, percent: number): bigint {
  return (value * BigInt(100 + percent)) / 100n + 1n;
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/**
 * Replaces a pending transaction that is stuck (its fees too low for the market): sends a transaction with the
 * same nonce and fees bumped by `bumpPercent` (and at least the chain's current fees), either the same call
 * (`speedUp`) or a 0-value transfer to yourself (`cancel`). Only the signer that sent it can replace it.
 *
 * @example
 * ```ts
 * import { replaceTransaction, waitForTransaction } from "@stokit/sdk";
 *
 * const { replacement } = await replaceTransaction(signer, { transaction: stuckTx, bumpPercent: 20 });
 * const { receipt } = await waitForTransaction(signer, { transaction: replacement });
 * ```
 */
export async function replaceTransaction(
  runner: StokitRunner,
  parameters: ReplaceTransactionParameters,
): Promise<ReplaceTransactionReturnType> {
  const signer = getSigner(runner);
  const provider = getProvider(runner);
  const { mode = "speedUp", bumpPercent = 15 } = parameters;
  if (!Number.isInteger(bumpPercent) || bumpPercent < 10) {
    throw new InvalidParameterError({
      parameter: "bumpPercent",
      value: bumpPercent,
      expected: "an integer percentage of at least 10",
    });
  }
  try {
    const original =
      typeof parameters.transaction === "string"
        ? await provider.getTransaction(parameters.transaction)
        : parameters.transaction;
    if (!original)
      throw new InvalidParameterError({
        parameter: "transaction",
        value: parameters.transaction,
        expected: "a known transaction hash",
      });
    const from = await signer.getAddress();
    if (original.from.toLowerCase() !== from.toLowerCase()) {
      throw new InvalidParameterError({
        parameter: "transaction",
        value: original.hash,
        expected: `a transaction sent by ${from}`,
      });
    }
    if (await provider.getTransactionReceipt(original.hash)) {
      throw new InvalidParameterError({
        parameter: "transaction",
        value: original.hash,
        expected: "a pending transaction (this one is mined)",
      });
    }
    const chainId = await getChainId(runner);
    const current = await getFeeSettings(runner);
    let fees: FeeSettings;
    if (original.type === 2 && original.maxFeePerGas != null && original.maxPriorityFeePerGas != null) {
      const currentMax = current.type === 2 ? current.maxFeePerGas : current.gasPrice;
      const currentTip = current.type === 2 ? current.maxPriorityFeePerGas : current.gasPrice;
      const tip = max(bump(original.maxPriorityFeePerGas, bumpPercent), currentTip);
      fees = {
        type: 2,
        maxPriorityFeePerGas: tip,
        maxFeePerGas: max(max(bump(original.maxFeePerGas, bumpPercent), currentMax), tip),
      };
    } else {
      const currentPrice = current.type === 0 ? current.gasPrice : current.maxFeePerGas;
      fees = { type: 0, gasPrice: max(bump(original.gasPrice ?? 0n, bumpPercent), currentPrice) };
    }
    const call =
      mode === "cancel"
        ? { to: from, data: "0x", value: 0n, gasLimit: 21_000n }
        : { to: original.to, data: original.data, value: original.value, gasLimit: original.gasLimit };
    const replacement = await signer.sendTransaction({ ...call, nonce: original.nonce, chainId, ...fees });
    return { replacement, fees, nonce: original.nonce };
  } catch (error) {
    throw toStokitError(error);
  }
}
