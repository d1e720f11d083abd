import type { TransactionResponse } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
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
import { assertUint } from "../../utils/validate.js";
import { distributorWriteInterface, resolveDistributor, type DividendsBaseParameters } from "./shared.js";

export type ClaimParameters = DividendsBaseParameters & TransactionOptions & { distributionId: bigint };
export type ClaimReturnType = TransactionResponse;
export type ClaimAndWaitReturnType = WriteReceipt & {
  /** The `Claimed` event's values. */
  claimed: { account: string; recipient: string; gross: bigint; withheld: bigint; net: bigint };
};
export type ClaimErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;
export type ClaimAndWaitErrorType = ClaimErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the `claim(distributionId)` call (for simulation, estimation, batching or a custom sender).
 *
 * @example
 * ```ts
 * import { prepareClaim, estimateRequest } from "@stokit/sdk";
 *
 * const request = await prepareClaim(signer, { distributor, distributionId: 1n });
 * const { gas, maxCost } = await estimateRequest(signer, request);
 * ```
 */
export async function prepareClaim(runner: StokitRunner, parameters: ClaimParameters): Promise<WriteRequest<bigint>> {
  const distributionId = assertUint("distributionId", parameters.distributionId);
  const { address } = await resolveDistributor(runner, parameters);
  return createWriteRequest<bigint>(runner, {
    to: address,
    interface: distributorWriteInterface,
    functionName: "claim",
    args: [distributionId],
    chainId: parameters.chainId,
    chain: parameters.chain,
  });
}

/**
 * Simulates the signer's claim: the net amount it would receive, or the decoded refusal
 * (`DividendNothingToClaim`, `DividendAlreadyClaimed`, `DividendHolderFrozen`...). Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateClaim } from "@stokit/sdk";
 * const { result: net } = await simulateClaim(signer, { distributor, distributionId: 1n });
 * ```
 */
export async function simulateClaim(
  runner: StokitRunner,
  parameters: ClaimParameters,
): Promise<SimulateResult<bigint>> {
  return simulateRequest(runner, await prepareClaim(runner, parameters));
}

/**
 * Claims the signer's entitlement in one distribution and returns the broadcast transaction.
 *
 * @example
 * ```ts
 * import { claim } from "@stokit/sdk";
 * const tx = await claim(signer, { distributor, distributionId: 1n });
 * ```
 */
export async function claim(runner: StokitRunner, parameters: ClaimParameters): Promise<ClaimReturnType> {
  return sendRequest(runner, await prepareClaim(runner, parameters), parameters);
}

/**
 * Claims and waits for `confirmations`; returns the receipt, decoded events and the `Claimed` values.
 *
 * @example
 * ```ts
 * import { claimAndWait } from "@stokit/sdk";
 * const { claimed, receipt } = await claimAndWait(signer, { distributor, distributionId: 1n, confirmations: 2 });
 * console.log(claimed.net, receipt.blockNumber);
 * ```
 */
export async function claimAndWait(
  runner: StokitRunner,
  parameters: ClaimParameters & WaitOptions,
): Promise<ClaimAndWaitReturnType> {
  const tx = await claim(runner, parameters);
  const result = await waitForTransaction(runner, { transaction: tx, ...parameters });
  const event = result.events.find((e) => e.eventName === "Claimed");
  const a = event?.args ?? {};
  return {
    ...result,
    claimed: {
      account: a.holder as string,
      recipient: a.recipient as string,
      gross: a.gross as bigint,
      withheld: a.withheld as bigint,
      net: a.net as bigint,
    },
  };
}
