/**
 * Repairs for a deployment folder left by a run killed at the worst moment (kill -9, power loss):
 * - `deployed_addresses.json` half-written: it is only an output (future id -> address of completed deployments),
 *   so it is rebuilt from the journal;
 * - a nonce recorded (`TRANSACTION_PREPARE_SEND`) but not the hash of the transaction that was then sent: the
 *   transaction is looked up on the chain (from the deployer, with that nonce, in a bounded block range) and
 *   recorded with ignition-core's `trackTransaction`, which is what `ignition track-tx` does.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { trackTransaction } from "@nomicfoundation/ignition-core";
import type { EIP1193Provider } from "@nomicfoundation/ignition-core";

interface JournalLine {
  type: string;
  futureId?: string;
  networkInteractionId?: number;
  nonce?: number;
  from?: string;
  contractAddress?: string;
  result?: { type?: string; address?: string };
  receipt?: { blockNumber?: number };
  networkInteraction?: { id?: number; to?: string; data?: string };
}

function readJournal(deploymentDir: string): JournalLine[] {
  const file = path.join(deploymentDir, "journal.jsonl");
  if (!existsSync(file)) return [];
  const lines: JournalLine[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    try {
      lines.push(JSON.parse(line) as JournalLine);
    } catch {
      // A torn last line: Ignition itself ignores it too.
    }
  }
  return lines;
}

/** The addresses Ignition writes to `deployed_addresses.json`, from the journal. */
export function deployedAddressesFromJournal(deploymentDir: string): Record<string, string> {
  const addresses: Record<string, string> = {};
  for (const m of readJournal(deploymentDir)) {
    if (m.futureId === undefined) continue;
    if (m.type === "DEPLOYMENT_EXECUTION_STATE_COMPLETE" && m.result?.type === "SUCCESS" && m.result.address) {
      addresses[m.futureId] = m.result.address;
    } else if (m.type === "CONTRACT_AT_EXECUTION_STATE_INITIALIZE" && m.contractAddress !== undefined) {
      addresses[m.futureId] = m.contractAddress;
    }
  }
  return addresses;
}

/**
 * Rebuilds `deployed_addresses.json` from the journal when it does not parse. Returns whether it did.
 */
export function repairDeployedAddresses(deploymentDir: string, log: (line: string) => void = () => {}): boolean {
  const file = path.join(deploymentDir, "deployed_addresses.json");
  if (!existsSync(file)) return false;
  try {
    JSON.parse(readFileSync(file, "utf8"));
    return false;
  } catch {
    const addresses = deployedAddressesFromJournal(deploymentDir);
    writeFileSync(file, JSON.stringify(addresses, null, 2));
    log(
      `  ${path.basename(deploymentDir)}/deployed_addresses.json was cut short by the last run; rebuilt it from ` +
        `the journal (${Object.keys(addresses).length} address(es))`,
    );
    return true;
  }
}

/** Execution states that reach the chain through network interactions (the kinds a kill can leave half-started). */
const ONCHAIN_STARTS = new Set([
  "DEPLOYMENT_EXECUTION_STATE_INITIALIZE",
  "CALL_EXECUTION_STATE_INITIALIZE",
  "SEND_DATA_EXECUTION_STATE_INITIALIZE",
]);

/**
 * Drops from the journal the steps the last run started but stopped before they asked for anything (an initialize
 * line and nothing else for that step): nothing of them reached the node, and Ignition cannot resume such a step
 * (HHE10000 "Unable to find network interaction"). Ignition then starts them afresh. Returns the dropped step ids.
 */
export function dropUnstartedSteps(deploymentDir: string, log: (line: string) => void = () => {}): string[] {
  const file = path.join(deploymentDir, "journal.jsonl");
  const lines = readJournal(deploymentDir);
  const count = new Map<string, number>();
  for (const m of lines) if (m.futureId !== undefined) count.set(m.futureId, (count.get(m.futureId) ?? 0) + 1);
  const dropped = lines
    .filter((m) => m.futureId !== undefined && ONCHAIN_STARTS.has(m.type) && count.get(m.futureId) === 1)
    .map((m) => m.futureId as string);
  if (dropped.length === 0) return [];
  // Keep every other line byte for byte (a torn last line too: Ignition ignores it).
  const keep = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => {
      if (line.trim() === "") return false;
      try {
        const m = JSON.parse(line) as JournalLine;
        return !(m.futureId !== undefined && ONCHAIN_STARTS.has(m.type) && dropped.includes(m.futureId));
      } catch {
        return true;
      }
    });
  writeFileSync(file, keep.join("\n") + "\n");
  log(`  the last run stopped before ${dropped.join(", ")} asked the node for anything; starting them afresh`);
  return dropped;
}

/** A step whose nonce the journal recorded, but not the hash of the transaction sent with it. */
export interface UnjournaledSend {
  futureId: string;
  from: string;
  nonce: number;
  /** What the step asked to send (from the journal's request), so a found transaction can be told from another's. */
  to?: string;
  data?: string;
}

/** Steps with a prepared nonce and no recorded transaction (the run stopped between the two journal lines). */
export function unjournaledSends(deploymentDir: string): UnjournaledSend[] {
  const lines = readJournal(deploymentDir);
  const from = new Map<string, string>();
  const prepared = new Map<string, UnjournaledSend>();
  const requests = new Map<string, { to?: string; data?: string }>();
  for (const m of lines) {
    if (m.futureId === undefined) continue;
    if (m.from !== undefined && m.type.endsWith("_EXECUTION_STATE_INITIALIZE")) from.set(m.futureId, m.from);
    if (m.type === "NETWORK_INTERACTION_REQUEST" && m.networkInteraction !== undefined) {
      const { id, to, data } = m.networkInteraction;
      requests.set(`${m.futureId}/${id}`, { to, data });
    }
    const key = `${m.futureId}/${m.networkInteractionId}`;
    if (m.type === "TRANSACTION_PREPARE_SEND" && m.nonce !== undefined) {
      const request = requests.get(key);
      prepared.set(key, {
        futureId: m.futureId,
        from: from.get(m.futureId) ?? "",
        nonce: m.nonce,
        to: request?.to,
        data: request?.data,
      });
    } else if (m.type === "TRANSACTION_SEND" || m.type === "ONCHAIN_INTERACTION_DROPPED") {
      prepared.delete(key);
    }
  }
  return [...prepared.values()].filter((p) => p.from !== "");
}

/** The last block the journal saw a receipt in (where a block scan starts). */
export function lastJournaledBlock(deploymentDir: string): number | undefined {
  let last: number | undefined;
  for (const m of readJournal(deploymentDir)) {
    const n = m.receipt?.blockNumber;
    if (typeof n === "number" && (last === undefined || n > last)) last = n;
  }
  return last;
}

/** The transaction of a step whose hash the journal lost could not be found on the chain. */
export class LostTransactionError extends Error {
  override name = "LostTransactionError";
  constructor(
    readonly send: UnjournaledSend,
    readonly deploymentId: string,
    readonly fromBlock: number,
    readonly toBlock: number,
  ) {
    super(
      `the last run sent ${send.futureId} with nonce ${send.nonce} from ${send.from} but stopped before recording ` +
        `its hash, and no such transaction is in blocks ${fromBlock}..${toBlock}. If it was mined, find its hash ` +
        `in a block explorer and run: npx hardhat ignition track-tx <txHash> ${deploymentId} --network <network>; ` +
        `then rerun the deploy.`,
    );
  }
}

/** Whether `tx` is what the step asked to send (same target and calldata); without the request, trust the nonce. */
function isTheStepsTransaction(send: UnjournaledSend, tx: RpcTx): boolean {
  if (send.data === undefined) return true;
  const sameTo = (send.to ?? null)?.toLowerCase() === (tx.to ?? null)?.toLowerCase();
  return sameTo && send.data.toLowerCase() === (tx.input ?? "").toLowerCase();
}

interface RpcTx {
  hash: string;
  from: string;
  nonce: string;
  to?: string | null;
  input?: string;
}

/**
 * Finds on the chain each transaction whose hash the journal lost and records it with `trackTransaction`.
 * Scans from the journal's last receipt block (or the last `maxBlocks` blocks) to the head, at most `maxBlocks`.
 */
export async function recoverUnjournaledSends(
  provider: EIP1193Provider,
  deploymentDir: string,
  deploymentId: string,
  confirmations: number,
  log: (line: string) => void = () => {},
  maxBlocks = 512,
): Promise<number> {
  const sends = unjournaledSends(deploymentDir);
  if (sends.length === 0) return 0;
  const head = Number(await provider.request({ method: "eth_blockNumber" }));
  const from = Math.max(0, head - maxBlocks + 1, lastJournaledBlock(deploymentDir) ?? 0);
  let recovered = 0;
  for (const send of sends) {
    const nodeNonce = Number(
      await provider.request({ method: "eth_getTransactionCount", params: [send.from, "pending"] }),
    );
    // Never reached the node: Ignition sends it again on its own.
    if (nodeNonce <= send.nonce) continue;
    let found: RpcTx | undefined;
    // The pending block first: on an interval-mined chain the transaction may still wait in the node's pool.
    for (let n = head + 1; n >= from && found === undefined; n--) {
      const block = (await provider.request({
        method: "eth_getBlockByNumber",
        params: [n > head ? "pending" : `0x${n.toString(16)}`, true],
      })) as { transactions: RpcTx[] } | null;
      found = block?.transactions.find(
        (t) => t.from.toLowerCase() === send.from.toLowerCase() && Number(t.nonce) === send.nonce,
      );
    }
    if (found === undefined) throw new LostTransactionError(send, deploymentId, from, head);
    if (!isTheStepsTransaction(send, found)) {
      // Another transaction from the same key took the nonce (a nonce clash): nothing of this step was mined.
      // Ignition's own in-flight handling and the nonce-clash path in deploy.ts deal with it.
      log(`  ${send.futureId}: its nonce ${send.nonce} was taken by another transaction (${found.hash}); not recorded`);
      continue;
    }
    const hash = found.hash;
    await trackTransaction(deploymentDir, hash, provider, confirmations);
    log(
      `  ${send.futureId}: the last run stopped before recording its transaction; found it (nonce ${send.nonce}) ` +
        `on the chain and recorded it: ${hash}`,
    );
    recovered++;
  }
  return recovered;
}
