import {
  FetchRequest,
  JsonRpcProvider,
  Network,
  Transaction,
  keccak256,
  type JsonRpcApiProviderOptions,
  type JsonRpcError,
  type JsonRpcPayload,
  type JsonRpcResult,
} from "ethers";

import { ChainMismatchError, NetworkError } from "../errors/rpc.js";
import { NonceTakenError } from "../errors/transaction.js";

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
  /** Per-attempt timeout in milliseconds (default {@link DEFAULT_TIMEOUT_MS}, 10 000). */
  timeoutMs?: number;
  /**
   * How long a URL that failed (connection refused, timeout, HTTP 5xx) is passed over, in milliseconds (default
   * {@link DEFAULT_BACKOFF_MS}, 30 000): the next calls go straight to the URL that last answered instead of paying
   * the dead one's timeout again. When every URL is backing off, all are tried anyway, in order.
   */
  backoffMs?: number;
  /** Called before each HTTP request with the URL and the JSON-RPC payload(s). */
  onRequest?: (url: string, payload: JsonRpcPayload | JsonRpcPayload[]) => void;
};

/** Default per-attempt timeout of {@link StokitRpcProvider}, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Default time a failed URL is passed over by {@link StokitRpcProvider}, in milliseconds. */
export const DEFAULT_BACKOFF_MS = 30_000;

/** The id of the `eth_chainId` request batched with a URL's first request. */
const CHAIN_CHECK_ID = "stokit-chain-check";
/** Node answers that mean "this transaction (or one with its nonce) is already there" (geth, Besu, Erigon, Hardhat). */
const ALREADY_KNOWN = /already known|known transaction|already imported|already in (the )?(tx)?pool|AlreadyKnown/i;
const NONCE_USED = /nonce too low|nonce has already been used|already used|nonce is too low|OldNonce/i;

/** A JSON-RPC answer in an HTTP body (some nodes answer errors with HTTP 4xx), or `undefined`. */
function jsonRpcBody(body: unknown): (JsonRpcResult | JsonRpcError)[] | undefined {
  const list = Array.isArray(body) ? body : [body];
  const ok = list.every((r) => r != null && typeof r === "object" && "jsonrpc" in r && ("result" in r || "error" in r));
  return ok && list.length > 0 ? (list as (JsonRpcResult | JsonRpcError)[]) : undefined;
}

/** Thrown inside an attempt when the URL did not answer (the caller fails over). */
class TransportFailure extends Error {}

/**
 * A JSON-RPC provider over one or more URLs with ordered failover: requests go to the URL that last answered; when
 * it cannot be reached (connection refused, timeout, HTTP 5xx) the next URL is tried and becomes current, and the
 * failed one is passed over for `backoffMs`. A JSON-RPC error answer (a revert, nonce too low) is an answer and is
 * not retried. Each URL's chain id is checked once, batched with its first request, against `chainId`
 * ({@link ChainMismatchError}). It also counts round trips ({@link stats}).
 *
 * Sending is idempotent: the hash of a raw transaction is known before it is sent, so when a URL times out, fails or
 * drops the connection after taking it, or a node answers "already known" / "nonce too low", the provider looks the
 * hash up on every URL and returns it as sent when any knows it, instead of sending it again or reporting a mined
 * transaction as failed. Only a nonce used by a different transaction is an error ({@link NonceTakenError}).
 *
 * @example
 * ```ts
 * import { StokitRpcProvider } from "@stokit/sdk";
 *
 * const provider = new StokitRpcProvider(["https://rpc-a.example", "https://rpc-b.example"], 56, { timeoutMs: 5_000 });
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
  readonly #backoffMs: number;
  readonly #chainId: number | undefined;
  readonly #onRequest: StokitRpcProviderOptions["onRequest"];
  /** Per URL: until when (ms since epoch) it is passed over. */
  readonly #backoffUntil: number[];
  /** Per URL: how long its last failed attempt took, in milliseconds. */
  readonly #failureCost: number[];
  /** Per URL: whether its chain id was checked. */
  readonly #checked: boolean[];

  /**
   * @param urls one URL or several, in order of preference.
   * @param chainId the chain id; when given, the network is fixed and never re-detected (saves a round trip per
   *   start and avoids ethers' retry loop on a dead first URL), and each URL is checked to serve this chain.
   */
  constructor(urls: string | readonly string[], chainId?: number, options: StokitRpcProviderOptions = {}) {
    const list = typeof urls === "string" ? [urls] : [...urls];
    if (list.length === 0) throw new TypeError("StokitRpcProvider needs at least one URL");
    const { timeoutMs, backoffMs, onRequest, ...rest } = options;
    const network = chainId === undefined ? undefined : Network.from(chainId);
    // cacheTimeout -1: ethers otherwise serves a repeated request (such as the pending nonce of two quick sends)
    // from a 250 ms cache, which breaks back-to-back transactions and hides round trips.
    super(list[0], network, { cacheTimeout: -1, ...(network ? { staticNetwork: network } : {}), ...rest });
    this.urls = list;
    this.#timeoutMs = timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#backoffMs = backoffMs ?? DEFAULT_BACKOFF_MS;
    this.#chainId = chainId;
    this.#onRequest = onRequest;
    this.#backoffUntil = list.map(() => 0);
    this.#failureCost = list.map(() => 0);
    this.#checked = list.map(() => chainId === undefined);
  }

  /** The URL requests currently go to (the last one that answered). */
  get currentUrl(): string {
    return this.urls[this.#current]!;
  }

  /** Zeroes the counters. */
  resetStats(): void {
    Object.assign(this.stats, { roundTrips: 0, requests: 0, byMethod: {}, failovers: 0 });
  }

  override async _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    const list = Array.isArray(payload) ? payload : [payload];
    const sends = list.filter((p) => p.method === "eth_sendRawTransaction");
    if (sends.length === 0) return this.#request(payload);
    // Raw transactions go alone, each through the idempotent path; the rest of a batch as usual.
    const rest = list.filter((p) => p.method !== "eth_sendRawTransaction");
    const [others, sent] = await Promise.all([
      rest.length ? this.#request(rest) : Promise.resolve([]),
      Promise.all(sends.map((p) => this.#sendRaw(p))),
    ]);
    return [...others, ...sent];
  }

  /**
   * URL indexes to try, in order: from the current one on, those backing off last, the cheapest failure first (a
   * refused connection costs nothing to retry, a timeout costs `timeoutMs`).
   */
  #order(): number[] {
    const now = Date.now();
    const all = this.urls.map((_, k) => (this.#current + k) % this.urls.length);
    const backingOff = all.filter((i) => this.#backoffUntil[i]! > now);
    backingOff.sort((a, b) => this.#failureCost[a]! - this.#failureCost[b]!);
    return [...all.filter((i) => this.#backoffUntil[i]! <= now), ...backingOff];
  }

  /** Sends the payload with failover; throws {@link NetworkError} when no URL answered. */
  async #request(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    const failures: unknown[] = [];
    const order = this.#order();
    for (const [attempt, index] of order.entries()) {
      try {
        return await this.#attempt(index, payload);
      } catch (error) {
        if (!(error instanceof TransportFailure)) throw error;
        failures.push(error.cause);
        if (attempt < order.length - 1) this.stats.failovers += 1;
      }
    }
    throw this.#unreachable(failures);
  }

  #unreachable(failures: unknown[]): NetworkError {
    return new NetworkError(
      this.urls.length === 1
        ? `The RPC endpoint ${this.urls[0]} could not be reached.`
        : `None of the ${this.urls.length} RPC endpoints could be reached.`,
      { cause: failures[failures.length - 1], urls: [...this.urls] },
    );
  }

  /**
   * One HTTP request to URL `index`. Throws {@link TransportFailure} when the URL did not answer (and starts its
   * backoff), {@link ChainMismatchError} when it serves another chain; otherwise returns the answers.
   */
  async #attempt(
    index: number,
    payload: JsonRpcPayload | JsonRpcPayload[],
    timeoutMs = this.#timeoutMs,
  ): Promise<JsonRpcResult[]> {
    const url = this.urls[index]!;
    const list = Array.isArray(payload) ? payload : [payload];
    const check = !this.#checked[index];
    const sent = check ? [{ jsonrpc: "2.0", id: CHAIN_CHECK_ID, method: "eth_chainId", params: [] }, ...list] : payload;
    const request = new FetchRequest(url);
    request.body = JSON.stringify(sent);
    request.setHeader("content-type", "application/json");
    request.timeout = timeoutMs;
    request.retryFunc = async () => false;
    this.#onRequest?.(url, sent as JsonRpcPayload | JsonRpcPayload[]);
    let answer: (JsonRpcResult | JsonRpcError)[];
    const started = Date.now();
    try {
      // Throws on connection failure and timeout; any HTTP status comes back as a response.
      const response = await request.send();
      let parsed: (JsonRpcResult | JsonRpcError)[] | undefined;
      try {
        parsed = jsonRpcBody(response.bodyJson);
      } catch {
        parsed = undefined;
      }
      // 5xx, 429 and non-JSON-RPC bodies mean this endpoint did not answer: try the next one.
      if (parsed === undefined || response.statusCode >= 500 || response.statusCode === 429) response.assertOk();
      if (parsed === undefined) throw new Error(`HTTP ${response.statusCode} without a JSON-RPC body from ${url}`);
      answer = parsed;
    } catch (error) {
      this.#backoffUntil[index] = Date.now() + this.#backoffMs;
      this.#failureCost[index] = Date.now() - started;
      throw new TransportFailure(`${url} did not answer`, { cause: error });
    }
    this.#count(sent);
    this.#backoffUntil[index] = 0;
    this.#current = index;
    if (check) {
      const reply = answer.find((r) => r.id === (CHAIN_CHECK_ID as unknown as number));
      answer = answer.filter((r) => r !== reply);
      const actual = reply && "result" in reply ? Number(reply.result) : undefined;
      if (actual !== undefined && actual !== this.#chainId) {
        throw new ChainMismatchError({ expected: this.#chainId!, actual, url });
      }
      // A node that does not answer eth_chainId is checked again on its next request.
      if (actual !== undefined) this.#checked[index] = true;
    }
    // ethers' declared type says results only; error entries are handled by its caller.
    return answer as JsonRpcResult[];
  }

  /**
   * Sends one `eth_sendRawTransaction` so that it is never reported failed while it was taken: after a URL fails
   * (timeout, 5xx, dropped connection) or a node answers "already known / nonce too low", the hash is looked up on
   * every URL, and returned as sent when any knows it. A URL that failed is only followed by the next one when no
   * URL knows the hash: the same signed bytes have the same hash, so they can be mined once at most.
   */
  async #sendRaw(payload: JsonRpcPayload): Promise<JsonRpcResult> {
    const raw = (payload.params as unknown[])[0] as string;
    const hash = keccak256(raw);
    const sent = { id: payload.id, result: hash } as JsonRpcResult;
    const failures: unknown[] = [];
    const order = this.#order();
    for (const [attempt, index] of order.entries()) {
      let reply: JsonRpcResult | JsonRpcError | undefined;
      try {
        [reply] = await this.#attempt(index, payload);
      } catch (error) {
        if (!(error instanceof TransportFailure)) throw error;
        failures.push(error.cause);
        if (await this.#known(hash)) return sent;
        if (attempt < order.length - 1) this.stats.failovers += 1;
        continue;
      }
      if (reply && "error" in reply) {
        const message = String((reply.error as { message?: unknown } | undefined)?.message ?? "");
        if (ALREADY_KNOWN.test(message) || NONCE_USED.test(message)) {
          if (await this.#known(hash)) return sent;
          if (NONCE_USED.test(message)) throw await this.#nonceTaken(raw, hash, reply);
        }
      }
      return reply as JsonRpcResult;
    }
    throw this.#unreachable(failures);
  }

  /** Whether any URL knows the transaction (pending or mined) or its receipt. */
  async #known(hash: string): Promise<boolean> {
    const lookups = this.urls.map(async (_, index) => {
      try {
        const answers = await this.#attempt(index, [
          { jsonrpc: "2.0", id: 1, method: "eth_getTransactionByHash", params: [hash] } as JsonRpcPayload,
          { jsonrpc: "2.0", id: 2, method: "eth_getTransactionReceipt", params: [hash] } as JsonRpcPayload,
        ]);
        return answers.some((a) => "result" in a && a.result != null);
      } catch {
        return false;
      }
    });
    return (await Promise.all(lookups)).some(Boolean);
  }

  /** The {@link NonceTakenError} for `raw`, with the hash of the transaction that used its nonce when it can be found. */
  async #nonceTaken(raw: string, hash: string, cause: unknown): Promise<NonceTakenError> {
    const tx = Transaction.from(raw);
    const account = tx.from!;
    let otherHash: string | undefined;
    try {
      otherHash = await this.#findByNonce(account, tx.nonce);
    } catch {
      otherHash = undefined;
    }
    return new NonceTakenError({ hash, otherHash, account, nonce: tx.nonce, cause });
  }

  /** The mined transaction of `account` with `nonce`: binary search on the nonce history, then the block's list. */
  async #findByNonce(account: string, nonce: number): Promise<string | undefined> {
    const call = async (method: string, params: unknown[]): Promise<unknown> => {
      const [answer] = await this.#request({ jsonrpc: "2.0", id: 1, method, params } as JsonRpcPayload);
      if (!answer || !("result" in answer)) throw new Error(`${method} failed`);
      return answer.result;
    };
    const count = async (block: number) =>
      Number(await call("eth_getTransactionCount", [account, `0x${block.toString(16)}`]));
    let hi = Number(await call("eth_blockNumber", []));
    if ((await count(hi)) <= nonce) return undefined; // not mined: a pending transaction holds it
    let lo = 0;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if ((await count(mid)) > nonce) hi = mid;
      else lo = mid + 1;
    }
    const block = (await call("eth_getBlockByNumber", [`0x${lo.toString(16)}`, true])) as {
      transactions: { hash: string; from: string; nonce: string }[];
    };
    return block.transactions.find((t) => t.from.toLowerCase() === account.toLowerCase() && Number(t.nonce) === nonce)
      ?.hash;
  }

  #count(payload: JsonRpcPayload | JsonRpcPayload[] | object): void {
    this.stats.roundTrips += 1;
    for (const p of (Array.isArray(payload) ? payload : [payload]) as JsonRpcPayload[]) {
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
