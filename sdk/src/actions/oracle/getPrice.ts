import type { BlockTag } from "ethers";

import { ContractRevertError } from "../../errors/contract.js";
import type { ContractNotFoundError } from "../../errors/notFound.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import { contractCall, multicall } from "../../multicall/multicall.js";
import type { StokitRunner } from "../../utils/runner.js";
import { PRICE_DECIMALS } from "../../utils/units.js";
import { assertAddress } from "../../utils/validate.js";
import {
  ORACLE_REASONS,
  ORACLE_STATUSES,
  oracleAt,
  resolveOracle,
  type OracleBaseParameters,
  type OracleReason,
  type OracleStatus,
} from "./shared.js";

export type GetPriceParameters = OracleBaseParameters & {
  /** The asset (as configured on the breaker). */
  asset: string;
  multicallAddress?: string;
  blockTag?: BlockTag;
};
export type GetPriceReturnType = {
  asset: string;
  /** The price consumers may use now (`decimals`: 18), or `null` when `priceOf` refuses (see `reason`, `error`). */
  price: bigint | null;
  /** The decimals of `price` and `lastPrice` ({@link PRICE_DECIMALS}, 18), for {@link formatAmount}. */
  decimals: number;
  /** When the usable price was published (unix seconds); the last accepted price's time when unusable. */
  updatedAt: bigint;
  status: OracleStatus;
  reason: OracleReason;
  /** The last accepted price (what the breaker keeps while tripped or frozen; 0 before the first). */
  lastPrice: bigint;
  /** The refusal `priceOf` would throw (`OracleAssetTripped`, `OracleStalePrice`...), when `price` is `null`. */
  error: ContractRevertError | null;
};
export type GetPriceErrorType =
  InvalidParameterError | UnsupportedChainError | ContractNotFoundError | NetworkError | RpcError;

/**
 * The price of `asset` with its status and reason, without throwing for an unusable price: `priceOf`, `statusOf` and
 * `assetState` in one Multicall3 round trip. Use {@link priceOf} to get the price or a typed error instead.
 *
 * @example
 * ```ts
 * import { getPrice } from "@stokit/sdk";
 *
 * const { price, status, reason, updatedAt } = await getPrice(provider, { oracle, asset: usdc });
 * if (price === null) console.warn(`no trusted price: ${status} (${reason})`);
 * ```
 */
export async function getPrice(runner: StokitRunner, parameters: GetPriceParameters): Promise<GetPriceReturnType> {
  const asset = assertAddress("asset", parameters.asset);
  const c = oracleAt(await resolveOracle(runner, parameters), runner);
  const [priced, status, state] = await multicall(runner, {
    ...parameters,
    allowFailure: true,
    calls: [
      contractCall(c, "priceOf", [asset]),
      contractCall(c, "statusOf", [asset]),
      contractCall(c, "assetState", [asset]),
    ] as const,
  });
  // No oracle at the address: say so, rather than a price "unavailable" with a revert.
  for (const r of [priced, status, state])
    if (r.status === "failure" && r.error.name === "ContractNotFoundError") throw r.error;
  if (priced.status === "failure" && !(priced.error instanceof ContractRevertError)) throw priced.error;
  const [statusIndex, reasonIndex] = status.status === "success" ? status.result : [0n, 1n];
  const lastPrice = state.status === "success" ? state.result.price : 0n;
  const lastUpdatedAt = state.status === "success" ? BigInt(state.result.updatedAt) : 0n;
  return {
    asset,
    price: priced.status === "success" ? priced.result[0] : null,
    decimals: PRICE_DECIMALS,
    updatedAt: priced.status === "success" ? priced.result[1] : lastUpdatedAt,
    status: ORACLE_STATUSES[Number(statusIndex)] ?? "Unset",
    reason: ORACLE_REASONS[Number(reasonIndex)] ?? "None",
    lastPrice,
    error: priced.status === "failure" ? (priced.error as ContractRevertError) : null,
  };
}
