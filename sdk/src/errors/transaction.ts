import type { TransactionReceipt } from "ethers";

import { StokitError } from "./base.js";
import type { ContractRevertError } from "./contract.js";

/**
 * A transaction was mined but failed (receipt status 0). When the revert could be replayed, `revert` holds the
 * decoded reason and the `shortMessage` says it.
 *
 * @example
 * ```ts
 * import { TransactionFailedError } from "@stokit/sdk";
 *
 * try {
 *   await client.dividends.claimAndWait({ distributionId: 1n });
 * } catch (error) {
 *   if (error instanceof TransactionFailedError) console.log(error.hash, error.revert?.errorName);
 * }
 * ```
 */
export class TransactionFailedError extends StokitError {
  override name = "TransactionFailedError";
  readonly hash: string;
  readonly receipt: TransactionReceipt | null;
  readonly revert: ContractRevertError | undefined;

  constructor({
    hash,
    receipt,
    revert,
  }: {
    hash: string;
    receipt: TransactionReceipt | null;
    revert?: ContractRevertError;
  }) {
    super(`Transaction ${hash} failed${revert ? `: ${revert.reason}` : "."}`, {
      cause: revert,
      docsPath: "#transactions",
      metaMessages: receipt ? [`Block: ${receipt.blockNumber}`, `Gas used: ${receipt.gasUsed}`] : undefined,
    });
    this.hash = hash;
    this.receipt = receipt;
    this.revert = revert;
  }
}

/**
 * The transaction being waited for was replaced by another with the same nonce (sped up, cancelled, or an
 * unrelated one). `replacement` is the hash that was mined; `reason` tells which.
 *
 * @example
 * ```ts
 * import { TransactionReplacedError, waitForTransaction } from "@stokit/sdk";
 *
 * try {
 *   await waitForTransaction(provider, { hash });
 * } catch (error) {
 *   if (error instanceof TransactionReplacedError) console.log(error.reason, error.replacement);
 * }
 * ```
 */
export class TransactionReplacedError extends StokitError {
  override name = "TransactionReplacedError";
  readonly hash: string;
  readonly replacement: string;
  readonly reason: "repriced" | "cancelled" | "replaced";
  readonly receipt: TransactionReceipt | null;

  constructor(p: {
    hash: string;
    replacement: string;
    reason: "repriced" | "cancelled" | "replaced";
    receipt: TransactionReceipt | null;
    cause?: unknown;
  }) {
    super(`Transaction ${p.hash} was ${p.reason} by ${p.replacement}.`, { cause: p.cause, docsPath: "#transactions" });
    this.hash = p.hash;
    this.replacement = p.replacement;
    this.reason = p.reason;
    this.receipt = p.receipt;
  }
}

/**
 * The transaction's nonce was already used by a **different** transaction of the same account, so this one can never
 * be mined. (When the node says "nonce too low" or "already known" about the transaction the SDK just sent, the SDK
 * looks its hash up and returns it as sent: that is never this error.) `otherHash` is the transaction that took the
 * nonce, when the node lets it be found.
 *
 * @example
 * ```ts
 * import { NonceTakenError } from "@stokit/sdk";
 *
 * try {
 *   await client.dividends.claim({ distributionId: 1n });
 * } catch (error) {
 *   if (error instanceof NonceTakenError) console.log(error.nonce, error.hash, error.otherHash);
 * }
 * ```
 */
export class NonceTakenError extends StokitError {
  override name = "NonceTakenError";
  /** The hash of the transaction that was refused. */
  readonly hash: string;
  /** The hash of the transaction that used the nonce, or `undefined` when the node could not tell. */
  readonly otherHash: string | undefined;
  /** The sender. */
  readonly account: string;
  readonly nonce: number;

  constructor(p: { hash: string; otherHash: string | undefined; account: string; nonce: number; cause?: unknown }) {
    super(
      `Nonce ${p.nonce} of ${p.account} was already used by another transaction ` +
        `(${p.otherHash ?? "not found on the node"}); transaction ${p.hash} was not sent.`,
      { cause: p.cause, docsPath: "#transactions" },
    );
    this.hash = p.hash;
    this.otherHash = p.otherHash;
    this.account = p.account;
    this.nonce = p.nonce;
  }
}
