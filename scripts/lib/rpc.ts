/**
 * Transient JSON-RPC errors: a node that has just started (geth answers `eth_getTransactionReceipt` with
 * `-32000 transaction indexing is in progress`), a rate limit or a dropped connection. {@link withRetries} makes a
 * provider retry those with exponential backoff, saying what it waits for, and rethrow anything else at once.
 */

/** The EIP-1193 surface Hardhat's providers, Ignition and ethers use. */
export interface RequestProvider {
  request(args: { method: string; params?: unknown[] | object }): Promise<unknown>;
}

export interface RetryOptions {
  /** Give up after this long in total (ms). Default 60 s. */
  maxWaitMs?: number;
  /** First delay (ms), doubled up to 4 s. Default 250 ms. */
  firstDelayMs?: number;
  log?: (line: string) => void;
}

const TRANSIENT_MESSAGES = [
  /transaction indexing is in progress/i,
  /header not found/i,
  /too many requests/i,
  /rate limit/i,
  /ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|socket hang up|fetch failed|other side closed/i,
  /\b(502|503|504)\b/,
];

/** Whether `error` is worth retrying: the node is busy or briefly unreachable, not refusing the request. */
export function isTransientRpcError(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e !== undefined && e !== null && !seen.has(e);) {
    seen.add(e);
    const { message, code, cause } = e as { message?: unknown; code?: unknown; cause?: unknown };
    if (code === 429 || code === -32005) return true;
    if (typeof message === "string" && TRANSIENT_MESSAGES.some((re) => re.test(message))) return true;
    e = cause;
  }
  return false;
}

/**
 * Makes `provider.request` retry transient errors (in place, so every user of the provider — Ignition, ethers,
 * the scripts — gets it). Returns the provider.
 *
 * @example
 * ```ts
 * const connection = await network.create();
 * withRetries(connection.provider, { log: console.log });
 * ```
 */
export function withRetries<P extends RequestProvider>(provider: P, options: RetryOptions = {}): P {
  const { maxWaitMs = 60_000, firstDelayMs = 250, log = () => {} } = options;
  const original = provider.request.bind(provider);
  const request = async (args: { method: string; params?: unknown[] | object }) => {
    const started = Date.now();
    for (let attempt = 1, delay = firstDelayMs; ; attempt++, delay = Math.min(delay * 2, 4_000)) {
      try {
        return await original(args);
      } catch (e) {
        // eth_sendTransaction is signed by the node with the next nonce: sending it twice could send it twice.
        if (args.method === "eth_sendTransaction" || !isTransientRpcError(e)) throw e;
        if (Date.now() - started + delay > maxWaitMs) throw e;
        const reason = ((e as Error).message ?? String(e)).split("\n")[0];
        log(`  waiting for the node: ${args.method} answered "${reason}"; retry ${attempt} in ${delay} ms`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  };
  Object.defineProperty(provider, "request", { value: request, configurable: true, writable: true });
  return provider;
}
