import {
  FetchRequest,
  JsonRpcProvider,
  Network,
  type JsonRpcApiProviderOptions,
  type JsonRpcError,
  type JsonRpcPayload,
  type JsonRpcResult,
} from "ethers";

import { NetworkError } from "../errors/rpc.js";

/** Counters of what a {@link StokitRpcProvider} sent. */
export type RpcStats = {
  /** HTTP requests that got an answer (a JSON-RPC batch is one round trip). */
  roundTrips: number;
  /** JSON-RPC requests inside them. */
  requests: number;
  /** JSON-RPC requests by method. */
  byMethod: Record<string, number>;
  /** Times a URL failed and the next one was tried. */
  failovers: number;
};

/** Options of {@link StokitRpcProvider} (ethers' JSON-RPC options plus failover ones). */
export type StokitRpcProviderOptions = JsonRpcApiProviderOptions & {
  /** Per-attempt timeout in milliseconds (default 10 000). */
  timeoutMs?: number;
  /** Called before each HTTP request with the URL and the JSON-RPC payload(s). */
  onRequest?: (url: string, payload: JsonRpcPayload | JsonRpcPayload[]) => void;
};

/** A JSON-RPC answer in an HTTP body (some nodes answer errors with HTTP 4xx), or `undefined`. */
function jsonRpcBody(body: unknown): (JsonRpcResult | JsonRpcError)[] | undefined {
  const list = Array.isArray(body) ? body : [body];
  const ok = list.every((r) => r != null && typeof r === "object" && "jsonrpc" in r && ("result" in r || "error" in r));
  return ok && list.length > 0 ? (list as (JsonRpcResult | JsonRpcError)[]) : undefined;
}

/**
 * A JSON-RPC provider over one or more URLs with ordered failover: requests go to the current URL; when it cannot
 * be reached (connection refused, timeout, HTTP 5xx) the next URL is tried and becomes current. A JSON-RPC error
 * answer (a revert, nonce too low) is an answer and is not retried. It also counts round trips ({@link stats}).
 *
 * @example
 * ```ts
 * import { StokitRpcProvider } from "@stokit/sdk";
 *
 * const provider = new StokitRpcProvider(["https://rpc-a.example", "https://rpc-b.example"], 56);
 * await provider.getBlockNumber();
 * console.log(provider.stats.roundTrips, provider.currentUrl);
 * ```
 */
export class StokitRpcProvider extends JsonRpcProvider {
  /** The URLs in order of preference. */
  readonly urls: readonly string[];
  readonly stats: RpcStats = { roundTrips: 0, requests: 0, byMethod: {}, failovers: 0 };
  #current = 0;
  readonly #timeoutMs: number;
  readonly #onRequest: StokitRpcProviderOptions["onRequest"];

  /**
   * @param urls one URL or several, in order of preference.
   * @param chainId the chain id; when given, the network is fixed and never re-detected (saves a round trip per
   *   start and avoids ethers' retry loop on a dead first URL).
   */
  constructor(urls: string | readonly string[], chainId?: number, options: StokitRpcProviderOptions = {}) {
    const list = typeof urls === "string" ? [urls] : [...urls];
    if (list.length === 0) throw new TypeError("StokitRpcProvider needs at least one URL");
    const { timeoutMs, onRequest, ...rest } = options;
    const network = chainId === undefined ? undefined : Network.from(chainId);
    // cacheTimeout -1: ethers otherwise serves a repeated request (such as the pending nonce of two quick sends)
    // from a 250 ms cache, which breaks back-to-back transactions and hides round trips.
    super(list[0], network, { cacheTimeout: -1, ...(network ? { staticNetwork: network } : {}), ...rest });
    this.urls = list;
    this.#timeoutMs = timeoutMs ?? 10_000;
    this.#onRequest = onRequest;
  }

  /** The URL requests currently go to. */
  get currentUrl(): string {
    return this.urls[this.#current]!;
  }

  /** Zeroes the counters. */
  resetStats(): void {
    Object.assign(this.stats, { roundTrips: 0, requests: 0, byMethod: {}, failovers: 0 });
  }

  override async _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    const body = JSON.stringify(payload);
    const failures: unknown[] = [];
    for (let attempt = 0; attempt < this.urls.length; attempt++) {
      const index = (this.#current + attempt) % this.urls.length;
      const url = this.urls[index]!;
      const request = new FetchRequest(url);
      request.body = body;
      request.setHeader("content-type", "application/json");
      request.timeout = this.#timeoutMs;
      request.retryFunc = async () => false;
      this.#onRequest?.(url, payload);
      try {
        // Throws on connection failure and timeout; any HTTP status comes back as a response.
        const response = await request.send();
        let answer: (JsonRpcResult | JsonRpcError)[] | undefined;
        try {
          answer = jsonRpcBody(response.bodyJson);
        } catch {
          answer = undefined;
        }
        // 5xx, 429 and non-JSON-RPC bodies mean this endpoint did not answer: try the next one.
        if (answer === undefined || response.statusCode >= 500 || response.statusCode === 429) response.assertOk();
        if (answer === undefined) throw new Error(`HTTP ${response.statusCode} without a JSON-RPC body from ${url}`);
        this.#count(payload);
        this.#current = index;
        // ethers' declared type says results only; error entries are handled by its caller.
        return answer as JsonRpcResult[];
      } catch (error) {
        failures.push(error);
        if (attempt < this.urls.length - 1) this.stats.failovers += 1;
      }
    }
    throw new NetworkError(
      this.urls.length === 1
        ? `The RPC endpoint ${this.urls[0]} could not be reached.`
        : `None of the ${this.urls.length} RPC endpoints could be reached.`,
      { cause: failures[failures.length - 1], urls: [...this.urls] },
    );
  }

  #count(payload: JsonRpcPayload | JsonRpcPayload[]): void {
    this.stats.roundTrips += 1;
    for (const p of Array.isArray(payload) ? payload : [payload]) {
      this.stats.requests += 1;
      this.stats.byMethod[p.method] = (this.stats.byMethod[p.method] ?? 0) + 1;
    }
  }
}

/** Parameters of {@link createRpcProvider}. */
export type CreateRpcProviderParameters = StokitRpcProviderOptions & {
  /** RPC URLs in order of preference. */
  urls: string | readonly string[];
  /** The chain id (recommended: fixes the network, no detection round trip). */
  chainId?: number;
};

/**
 * Creates a {@link StokitRpcProvider} with ordered failover over `urls`.
 *
 * @example
 * ```ts
 * import { createRpcProvider } from "@stokit/sdk";
 *
 * const provider = createRpcProvider({ urls: [process.env.RPC_A!, process.env.RPC_B!], chainId: 56 });
 * ```
 */
export function createRpcProvider({ urls, chainId, ...options }: CreateRpcProviderParameters): StokitRpcProvider {
  return new StokitRpcProvider(urls, chainId, options);
}
