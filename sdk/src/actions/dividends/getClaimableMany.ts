import type { BlockTag } from "ethers";

import { DistributionNotFoundError } from "../../errors/notFound.js";
import type { ContractRevertError } from "../../errors/contract.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import { contractCall, multicall, type ContractCall } from "../../multicall/multicall.js";
import type { StokitRunner } from "../../utils/runner.js";
import { erc20At } from "../../utils/erc20.js";
import { assertAddress, assertUint } from "../../utils/validate.js";
import {
  distributorAt,
  resolveDistributor,
  toDistribution,
  type DistributionStatus,
  type DividendsBaseParameters,
} from "./shared.js";

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
  gross: bigint;
  withheld: bigint;
  net: bigint;
};

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
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;

/**
 * A holder's claimable dividends across several distributions, distributors and tokens, plus token balances, in
 * one Multicall3 round trip when the distributions are known (two when they are discovered).
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
  const account = assertAddress("account", parameters.account, { allowZero: true });
  const tokens = (parameters.tokens ?? []).map((t, i) => assertAddress(`tokens[${i}]`, t));
  const mc = {
    chainId: parameters.chainId,
    addresses: parameters.addresses,
    chain: parameters.chain,
    multicallAddress: parameters.multicallAddress,
    blockTag: parameters.blockTag,
  };

  let targets: { distributor: string; distributionId: bigint }[];
  if (parameters.distributions) {
    targets = [];
    for (const [i, d] of parameters.distributions.entries()) {
      const distributor =
        d.distributor !== undefined
          ? assertAddress(`distributions[${i}].distributor`, d.distributor)
          : (await resolveDistributor(runner, parameters)).address;
      targets.push({ distributor, distributionId: assertUint(`distributions[${i}].distributionId`, d.distributionId) });
    }
  } else {
    const distributors = parameters.distributors
      ? parameters.distributors.map((d, i) => assertAddress(`distributors[${i}]`, d))
      : [(await resolveDistributor(runner, parameters)).address];
    const counts = await multicall(runner, {
      ...mc,
      calls: distributors.map((d) => contractCall(distributorAt(d, runner), "distributionCount", [])),
    });
    targets = distributors.flatMap((distributor, i) =>
      Array.from({ length: Number(counts[i]) }, (_, j) => ({ distributor, distributionId: BigInt(j + 1) })),
    );
  }

  const calls: ContractCall[] = [];
  for (const t of targets) {
    const c = distributorAt(t.distributor, runner);
    calls.push(
      contractCall(c, "claimable", [t.distributionId, account]),
      contractCall(c, "distribution", [t.distributionId]),
    );
  }
  for (const token of tokens) calls.push(contractCall(erc20At(token, runner), "balanceOf", [account]));
  const results = calls.length ? await multicall(runner, { ...mc, calls }) : [];

  const items: ClaimableItem[] = [];
  const totals: Record<string, bigint> = {};
  targets.forEach((t, i) => {
    const [gross, withheld, net] = results[2 * i] as [bigint, bigint, bigint];
    const d = toDistribution(
      t.distributor,
      t.distributionId,
      results[2 * i + 1] as Parameters<typeof toDistribution>[2],
    );
    if (parameters.distributions && d.status === "None")
      throw new DistributionNotFoundError({ distributor: t.distributor, distributionId: t.distributionId });
    if (net === 0n && !parameters.includeZero) return;
    items.push({
      distributor: t.distributor,
      distributionId: t.distributionId,
      token: d.token,
      payoutToken: d.payoutToken,
      status: d.status,
      claimDeadline: d.claimDeadline,
      gross,
      withheld,
      net,
    });
    totals[d.payoutToken] = (totals[d.payoutToken] ?? 0n) + net;
  });
  const balances = tokens.map((token, i) => ({ token, balance: results[2 * targets.length + i] as bigint }));
  return { account, items, balances, totals };
}
