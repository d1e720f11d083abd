import { version } from "../version.js";

/** Options every {@link StokitError} accepts. */
export type StokitErrorParameters = {
  /** The underlying error (an ethers error, a JSON-RPC error, another StokitError). */
  cause?: unknown;
  /** Technical detail (the node's message, the raw revert data). Defaults to the cause's message. */
  details?: string;
  /** Extra lines for humans (the decoded call, the arguments, a hint). */
  metaMessages?: string[];
  /** Path of the page in README.md that explains this error, e.g. `#errors`. */
  docsPath?: string;
};

/**
 * The base of every error the SDK throws. `shortMessage` is one readable sentence; `message` adds the meta lines,
 * details and docs link; `cause` keeps the original error; `walk()` finds a nested error.
 *
 * @example
 * ```ts
 * import { StokitError, ContractRevertError } from "@stokit/sdk";
 *
 * try {
 *   await client.dividends.claim({ distributionId: 1n });
 * } catch (error) {
 *   if (error instanceof StokitError) {
 *     const revert = error.walk((e) => e instanceof ContractRevertError);
 *     console.log(error.shortMessage, revert);
 *   }
 * }
 * ```
 */
export class StokitError extends Error {
  override name = "StokitError";
  /** One sentence for humans. */
  readonly shortMessage: string;
  /** Technical detail, if any. */
  readonly details: string | undefined;
  /** Extra lines for humans. */
  readonly metaMessages: string[] | undefined;
  /** Anchor in README.md. */
  readonly docsPath: string | undefined;
  /** The SDK version that raised it. */
  readonly version = `@stokit/sdk@${version}`;

  constructor(shortMessage: string, parameters: StokitErrorParameters = {}) {
    const details =
      parameters.details ??
      (parameters.cause instanceof StokitError
        ? parameters.cause.details
        : parameters.cause instanceof Error
          ? parameters.cause.message
          : undefined);
    const lines = [
      shortMessage,
      ...(parameters.metaMessages?.length ? ["", ...parameters.metaMessages] : []),
      ...(details ? ["", `Details: ${details}`] : []),
      ...(parameters.docsPath ? [`Docs: README.md${parameters.docsPath}`] : []),
      `Version: @stokit/sdk@${version}`,
    ];
    super(lines.join("\n"), parameters.cause === undefined ? undefined : { cause: parameters.cause });
    this.shortMessage = shortMessage;
    this.details = details;
    this.metaMessages = parameters.metaMessages;
    this.docsPath = parameters.docsPath;
  }

  /**
   * Follows the `cause` chain and returns the deepest error (no argument), or the first one for which `predicate`
   * holds (or `null` if none does).
   */
  walk(predicate?: (error: unknown) => boolean): unknown {
    return walkCauses(this, predicate);
  }
}

function walkCauses(start: unknown, predicate?: (error: unknown) => boolean): unknown {
  let current = start;
  let last = start;
  const seen = new Set<unknown>();
  while (current != null && !seen.has(current)) {
    seen.add(current);
    if (predicate?.(current)) return current;
    last = current;
    current = (current as { cause?: unknown }).cause;
  }
  return predicate ? null : last;
}
