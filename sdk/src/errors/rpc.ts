import { StokitError } from "./base.js";

/**
 * The node answered, but with a JSON-RPC error that is not a contract revert: nonce too low, insufficient funds
 * for gas, replacement underpriced, method not found, rate limited.
 *
 * @example
 * ```ts
 * import { RpcError } from "@stokit/sdk";
 *
 * try {
 *   await client.dividends.claim({ distributionId: 1n });
 * } catch (error) {
 *   if (error instanceof RpcError) console.log(error.code, error.shortMessage);
 * }
 * ```
 */
export class RpcError extends StokitError {
  override name = "RpcError";
  /** The ethers error code (`INSUFFICIENT_FUNDS`, `NONCE_EXPIRED`, ...) or the JSON-RPC numeric code. */
  readonly code: string | number | undefined;

  constructor(shortMessage: string, { code, cause }: { code?: string | number; cause?: unknown }) {
    super(shortMessage, { cause, docsPath: "#errors" });
    this.code = code;
  }
}

/**
 * The request never got an answer: connection refused, timeout, DNS failure, HTTP 5xx, every fallback URL down.
 * Nothing is known about the chain's state; retrying (later, or on another RPC URL) is safe for reads.
 *
 * @example
 * ```ts
 * import { NetworkError } from "@stokit/sdk";
 *
 * try {
 *   await client.dividends.getClaimableMany({ holder });
 * } catch (error) {
 *   if (error instanceof NetworkError) console.log("RPC unreachable:", error.urls);
 * }
 * ```
 */
export class NetworkError extends StokitError {
  override name = "NetworkError";
  /** The URLs that were tried, when known. */
  readonly urls: string[] | undefined;

  constructor(shortMessage: string, { cause, urls }: { cause?: unknown; urls?: string[] } = {}) {
    super(shortMessage, {
      cause,
      docsPath: "#fallback-rpc",
      metaMessages: urls?.length ? [`Tried: ${urls.join(", ")}`] : undefined,
    });
    this.urls = urls;
  }
}

/**
 * The RPC endpoint serves another chain than the one the provider was created for. Checked once per URL, before
 * any of its answers is trusted (batched with the first request: no extra round trip).
 *
 * @example
 * ```ts
 * import { ChainMismatchError, createRpcProvider } from "@stokit/sdk";
 *
 * const provider = createRpcProvider({ urls: ["https://bsc.example"], chainId: 56 });
 * try {
 *   await provider.getBlockNumber();
 * } catch (error) {
 *   if (error instanceof ChainMismatchError) console.log(error.expected, error.actual, error.url);
 * }
 * ```
 */
export class ChainMismatchError extends StokitError {
  override name = "ChainMismatchError";
  /** The chain id the provider was created for. */
  readonly expected: number;
  /** The chain id the endpoint reported. */
  readonly actual: number;
  readonly url: string;

  constructor({ expected, actual, url }: { expected: number; actual: number; url: string }) {
    super(`The RPC endpoint ${url} serves chain ${actual}, not chain ${expected} as configured.`, {
      docsPath: "#fallback-rpc",
      metaMessages: ["Fix the URL or the chainId given to createRpcProvider."],
    });
    this.expected = expected;
    this.actual = actual;
    this.url = url;
  }
}
