import { getAddress, toBeHex, zeroPadValue } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import { toStokitError } from "../../errors/normalize.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import { getProvider, type StokitRunner } from "../../utils/runner.js";
import { assertAddress, assertPositive, assertUint } from "../../utils/validate.js";
import { pointsInterface, resolvePoints, type PointsBaseParameters } from "./shared.js";

/**
 * One row of an off-chain points ledger, keyed by `refId` (the row id the backend used as the voucher's or grant's
 * `refId`).
 *
 * @example
 * ```ts
 * import type { PointsLedgerEntry } from "@stokit/sdk";
 * const row: PointsLedgerEntry = { refId: 1001n, kind: "grant", programId: 1n, account, amount: 50n };
 * ```
 */
export type PointsLedgerEntry = {
  refId: bigint;
  kind: "grant" | "spend";
  programId: bigint;
  account: string;
  amount: bigint;
};

/**
 * A `PointsGranted` or `PointsSpent` event, as read from the chain.
 *
 * @example
 * ```ts
 * import type { PointsChainEntry } from "@stokit/sdk";
 * const onChain = (await reconcilePoints(provider, { points, ledger, fromBlock: 0 })).extra satisfies PointsChainEntry[];
 * ```
 */
export type PointsChainEntry = PointsLedgerEntry & {
  balance: bigint;
  totalPoints: bigint;
  blockNumber: number;
  transactionHash: string;
  logIndex: number;
};

export type ReconcilePointsParameters = PointsBaseParameters & {
  /** The off-chain ledger (entries without a refId cannot be matched: give every row one). */
  ledger: readonly PointsLedgerEntry[];
  /** First block to scan (the Points deployment block, or the last reconciled block + 1). */
  fromBlock: number;
  /** Last block to scan (default: latest minus `confirmations`). */
  toBlock?: number;
  /** Blocks below the head left out when `toBlock` is not given (default 0). */
  confirmations?: number;
  /** Blocks per `eth_getLogs` (default 5000; providers cap the range). */
  blockRange?: number;
  /** Only this program (default: all). */
  programId?: bigint;
};
export type ReconcilePointsReturnType = {
  /** Ledger entries with no event on chain (never redeemed, still pending, or lost). */
  missing: PointsLedgerEntry[];
  /** Events with no ledger entry (granted or spent outside the backend's books). */
  extra: PointsChainEntry[];
  /** Same refId, different kind, program, account or amount. */
  mismatched: {
    refId: bigint;
    ledger: PointsLedgerEntry;
    onChain: PointsChainEntry;
    fields: (keyof PointsLedgerEntry)[];
  }[];
  /** Entries that agree. */
  matched: number;
  /** The blocks scanned and the `eth_getLogs` requests made. */
  fromBlock: number;
  toBlock: number;
  logRequests: number;
};
export type ReconcilePointsErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;

const GRANTED = /*#__PURE__*/ pointsInterface.getEvent("PointsGranted")!;
const SPENT = /*#__PURE__*/ pointsInterface.getEvent("PointsSpent")!;

/**
 * Reconciles an off-chain points ledger with the chain: reads every `PointsGranted` and `PointsSpent` event of the
 * Points contract with `eth_getLogs` in `blockRange`-sized windows, matches them by `refId` (single-use per
 * deployment), and reports entries missing on chain, extra events, and mismatches field by field. Read-only.
 *
 * @example
 * ```ts
 * import { reconcilePoints } from "@stokit/sdk";
 *
 * const ledger = rows.map((r) => ({ refId: BigInt(r.id), kind: r.delta > 0 ? "grant" : "spend", programId: 1n,
 *   account: r.account, amount: BigInt(Math.abs(r.delta)) }));
 * const { missing, extra, mismatched } = await reconcilePoints(provider, { points, ledger, fromBlock: deployBlock, confirmations: 5 });
 * ```
 */
export async function reconcilePoints(
  runner: StokitRunner,
  parameters: ReconcilePointsParameters,
): Promise<ReconcilePointsReturnType> {
  const address = await resolvePoints(runner, parameters);
  const provider = getProvider(runner);
  const range = Number(assertPositive("blockRange", BigInt(parameters.blockRange ?? 5000)));
  const fromBlock = Number(assertUint("fromBlock", BigInt(parameters.fromBlock)));
  const ledger = parameters.ledger.map((e, i) => ({
    refId: assertUint(`ledger[${i}].refId`, e.refId),
    kind: e.kind,
    programId: assertUint(`ledger[${i}].programId`, e.programId),
    account: assertAddress(`ledger[${i}].account`, e.account),
    amount: assertUint(`ledger[${i}].amount`, e.amount),
  }));
  let toBlock: number;
  let logRequests = 0;
  const onChain = new Map<bigint, PointsChainEntry>();
  const duplicates: PointsChainEntry[] = [];
  try {
    toBlock = parameters.toBlock ?? (await provider.getBlockNumber()) - (parameters.confirmations ?? 0);
    const topics: (string | string[] | null)[] = [[GRANTED.topicHash, SPENT.topicHash]];
    if (parameters.programId !== undefined)
      topics.push(zeroPadValue(toBeHex(assertUint("programId", parameters.programId)), 32));
    for (let start = fromBlock; start <= toBlock; start += range) {
      const end = Math.min(toBlock, start + range - 1);
      const logs = await provider.getLogs({ address, topics, fromBlock: start, toBlock: end });
      logRequests++;
      for (const log of logs) {
        const parsed = pointsInterface.parseLog({ topics: [...log.topics], data: log.data });
        if (!parsed) continue;
        const entry: PointsChainEntry = {
          refId: parsed.args.refId as bigint,
          kind: parsed.name === "PointsGranted" ? "grant" : "spend",
          programId: parsed.args.programId as bigint,
          account: getAddress(parsed.args.account as string),
          amount: parsed.args.amount as bigint,
          balance: parsed.args.balance as bigint,
          totalPoints: parsed.args.totalPoints as bigint,
          blockNumber: log.blockNumber,
          transactionHash: log.transactionHash,
          logIndex: log.index,
        };
        // refIds are single-use on chain; a repeat would be a contract bug, reported as extra.
        if (onChain.has(entry.refId)) duplicates.push(entry);
        else onChain.set(entry.refId, entry);
      }
    }
  } catch (error) {
    throw toStokitError(error, { contractAddress: address, functionName: "getLogs" });
  }
  const missing: PointsLedgerEntry[] = [];
  const mismatched: ReconcilePointsReturnType["mismatched"] = [];
  let matched = 0;
  const seen = new Set<bigint>();
  for (const row of ledger) {
    if (parameters.programId !== undefined && row.programId !== parameters.programId) continue;
    seen.add(row.refId);
    const event = onChain.get(row.refId);
    if (!event) {
      missing.push(row);
      continue;
    }
    const fields = (["kind", "programId", "account", "amount"] as const).filter((k) => row[k] !== event[k]);
    if (fields.length) mismatched.push({ refId: row.refId, ledger: row, onChain: event, fields: [...fields] });
    else matched++;
  }
  const extra = [...[...onChain.values()].filter((e) => !seen.has(e.refId)), ...duplicates];
  return { missing, extra, mismatched, matched, fromBlock, toBlock, logRequests };
}
