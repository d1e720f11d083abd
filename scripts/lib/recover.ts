/**
 * Repairs for a deployment folder left by a run killed at the worst moment (kill -9, power loss):
 * - `deployed_addresses.json` half-written: it is only an output (future id -> address of completed deployments),
 *   so it is rebuilt from the journal;
 * - a nonce recorded (`TRANSACTION_PREPARE_SEND`) but not the hash of the transaction that was then sent: the
 *   transaction is looked up on the chain (from the deployer, with that nonce, in a bounded block range) and
 *   recorded with ignition-core's `trackTransaction`, which is what `ignition track-tx` does. When it never reached
 *   the node, or another transaction took its nonce, the step's nonce is released (Ignition's own
 *   `ONCHAIN_INTERACTION_REPLACED_BY_USER` journal message) and Ignition sends the step again with a fresh nonce.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
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
      // A torn last line (see repairTornJournal).
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

/** Writes journal lines the way Ignition does: "\n" before each line, none after the last. */
function writeJournal(file: string, lines: string[]): void {
  writeFileSync(file, lines.map((line) => "\n" + line).join(""));
}

/**
 * Drops a torn last line from the journal (a write cut by power loss; Ignition refuses the whole journal with
 * "Could not parse row"). The line's step then looks as it did before that write: not yet sent (Ignition sends it)
 * or sent without a recorded hash ({@link recoverUnjournaledSends} finds it). Returns whether it dropped one.
 */
export function repairTornJournal(deploymentDir: string, log: (line: string) => void = () => {}): boolean {
  const file = path.join(deploymentDir, "journal.jsonl");
  if (!existsSync(file)) return false;
  const lines = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
  const last = lines.at(-1);
  if (last === undefined) return false;
  try {
    JSON.parse(last);
    return false;
  } catch {
    writeJournal(file, lines.slice(0, -1));
    log(`  the journal's last line was cut short by the last run; dropped it (${last.length} characters)`);
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
  // Keep every other line byte for byte.
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
  writeJournal(file, keep);
  log(`  the last run stopped before ${dropped.join(", ")} asked the node for anything; starting them afresh`);
  return dropped;
}

/** A step whose nonce the journal recorded, but not the hash of the transaction sent with it. */
export interface UnjournaledSend {
  futureId: string;
  networkInteractionId: number;
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
        networkInteractionId: m.networkInteractionId as number,
        from: from.get(m.futureId) ?? "",
        nonce: m.nonce,
        to: request?.to,
        data: request?.data,
      });
    } else if (
      m.type === "TRANSACTION_SEND" ||
      m.type === "ONCHAIN_INTERACTION_DROPPED" ||
      m.type === "ONCHAIN_INTERACTION_REPLACED_BY_USER"
    ) {
      prepared.delete(key);
    }
  }
  return [...prepared.values()].filter((p) => p.from !== "");
}

/**
 * Steps with a transaction sent and not yet confirmed (the last run stopped while it was in flight). A step that
 * still needs a nonce (not sent yet, or its nonce released) is not in flight: confirming the in-flight ones first,
 * on their own, lets Ignition take the next nonce from the node afterwards (see scripts/lib/nonce.ts).
 */
export function stepsInFlight(deploymentDir: string): string[] {
  const sent = new Map<string, boolean>(); // futureId/interaction -> a transaction is out and unconfirmed
  const complete = new Set<string>();
  for (const m of readJournal(deploymentDir)) {
    if (m.futureId === undefined) continue;
    const key = `${m.futureId}/${m.networkInteractionId}`;
    if (m.type.endsWith("_EXECUTION_STATE_COMPLETE")) complete.add(m.futureId);
    else if (m.type === "TRANSACTION_SEND") sent.set(key, true);
    else if (m.type === "TRANSACTION_CONFIRM" || m.type === "ONCHAIN_INTERACTION_REPLACED_BY_USER") {
      sent.set(key, false);
    }
  }
  const steps = new Set<string>();
  for (const [key, out] of sent) {
    const futureId = key.slice(0, key.lastIndexOf("/"));
    if (out && !complete.has(futureId)) steps.add(futureId);
  }
  return [...steps];
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

/**
 * Appends Ignition's `ONCHAIN_INTERACTION_REPLACED_BY_USER` for a step: it clears the step's nonce and transactions,
 * so Ignition prepares the step again with the node's next nonce (instead of HHE10410 "transaction lost").
 */
function releaseNonce(deploymentDir: string, send: UnjournaledSend): void {
  const message = {
    futureId: send.futureId,
    networkInteractionId: send.networkInteractionId,
    type: "ONCHAIN_INTERACTION_REPLACED_BY_USER",
  };
  // Ignition writes each line as "\n" + JSON (the file does not end with a newline): append the same way.
  appendFileSync(path.join(deploymentDir, "journal.jsonl"), "\n" + JSON.stringify(message));
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
 * A step whose transaction never reached the node, or whose nonce another transaction took, gets its nonce released
 * so Ignition sends it again. Returns the number of transactions recorded.
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
    if (nodeNonce <= send.nonce) {
      // Killed before the transaction reached the node: nothing of it is on the chain or in the pool.
      releaseNonce(deploymentDir, send);
      log(`  ${send.futureId}: its transaction (nonce ${send.nonce}) never reached the node; sending it again`);
      continue;
    }
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
      releaseNonce(deploymentDir, send);
      log(
        `  ${send.futureId}: its nonce ${send.nonce} was taken by another transaction (${found.hash}); sending the ` +
          `step again with a new nonce`,
      );
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
