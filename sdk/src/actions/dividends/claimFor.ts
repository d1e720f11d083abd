import type { TransactionResponse } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import { InvalidParameterError, type UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import type { TransactionFailedError, TransactionReplacedError } from "../../errors/transaction.js";
import {
  createWriteRequest,
  sendRequest,
  simulateRequest,
  waitForTransaction,
  type SimulateResult,
  type TransactionOptions,
  type WaitOptions,
  type WriteReceipt,
  type WriteRequest,
} from "../../transactions/write.js";
import type { StokitRunner } from "../../utils/runner.js";
import { assertAddress, assertUint } from "../../utils/validate.js";
import { distributorWriteInterface, resolveDistributor, type DividendsBaseParameters } from "./shared.js";

export type ClaimForParameters = DividendsBaseParameters &
  TransactionOptions & { distributionId: bigint; accounts: readonly string[] };
export type ClaimForReturnType = TransactionResponse;
export type ClaimForAndWaitReturnType = WriteReceipt & {
  /** Holders paid (one `Claimed` each). */
  paid: { account: string; recipient: string; net: bigint }[];
  /** Frozen holders whose entitlement was held (`EntitlementHeld`). */
  held: { account: string; gross: bigint }[];
};
export type ClaimForErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;
export type ClaimForAndWaitErrorType = ClaimForErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds `claimFor(distributionId, holders)`: push payment to holders (anyone may call; money goes to holders).
 *
 * @example
 * ```ts
 * import { prepareClaimFor } from "@stokit/sdk";
 * const request = await prepareClaimFor(signer, { distributor, distributionId: 1n, holders: [alice, bob] });
 * ```
 */
export async function prepareClaimFor(
  runner: StokitRunner,
  parameters: ClaimForParameters,
): Promise<WriteRequest<bigint>> {
  const distributionId = assertUint("distributionId", parameters.distributionId);
  if (parameters.accounts.length === 0) {
    throw new InvalidParameterError({ parameter: "accounts", value: [], expected: "at least one account" });
  }
  const accounts = parameters.accounts.map((h, i) => assertAddress(`accounts[${i}]`, h));
  const { address } = await resolveDistributor(runner, parameters);
  return createWriteRequest<bigint>(runner, {
    to: address,
    interface: distributorWriteInterface,
    functionName: "claimFor",
    args: [distributionId, accounts],
    chainId: parameters.chainId,
    chain: parameters.chain,
  });
}

/**
 * Simulates a push settlement: how many holders would be paid.
 *
 * @example
 * ```ts
 * import { simulateClaimFor } from "@stokit/sdk";
 * const { result: paid } = await simulateClaimFor(signer, { distributor, distributionId: 1n, holders });
 * ```
 */
export async function simulateClaimFor(
  runner: StokitRunner,
  parameters: ClaimForParameters,
): Promise<SimulateResult<bigint>> {
  return simulateRequest(runner, await prepareClaimFor(runner, parameters));
}

/**
 * Pushes payment of `holders`' entitlements; returns the broadcast transaction.
 *
 * @example
 * ```ts
 * import { claimFor } from "@stokit/sdk";
 * const tx = await claimFor(signer, { distributor, distributionId: 1n, holders: [alice, bob] });
 * ```
 */
export async function claimFor(runner: StokitRunner, parameters: ClaimForParameters): Promise<ClaimForReturnType> {
  return sendRequest(runner, await prepareClaimFor(runner, parameters), parameters);
}

/**
 * Pushes payments and waits; returns who was paid and whose entitlement was held.
 *
 * @example
 * ```ts
 * import { claimForAndWait } from "@stokit/sdk";
 * const { paid, held } = await claimForAndWait(signer, { distributor, distributionId: 1n, holders });
 * ```
 */
export async function claimForAndWait(
  runner: StokitRunner,
  parameters: ClaimForParameters & WaitOptions,
): Promise<ClaimForAndWaitReturnType> {
  const tx = await claimFor(runner, parameters);
  const result = await waitForTransaction(runner, { transaction: tx, ...parameters });
  return {
    ...result,
    paid: result.events
      .filter((e) => e.eventName === "Claimed")
      .map((e) => ({
        account: e.args.holder as string,
        recipient: e.args.recipient as string,
        net: e.args.net as bigint,
      })),
    held: result.events
      .filter((e) => e.eventName === "EntitlementHeld")
      .map((e) => ({ account: e.args.holder as string, gross: e.args.gross as bigint })),
  };
}
