import { isHexString, type Interface } from "ethers";

import { StokitError } from "./base.js";
import { ContractRevertError } from "./contract.js";
import { NetworkError, RpcError } from "./rpc.js";

/** Context added to a normalised error. */
export type ToStokitErrorContext = {
  contractAddress?: string;
  functionName?: string;
  interfaces?: readonly Interface[];
};

const NETWORK_CODES = new Set([
  "NETWORK_ERROR",
  "TIMEOUT",
  "SERVER_ERROR",
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

type Loose = {
  code?: unknown;
  data?: unknown;
  error?: unknown;
  info?: unknown;
  cause?: unknown;
  message?: unknown;
  shortMessage?: unknown;
  payload?: unknown;
};

/** Walks an error and the usual places wallets and nodes nest the revert data in, returning the first hex found. */
function findRevertData(error: unknown, depth = 0): string | undefined {
  if (error == null || typeof error !== "object" || depth > 6) return undefined;
  const e = error as Loose;
  if (typeof e.data === "string" && isHexString(e.data)) return e.data;
  if (e.data && typeof e.data === "object") {
    const inner = (e.data as { data?: unknown }).data;
    if (typeof inner === "string" && isHexString(inner)) return inner;
  }
  for (const next of [e.error, (e.info as Loose | undefined)?.error, e.cause]) {
    const found = findRevertData(next, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function codesOf(error: unknown): unknown[] {
  const codes: unknown[] = [];
  let current: unknown = error;
  for (let i = 0; i < 8 && current && typeof current === "object"; i++) {
    const e = current as Loose;
    codes.push(e.code);
    if (e.error && typeof e.error === "object") codes.push((e.error as Loose).code);
    if (e.data && typeof e.data === "object") codes.push((e.data as Loose).code);
    current = e.cause ?? e.error;
  }
  return codes;
}

/** Whether the error or one nested in it (`error`, `data`, `info.error`, `cause`) says "revert". */
function mentionsRevert(error: unknown, depth = 0): boolean {
  if (error == null || typeof error !== "object" || depth > 6) return false;
  const e = error as Loose;
  if (typeof e.message === "string" && /revert/i.test(e.message)) return true;
  return [e.error, e.data, (e.info as Loose | undefined)?.error, e.cause].some((n) => mentionsRevert(n, depth + 1));
}

function messageOf(error: unknown): string {
  if (error && typeof error === "object") {
    const e = error as Loose;
    if (typeof e.shortMessage === "string") return e.shortMessage;
    if (typeof e.message === "string") return e.message.split("\n")[0]!;
  }
  return String(error);
}

/**
 * Turns anything a provider, signer or wallet threw into a {@link StokitError}: reverts (with decoded custom
 * errors) into {@link ContractRevertError}, transport failures into {@link NetworkError}, other node refusals into
 * {@link RpcError}. A `StokitError` passes through unchanged.
 *
 * @example
 * ```ts
 * import { toStokitError } from "@stokit/sdk";
 *
 * try {
 *   await distributor.claim(1n);
 * } catch (error) {
 *   throw toStokitError(error, { functionName: "claim" });
 * }
 * ```
 */
export function toStokitError(error: unknown, context: ToStokitErrorContext = {}): StokitError {
  if (error instanceof StokitError) return error;
  const codes = codesOf(error);
  const data = findRevertData(error);
  const isRevert =
    codes.includes("CALL_EXCEPTION") || (data !== undefined && (codes.includes(3) || mentionsRevert(error)));
  if (isRevert) return new ContractRevertError({ data: data ?? undefined, ...context, cause: error });
  if (
    codes.some((c) => typeof c === "string" && NETWORK_CODES.has(c)) ||
    /fetch failed|failed to fetch/i.test(messageOf(error))
  ) {
    return new NetworkError(`The RPC endpoint could not be reached: ${messageOf(error)}`, { cause: error });
  }
  const code = codes.find((c) => typeof c === "string" || typeof c === "number") as string | number | undefined;
  return new RpcError(`The node refused the request: ${messageOf(error)}`, { code, cause: error });
}
