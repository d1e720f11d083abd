/**
 * Backend-side helpers for the points ledger, written the way a backend service would use them: the EIP-712 domain
 * is read from the contract (ERC-5267 `eip712Domain()`), the chain id comes from the provider, and signatures are
 * made with ethers' `signTypedData`. The ledger rebuild applies events exactly once, keyed by refId.
 */
import type { BaseContract, ContractRunner, Interface, Provider, Signer, TypedDataDomain } from "ethers";
import { getAddress } from "ethers";

/** EIP-712 types of a voucher (the issuer's backend signs these). */
export const VOUCHER_TYPES = {
  Voucher: [
    { name: "programId", type: "uint256" },
    { name: "account", type: "address" },
    { name: "amount", type: "uint256" },
    { name: "refId", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

/** EIP-712 types of a token voucher (a grant bound to an NFT token id, for token-bound programs). */
export const TOKEN_VOUCHER_TYPES = {
  TokenVoucher: [
    { name: "programId", type: "uint256" },
    { name: "account", type: "address" },
    { name: "tokenId", type: "uint256" },
    { name: "amount", type: "uint256" },
    { name: "refId", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

/** EIP-712 types of a spend authorisation (the holder signs these). */
export const SPEND_AUTHORIZATION_TYPES = {
  SpendAuthorization: [
    { name: "programId", type: "uint256" },
    { name: "account", type: "address" },
    { name: "operator", type: "address" },
    { name: "amount", type: "uint256" },
    { name: "refId", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

export interface Voucher {
  programId: bigint;
  account: string;
  amount: bigint;
  refId: bigint;
  deadline: bigint;
}

export interface SpendAuthorization {
  programId: bigint;
  account: string;
  operator: string;
  amount: bigint;
  refId: bigint;
  nonce: bigint;
  deadline: bigint;
}

/** The minimal contract surface the helpers need (any ethers contract of Points satisfies it). */
export interface Eip712Source {
  eip712Domain(): Promise<[string, string, string, bigint, string, string, bigint[]]>;
  getAddress(): Promise<string>;
  runner: ContractRunner | null;
}

/**
 * Reads the EIP-712 domain from the contract and checks it against the provider's chain id, as a backend should
 * before signing anything: a mismatch means the RPC points at another chain than the contract thinks.
 */
export async function readDomain(points: Eip712Source, provider: Provider): Promise<TypedDataDomain> {
  const [fields, name, version, chainId, verifyingContract] = await points.eip712Domain();
  if (fields !== "0x0f") throw new Error(`unexpected EIP-712 fields ${fields}`);
  const { chainId: providerChainId } = await provider.getNetwork();
  if (chainId !== providerChainId)
    throw new Error(`domain chain id ${chainId} != provider chain id ${providerChainId}`);
  if (getAddress(verifyingContract) !== getAddress(await points.getAddress())) throw new Error("verifying contract");
  return { name, version, chainId, verifyingContract };
}

export function signVoucher(signer: Signer, domain: TypedDataDomain, voucher: Voucher): Promise<string> {
  return signer.signTypedData(domain, VOUCHER_TYPES, voucher);
}

export interface TokenVoucher {
  programId: bigint;
  account: string;
  tokenId: bigint;
  amount: bigint;
  refId: bigint;
  deadline: bigint;
}

export function signTokenVoucher(signer: Signer, domain: TypedDataDomain, voucher: TokenVoucher): Promise<string> {
  return signer.signTypedData(domain, TOKEN_VOUCHER_TYPES, voucher);
}

export function signSpendAuthorization(
  signer: Signer,
  domain: TypedDataDomain,
  auth: SpendAuthorization,
): Promise<string> {
  return signer.signTypedData(domain, SPEND_AUTHORIZATION_TYPES, auth);
}

/** The refId `sequence` of a holder's namespace (top 160 bits = the holder), for the holder's own `spend`. */
export function holderRefId(account: string, sequence: bigint): bigint {
  return (BigInt(getAddress(account)) << 96n) | sequence;
}

/** One ledger row, as a database would store it (refId is the primary key). */
export interface LedgerEntry {
  refId: bigint;
  programId: bigint;
  account: string;
  delta: bigint;
  balance: bigint;
  totalPoints: bigint;
  actor: string;
  blockNumber: number;
  blockHash: string;
  logIndex: number;
  txHash: string;
}

/** A database-like ledger rebuilt from events: rows keyed by refId, balances and totals derived from rows. */
export class EventLedger {
  readonly entries = new Map<bigint, LedgerEntry>();
  readonly balances = new Map<string, bigint>();
  readonly totals = new Map<bigint, bigint>();
  /** Events skipped because their refId was already applied (replays of an overlapping block range). */
  skipped = 0;
  /** The last block fully processed: resume from `cursor + 1`. */
  cursor = -1;

  static key(programId: bigint, account: string): string {
    return `${programId}:${getAddress(account)}`;
  }

  balanceOf(programId: bigint, account: string): bigint {
    return this.balances.get(EventLedger.key(programId, account)) ?? 0n;
  }

  /**
   * Applies every PointsGranted/PointsSpent log of `points` in [fromBlock, toBlock], in chain order, exactly once per
   * refId, and checks each event's resulting balance and total against the rows applied so far.
   */
  async sync(points: BaseContract, provider: Provider, fromBlock: number, toBlock: number): Promise<void> {
    const iface: Interface = points.interface;
    const granted = iface.getEvent("PointsGranted")!.topicHash;
    const spent = iface.getEvent("PointsSpent")!.topicHash;
    const logs = await provider.getLogs({
      address: await points.getAddress(),
      fromBlock,
      toBlock,
      topics: [[granted, spent]],
    });
    logs.sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
    for (const log of logs) {
      const parsed = iface.parseLog(log)!;
      const { programId, account, refId, amount, balance, totalPoints, actor } = parsed.args;
      if (this.entries.has(refId)) {
        this.skipped++;
        continue;
      }
      const delta: bigint = parsed.name === "PointsGranted" ? amount : -amount;
      const key = EventLedger.key(programId, account);
      const next = (this.balances.get(key) ?? 0n) + delta;
      const nextTotal = (this.totals.get(programId) ?? 0n) + delta;
      if (next !== balance) throw new Error(`refId ${refId}: rebuilt balance ${next} != event balance ${balance}`);
      if (nextTotal !== totalPoints) throw new Error(`refId ${refId}: rebuilt total ${nextTotal} != ${totalPoints}`);
      this.balances.set(key, next);
      this.totals.set(programId, nextTotal);
      this.entries.set(refId, {
        refId,
        programId,
        account: getAddress(account),
        delta,
        balance,
        totalPoints,
        actor: getAddress(actor),
        blockNumber: log.blockNumber,
        blockHash: log.blockHash,
        logIndex: log.index,
        txHash: log.transactionHash,
      });
    }
    this.cursor = Math.max(this.cursor, toBlock);
  }

  /**
   * Reorg check: compares the block hash of every applied row in the last `depth` blocks below the cursor with the
   * chain's; from the first mismatch on, rows are rolled back (balances recomputed) and the cursor moves before it,
   * so the next {sync} re-applies whatever the canonical chain now holds. Returns the first orphaned block, or null.
   */
  async dropOrphans(provider: Provider, depth: number): Promise<number | null> {
    const recent = [...this.entries.values()]
      .filter((e) => e.blockNumber > this.cursor - depth)
      .sort((a, b) => a.blockNumber - b.blockNumber);
    for (const entry of recent) {
      const block = await provider.getBlock(entry.blockNumber);
      if (block?.hash !== entry.blockHash) {
        this.rollbackFrom(entry.blockNumber);
        return entry.blockNumber;
      }
    }
    return null;
  }

  /** Removes the rows of blocks >= `block` and recomputes balances and totals from the rows that remain. */
  rollbackFrom(block: number): void {
    for (const [refId, entry] of this.entries) if (entry.blockNumber >= block) this.entries.delete(refId);
    this.balances.clear();
    this.totals.clear();
    for (const e of this.entries.values()) {
      const key = EventLedger.key(e.programId, e.account);
      this.balances.set(key, (this.balances.get(key) ?? 0n) + e.delta);
      this.totals.set(e.programId, (this.totals.get(e.programId) ?? 0n) + e.delta);
    }
    this.cursor = Math.min(this.cursor, block - 1);
  }
}
