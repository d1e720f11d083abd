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
  type TransactionOptions,
  type WaitOptions,
  type WriteReceipt,
  type WriteRequest,
} from "../../transactions/write.js";
import { getSigner, type StokitRunner } from "../../utils/runner.js";
import { readClaimables } from "./claimables.js";
import type { ClaimableRow } from "./getClaimableMany.js";
import { distributorWriteInterface, type DividendsBaseParameters } from "./shared.js";

export type ClaimManyParameters = DividendsBaseParameters &
  Omit<TransactionOptions, "nonce"> & {
    /** Distribution ids on `distributor` to claim; omitted: every claimable one of `distributors` is found. */
    distributionIds?: readonly bigint[];
    /** Distributors to scan when `distributionIds` is omitted (default: `distributor`/the address book's). */
    distributors?: readonly string[];
    multicallAddress?: string;
  };
/** The prepared claim-all: one `claimMany` per distributor, and what was found claimable. */
export type PrepareClaimManyReturnType = { requests: WriteRequest<bigint>[]; claimable: ClaimableRow[] };
export type SimulateClaimManyReturnType = PrepareClaimManyReturnType & {
  results: { distributor: string; totalNet: bigint }[];
};
export type ClaimManyReturnType = { transactions: TransactionResponse[]; claimable: ClaimableRow[] };
export type ClaimManyAndWaitReturnType = {
  receipts: WriteReceipt[];
  /** One entry per `Claimed` event. */
  claimed: { distributor: string; distributionId: bigint; gross: bigint; withheld: bigint; net: bigint }[];
  /** Net received per payout token. */
  totals: Record<string, bigint>;
};
export type ClaimManyErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;
export type ClaimManyAndWaitErrorType = ClaimManyErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * "Claim all", step 1: finds the signer's claimable distributions (one or two Multicall3 round trips) and builds
 * one `claimMany(ids)` per distributor. Nothing claimable: no requests.
 *
 * @example
 * ```ts
 * import { prepareClaimMany } from "@stokit/sdk";
 * const { requests, claimable } = await prepareClaimMany(signer, { distributors: [distributorA, distributorB] });
 * ```
 */
export async function prepareClaimMany(
  runner: StokitRunner,
  parameters: ClaimManyParameters,
): Promise<PrepareClaimManyReturnType> {
  const holder = await getSigner(runner).getAddress();
  const { items } = await readClaimables(runner, {
    ...parameters,
    account: holder,
    distributions: parameters.distributionIds?.map((distributionId) => ({
      distributor: parameters.distributor,
      distributionId,
    })),
  });
  const byDistributor = new Map<string, bigint[]>();
  for (const item of items)
    byDistributor.set(item.distributor, [...(byDistributor.get(item.distributor) ?? []), item.distributionId]);
  const requests = await Promise.all(
    [...byDistributor].map(([to, ids]) =>
      createWriteRequest<bigint>(runner, {
        to,
        interface: distributorWriteInterface,
        functionName: "claimMany",
        args: [ids],
        chainId: parameters.chainId,
        chain: parameters.chain,
      }),
    ),
  );
  return { requests, claimable: items };
}

/**
 * Simulates claim-all: the net total each distributor would pay.
 *
 * @example
 * ```ts
 * import { simulateClaimMany } from "@stokit/sdk";
 * const { results } = await simulateClaimMany(signer, {});
 * ```
 */
export async function simulateClaimMany(
  runner: StokitRunner,
  parameters: ClaimManyParameters,
): Promise<SimulateClaimManyReturnType> {
  const prepared = await prepareClaimMany(runner, parameters);
  const results = await Promise.all(
    prepared.requests.map(async (r) => ({ distributor: r.to, totalNet: (await simulateRequest(runner, r)).result })),
  );
  return { ...prepared, results };
}

/**
 * Claim all: finds every claimable distribution of the signer and sends one `claimMany` per distributor.
 *
 * @example
 * ```ts
 * import { claimMany } from "@stokit/sdk";
 * const { transactions, claimable } = await claimMany(signer, { distributor });
 * ```
 */
export async function claimMany(runner: StokitRunner, parameters: ClaimManyParameters): Promise<ClaimManyReturnType> {
  const { requests, claimable } = await prepareClaimMany(runner, parameters);
  const transactions: TransactionResponse[] = [];
  if (requests.length === 0) return { transactions, claimable };
  // Explicit consecutive nonces: several transactions go out back to back without waiting for each other.
  const signer = getSigner(runner);
  let nonce = requests.length > 1 ? await signer.getNonce("pending") : undefined;
  for (const request of requests) {
    transactions.push(
      await sendRequest(runner, request, { ...parameters, ...(nonce !== undefined ? { nonce: nonce++ } : {}) }),
    );
  }
  return { transactions, claimable };
}

/**
 * Claim all and wait: returns the receipts and, from the `Claimed` events, what each distribution paid.
 *
 * @example
 * ```ts
 * import { claimManyAndWait } from "@stokit/sdk";
 * const { claimed, totals } = await claimManyAndWait(signer, { distributor });
 * ```
 */
export async function claimManyAndWait(
  runner: StokitRunner,
  parameters: ClaimManyParameters & WaitOptions,
): Promise<ClaimManyAndWaitReturnType> {
  const { transactions, claimable } = await claimMany(runner, parameters);
  const receipts = await Promise.all(
    transactions.map((transaction) => waitForTransaction(runner, { transaction, ...parameters })),
  );
  const payoutOf = new Map(claimable.map((c) => [`${c.distributor}:${c.distributionId}`, c.payoutToken]));
  const claimed: ClaimManyAndWaitReturnType["claimed"] = [];
  const totals: Record<string, bigint> = {};
  for (const r of receipts) {
    for (const e of r.events.filter((ev) => ev.eventName === "Claimed")) {
      const entry = {
        distributor: e.address,
        distributionId: e.args.distributionId as bigint,
        gross: e.args.gross as bigint,
        withheld: e.args.withheld as bigint,
        net: e.args.net as bigint,
      };
      claimed.push(entry);
      const payout = payoutOf.get(`${e.address}:${entry.distributionId}`);
      if (payout) totals[payout] = (totals[payout] ?? 0n) + entry.net;
    }
  }
  return { receipts, claimed, totals };
}
