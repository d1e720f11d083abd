import type { BlockTag } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import type { DistributionNotFoundError } from "../../errors/notFound.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import type { StokitRunner } from "../../utils/runner.js";
import { readUnits } from "../../utils/tokenUnits.js";
import { readClaimables } from "./claimables.js";
import type { DistributionStatus, DividendsBaseParameters } from "./shared.js";

export type GetClaimableManyParameters = DividendsBaseParameters & {
  /** The address whose claimables are read (see "Names" in the README: `account` everywhere). */
  account: string;
  /**
   * The distributions to read, each on its own distributor (default: `distributor`/the address book's). Given:
   * one round trip. Omitted: every distribution of `distributors` is read, after one round trip for their counts.
   */
  distributions?: readonly { distributor?: string; distributionId: bigint }[];
  /** Distributors to scan when `distributions` is omitted (default: the one of `distributor`/the address book). */
  distributors?: readonly string[];
  /** Security tokens whose balances of `account` to read in the same batch (a portfolio view). */
  tokens?: readonly string[];
  /**
   * Payout tokens of the distributions: their decimals and symbol are read in the same round trip. Those not given
   * are read once per provider in one more round trip, then remembered (decimals and symbols never change).
   */
  payoutTokens?: readonly string[];
  /** Keep entries with nothing to claim (default false). */
  includeZero?: boolean;
  /** Multicall3 address (default: the chain's). */
  multicallAddress?: string;
  blockTag?: BlockTag;
};

/** One claimable entitlement. */
export type ClaimableItem = {
  distributor: string;
  distributionId: bigint;
  token: string;
  payoutToken: string;
  status: DistributionStatus;
  claimDeadline: bigint;
  /** The payout token's decimals and symbol, for {@link formatAmount}: `gross`, `withheld` and `net` are in its units. */
  payoutDecimals: number;
  payoutSymbol: string;
  gross: bigint;
  withheld: bigint;
  net: bigint;
};

/** A claimable entitlement without its payout token's units (what `claimMany` reports: it reads no units). */
export type ClaimableRow = Omit<ClaimableItem, "payoutDecimals" | "payoutSymbol">;

export type GetClaimableManyReturnType = {
  /** The address whose claimables are read (see "Names" in the README: `account` everywhere). */
  account: string;
  /** Entitlements (only those with `net > 0` unless `includeZero`), in the order asked or by distributor and id. */
  items: ClaimableItem[];
  /** Balances of `tokens`, in order. */
  balances: { token: string; balance: bigint }[];
  /** Net claimable per payout token. */
  totals: Record<string, bigint>;
};
export type GetClaimableManyErrorType =
  | InvalidParameterError
  | UnsupportedChainError
  | ContractRevertError
  | DistributionNotFoundError
  | NetworkError
  | RpcError;

/**
 * A holder's claimable dividends across several distributions, distributors and tokens, plus token balances, in
 * one Multicall3 round trip when the distributions are known (two when they are discovered). Each item carries its
 * payout token's decimals and symbol: list the payout tokens in `payoutTokens` to read them in the same round trip;
 * otherwise they are read once per provider in one more, then remembered.
 *
 * @example
 * ```ts
 * import { getClaimableMany } from "@stokit/sdk";
 *
 * const { items, totals, balances } = await getClaimableMany(provider, {
 *   account,
 *   distributions: [
 *     { distributor: distributorA, distributionId: 1n },
 *     { distributor: distributorB, distributionId: 4n },
 *   ],
 *   tokens: [tokenA, tokenB],
 * });
 * ```
 */
export async function getClaimableMany(
  runner: StokitRunner,
  parameters: GetClaimableManyParameters,
): Promise<GetClaimableManyReturnType> {
  const { account, items, balances, totals, mc } = await readClaimables(runner, parameters);
  const units = await readUnits(
    runner,
    items.map((i) => i.payoutToken),
    mc,
  );
  return {
    account,
    items: items.map((i) => {
      const u = units(i.payoutToken);
      return { ...i, payoutDecimals: u.decimals, payoutSymbol: u.symbol };
    }),
    balances,
    totals,
  };
}
