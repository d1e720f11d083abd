import type { TransactionResponse } from "ethers";

import { resolveAddress } from "../../addresses.js";
import type { ContractRevertError } from "../../errors/contract.js";
import { InvalidParameterError, type UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import type { TransactionFailedError, TransactionReplacedError } from "../../errors/transaction.js";
import { multicall3Abi } from "../../generated/abis/Multicall3.js";
import { abiCall, contractCall, multicall } from "../../multicall/multicall.js";
import {
  createWriteRequest,
  sendRequest,
  simulateRequest,
  waitForTransaction,
  type TransactionOptions,
  type WaitOptions,
  type WriteReceipt,
  type WriteRequest,
} from "../../transactions/write.js";
import { getSigner, type StokitRunner } from "../../utils/runner.js";
import { assertAddress, assertFuture, assertPositive, assertUint } from "../../utils/validate.js";
import { distributorWriteInterface, resolveDistributor, type DividendsBaseParameters } from "./shared.js";
import { erc20At } from "../../utils/erc20.js";

export type CreateDistributionParameters = DividendsBaseParameters &
  Omit<TransactionOptions, "nonce"> & {
    /** The security token whose holders are paid. */
    token: string;
    /** The ERC-20 paid out (a stablecoin). */
    payoutToken: string;
    /** Amount of `payoutToken`, in its smallest unit. */
    amount: bigint;
    /** Unix time (token clock) of the balances that count; must be in the past. */
    recordDate: bigint;
    /** Unix time until which holders can claim; must be in the future. */
    claimDeadline: bigint;
    /** Addresses that get nothing (treasury, issuer wallets). */
    excluded?: readonly string[];
    /** Approve the distributor for `amount` first when the allowance is short (default true). */
    approve?: boolean;
    multicallAddress?: string;
  };

export type PrepareCreateDistributionReturnType = {
  /** `approve(distributor, amount)` when the allowance is short and `approve` is on. */
  approve: WriteRequest<boolean> | undefined;
  create: WriteRequest<bigint>;
  allowance: bigint;
  balance: bigint;
};
export type SimulateCreateDistributionReturnType = PrepareCreateDistributionReturnType & {
  /** The id the distribution would get; undefined when an approval must be mined first. */
  result: bigint | undefined;
};
export type CreateDistributionReturnType = { approval: WriteReceipt | undefined; transaction: TransactionResponse };
export type CreateDistributionAndWaitReturnType = WriteReceipt & {
  approval: WriteReceipt | undefined;
  distributionId: bigint;
  /** What the distributor received (less than `amount` for a fee-on-transfer payout token). */
  amount: bigint;
  denominator: bigint;
};
export type CreateDistributionErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;
export type CreateDistributionAndWaitErrorType =
  CreateDistributionErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Validates a new distribution against the chain (one Multicall3 round trip: allowance, balance, block time) and
 * builds the approval (if needed) and `createDistribution` calls. Refuses an expired deadline, a record date that
 * is not past, a zero amount or an amount above the signer's balance with {@link InvalidParameterError}.
 *
 * @example
 * ```ts
 * import { prepareCreateDistribution } from "@stokit/sdk";
 *
 * const { approve, create } = await prepareCreateDistribution(signer, {
 *   distributor, token, payoutToken: usdt, amount: 10_000n * 10n ** 18n,
 *   recordDate: BigInt(recordTime), claimDeadline: BigInt(recordTime + 90 * 86400),
 * });
 * ```
 */
export async function prepareCreateDistribution(
  runner: StokitRunner,
  parameters: CreateDistributionParameters,
): Promise<PrepareCreateDistributionReturnType> {
  const token = assertAddress("token", parameters.token);
  const payoutToken = assertAddress("payoutToken", parameters.payoutToken);
  const amount = assertPositive("amount", parameters.amount);
  const recordDate = assertUint("recordDate", parameters.recordDate, (1n << 48n) - 1n);
  const excluded = (parameters.excluded ?? []).map((a, i) => assertAddress(`excluded[${i}]`, a));
  const seen = new Set<string>();
  for (const a of excluded) {
    if (seen.has(a))
      throw new InvalidParameterError({ parameter: "excluded", value: a, expected: "no duplicate addresses" });
    seen.add(a);
  }
  const { address: distributor, chainId } = await resolveDistributor(runner, parameters);
  const owner = await getSigner(runner).getAddress();
  const multicallAddress =
    parameters.multicallAddress ?? resolveAddress(chainId, "Multicall3", parameters.addresses, parameters.chain);
  const erc20 = erc20At(payoutToken, runner);
  const [allowance, balance, now] = await multicall(runner, {
    multicallAddress,
    calls: [
      contractCall(erc20, "allowance", [owner, distributor]),
      contractCall(erc20, "balanceOf", [owner]),
      abiCall<bigint>(multicallAddress, multicall3Abi, "getCurrentBlockTimestamp", []),
    ],
  });
  const claimDeadline = assertFuture("claimDeadline", parameters.claimDeadline, now);
  if (recordDate >= now) {
    throw new InvalidParameterError({
      parameter: "recordDate",
      value: parameters.recordDate,
      expected: `a time before the current block time ${now}`,
    });
  }
  if (amount > balance) {
    throw new InvalidParameterError({
      parameter: "amount",
      value: parameters.amount,
      expected: `at most the signer's balance ${balance}`,
    });
  }
  const approve =
    allowance < amount && parameters.approve !== false
      ? await createWriteRequest<boolean>(runner, {
          to: payoutToken,
          interface: erc20.interface,
          functionName: "approve",
          args: [distributor, amount],
          chainId,
          chain: parameters.chain,
        })
      : undefined;
  const create = await createWriteRequest<bigint>(runner, {
    to: distributor,
    interface: distributorWriteInterface,
    functionName: "createDistribution",
    args: [token, payoutToken, amount, recordDate, claimDeadline, excluded],
    chainId,
    chain: parameters.chain,
  });
  return { approve, create, allowance, balance };
}

/**
 * Simulates the creation (after validation): the id it would get, or the decoded refusal. When an approval is
 * still needed, the creation cannot be simulated before it is mined: `result` is undefined.
 *
 * @example
 * ```ts
 * import { simulateCreateDistribution } from "@stokit/sdk";
 * const { result: distributionId, approve } = await simulateCreateDistribution(signer, params);
 * ```
 */
export async function simulateCreateDistribution(
  runner: StokitRunner,
  parameters: CreateDistributionParameters,
): Promise<SimulateCreateDistributionReturnType> {
  const prepared = await prepareCreateDistribution(runner, parameters);
  if (prepared.approve) return { ...prepared, result: undefined };
  return { ...prepared, result: (await simulateRequest(runner, prepared.create)).result };
}

/**
 * Creates a distribution: approves the distributor first if the allowance is short (waiting for the approval to
 * be mined), then sends `createDistribution`.
 *
 * @example
 * ```ts
 * import { createDistribution } from "@stokit/sdk";
 * const { transaction } = await createDistribution(signer, params);
 * ```
 */
export async function createDistribution(
  runner: StokitRunner,
  parameters: CreateDistributionParameters,
): Promise<CreateDistributionReturnType> {
  const { approve, create } = await prepareCreateDistribution(runner, parameters);
  let approval: WriteReceipt | undefined;
  if (approve) {
    approval = await waitForTransaction(runner, { transaction: await sendRequest(runner, approve) });
  }
  const transaction = await sendRequest(runner, create, parameters);
  return { approval, transaction };
}

/**
 * Creates a distribution (approving first if needed) and waits; returns its id and what was deposited.
 *
 * @example
 * ```ts
 * import { createDistributionAndWait } from "@stokit/sdk";
 * const { distributionId, amount } = await createDistributionAndWait(signer, params);
 * ```
 */
export async function createDistributionAndWait(
  runner: StokitRunner,
  parameters: CreateDistributionParameters & WaitOptions,
): Promise<CreateDistributionAndWaitReturnType> {
  const { approval, transaction } = await createDistribution(runner, parameters);
  const result = await waitForTransaction(runner, { transaction, ...parameters });
  const created = result.events.find((e) => e.eventName === "DistributionCreated");
  return {
    ...result,
    approval,
    distributionId: created?.args.distributionId as bigint,
    amount: created?.args.amount as bigint,
    denominator: created?.args.denominator as bigint,
  };
}
