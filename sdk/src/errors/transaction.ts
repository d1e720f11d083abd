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
