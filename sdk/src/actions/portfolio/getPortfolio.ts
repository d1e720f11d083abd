import { Interface, MaxUint256, ZeroAddress, type BlockTag } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import { DistributionNotFoundError, NotAStokitTokenError, type ContractNotFoundError } from "../../errors/notFound.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import * as dd from "../../generated/abis/DividendDistributor.js";
import * as ofr from "../../generated/abis/Offering.js";
import * as pt from "../../generated/abis/Points.js";
import * as st from "../../generated/abis/SecurityToken.js";
import * as tfa from "../../generated/abis/TokenFactory.js";
import { abiCall, multicall, type ContractCall, type MulticallResult } from "../../multicall/multicall.js";
import { expand } from "../../utils/abi.js";
import { rememberUnits, unitsCalls, unitsOf } from "../../utils/tokenUnits.js";
import type { StokitRunner } from "../../utils/runner.js";
import { assertAddress, assertUint } from "../../utils/validate.js";
import { toDistribution } from "../dividends/distribution.js";
import { resolveTarget, type AreaParameters } from "../shared.js";

// The views read, from the generated fragments, and none of the areas' tables: these views do not revert with the
// suite's custom errors (an unknown distribution reads as status None), so a portfolio bundle carries no area's
// error catalogue; a failure still throws a ContractRevertError with its raw data (`decodeRevertData` decodes it).
const tokenViews = /*#__PURE__*/ new Interface(
  expand("function", [st.balanceOf, st.getFrozenTokens, st.isFrozen, st.symbol, st.decimals]),
);
const distributorViews = /*#__PURE__*/ new Interface(expand("function", [dd.claimable, dd.distribution]));
const offeringViews = /*#__PURE__*/ new Interface(expand("function", [ofr.allocationOf, ofr.subscriptionOf]));
const factoryViews = /*#__PURE__*/ new Interface(expand("function", [tfa.tokens]));
const pointsViews = /*#__PURE__*/ new Interface(expand("function", [pt.balanceOf]));

export type GetPortfolioParameters = AreaParameters & {
  account: string;
  /** Security tokens to read: balance, frozen, available, symbol, decimals. */
  tokens?: readonly string[];
  /**
   * Also cover every IP token of a platform: `true` reads the address book's TokenFactory, a string that factory.
   * Its token list is read first (one `eth_call` more); of those, the tokens the account holds (balance or frozen
   * amount above zero) are returned, after the `tokens` given (which are always returned).
   */
  tokenFactory?: string | true;
  /** Dividend distributions to read the account's claimable from (ids from the subgraph or your records). */
  distributions?: readonly { distributor: string; distributionId: bigint }[];
  /** Offerings to read the account's allocation from. */
  offerings?: readonly string[];
  /** Points balances to read. */
  points?: { points: string; programIds: readonly bigint[] };
  /**
   * Payout tokens of the distributions (their decimals and symbol are read in the same round trip). Those not given
   * are read once per provider in a second round trip, then remembered (decimals and symbols never change).
   */
  payoutTokens?: readonly string[];
  multicallAddress?: string;
  blockTag?: BlockTag;
};
export type GetPortfolioReturnType = {
  account: string;
  tokens: { token: string; symbol: string; decimals: number; balance: bigint; frozen: bigint; available: bigint }[];
  claimables: {
    distributor: string;
    distributionId: bigint;
    token: string;
    payoutToken: string;
    /** The payout token's decimals and symbol, for {@link formatAmount}. */
    payoutDecimals: number;
    payoutSymbol: string;
    gross: bigint;
    withheld: bigint;
    net: bigint;
  }[];
  /** Net claimable per payout token. */
  claimableTotals: Record<string, bigint>;
  offerings: { offering: string; tokens: bigint; stableRefund: bigint; nativeRefund: bigint; settled: boolean }[];
  points: { programId: bigint; balance: bigint }[];
};
export type GetPortfolioErrorType =
  | InvalidParameterError
  | UnsupportedChainError
  | ContractRevertError
  | ContractNotFoundError
  | NotAStokitTokenError
  | DistributionNotFoundError
  | NetworkError
  | RpcError;

/**
 * A holder's portfolio across several tokens in **one** Multicall3 round trip (two with `tokenFactory`: the
 * platform's IP tokens are listed first): for each token the balance, frozen
 * and available amounts, symbol and decimals; the claimable dividends of the given distributions; the allocations in
 * the given offerings; and points balances.
 *
 * @example
 * ```ts
 * import { getPortfolio } from "@stokit/sdk";
 *
 * const p = await getPortfolio(provider, {
 *   account: me,
 *   tokens: [tokenA, tokenB, tokenC],
 *   distributions: [{ distributor, distributionId: 1n }, { distributor, distributionId: 2n }],
 * });
 * for (const t of p.tokens) console.log(t.symbol, t.available);
 * console.log(p.claimableTotals);
 * ```
 */
export async function getPortfolio(
  runner: StokitRunner,
  parameters: GetPortfolioParameters,
): Promise<GetPortfolioReturnType> {
  const account = assertAddress("account", parameters.account);
  const given = (parameters.tokens ?? []).map((t, i) => assertAddress(`tokens[${i}]`, t));
  // The factory's token list (`tokens(0, max)`): one `eth_call` before the portfolio's.
  const { tokenFactory: tf } = parameters;
  const listed = tf
    ? (
        await multicall(runner, {
          ...parameters,
          calls: [
            abiCall<string[]>(
              await resolveTarget(runner, parameters, "tokenFactory", tf === true ? undefined : tf, "TokenFactory"),
              factoryViews,
              "tokens",
              [0, MaxUint256],
            ),
          ] as const,
        })
      )[0]
    : [];
  const seen = new Set(given.map((t) => t.toLowerCase()));
  const fromFactory = listed.filter((t) => !seen.has(t.toLowerCase()));
  const tokens = [...given, ...fromFactory];
  const distributions = (parameters.distributions ?? []).map((d, i) => ({
    distributor: assertAddress(`distributions[${i}].distributor`, d.distributor),
    distributionId: assertUint(`distributions[${i}].distributionId`, d.distributionId),
  }));
  const offerings = (parameters.offerings ?? []).map((o, i) => assertAddress(`offerings[${i}]`, o));
  const payoutTokens = (parameters.payoutTokens ?? []).map((t, i) => assertAddress(`payoutTokens[${i}]`, t));
  const pointsAddress = parameters.points ? assertAddress("points.points", parameters.points.points) : undefined;
  const programIds = (parameters.points?.programIds ?? []).map((id, i) => assertUint(`points.programIds[${i}]`, id));

  const calls: ContractCall[] = [];
  for (const t of tokens) {
    calls.push(
      abiCall(t, tokenViews, "balanceOf", [account]),
      abiCall(t, tokenViews, "getFrozenTokens", [account]),
      abiCall(t, tokenViews, "isFrozen", [account]),
      abiCall(t, tokenViews, "symbol", []),
      abiCall(t, tokenViews, "decimals", []),
    );
  }
  for (const d of distributions) {
    calls.push(
      abiCall(d.distributor, distributorViews, "claimable", [d.distributionId, account]),
      abiCall(d.distributor, distributorViews, "distribution", [d.distributionId]),
    );
  }
  for (const o of offerings) {
    calls.push(
      abiCall(o, offeringViews, "allocationOf", [account]),
      abiCall(o, offeringViews, "subscriptionOf", [account]),
    );
  }
  if (pointsAddress) {
    for (const id of programIds) calls.push(abiCall(pointsAddress, pointsViews, "balanceOf", [id, account]));
  }
  const payoutAsked = [...new Set(payoutTokens.filter((t) => !unitsOf(runner, t)))];
  for (const t of payoutAsked) calls.push(...unitsCalls(t));
  const answers = calls.length
    ? ((await multicall(runner, { ...parameters, calls, allowFailure: true })) as MulticallResult<unknown>[])
    : [];
  // A token that is a contract but not a SecurityToken (a plain ERC-20) fails on the SecurityToken-only reads: it is
  // named as such. Any other failure (no code, a revert) is thrown as decoded.
  const tokenOnly = new Set(["getFrozenTokens", "isFrozen"]);
  const r = answers.map((a, k) => {
    if (a.status === "success") return a.result;
    const call = calls[k]!;
    if (a.error.name === "ContractRevertError" && tokenOnly.has(call.functionName) && k < tokens.length * 5)
      throw new NotAStokitTokenError({ token: call.target, functionName: call.functionName, cause: a.error });
    throw a.error;
  });

  let i = 0;
  const allRows = tokens.map((token) => {
    const [balance, frozen, addressFrozen, symbol, decimals] = r.slice(i, (i += 5)) as [
      bigint,
      bigint,
      boolean,
      string,
      bigint,
    ];
    return {
      token,
      symbol,
      decimals: Number(decimals),
      balance,
      frozen,
      available: addressFrozen || frozen >= balance ? 0n : balance - frozen,
    };
  });
  // The factory's tokens the account does not hold are left out.
  const tokenRows = allRows.filter((row, k) => k < given.length || row.balance > 0n || row.frozen > 0n);
  const claimableTotals: Record<string, bigint> = {};
  const rawClaimables = distributions.map((d) => {
    const [gross, withheld, net] = r[i++] as [bigint, bigint, bigint];
    const dist = toDistribution(d.distributor, d.distributionId, r[i++] as Parameters<typeof toDistribution>[2]);
    if (dist.status === "None") throw new DistributionNotFoundError(d);
    if (dist.payoutToken !== ZeroAddress)
      claimableTotals[dist.payoutToken] = (claimableTotals[dist.payoutToken] ?? 0n) + net;
    return { ...d, token: dist.token, payoutToken: dist.payoutToken, gross, withheld, net };
  });
  const offeringRows = offerings.map((offering) => {
    const a = r[i++] as { tokens: bigint; stableRefund: bigint; nativeRefund: bigint };
    const s = r[i++] as { settled: boolean };
    return {
      offering,
      tokens: a.tokens,
      stableRefund: a.stableRefund,
      nativeRefund: a.nativeRefund,
      settled: s.settled,
    };
  });
  const points = programIds.map((programId) => ({ programId, balance: r[i++] as bigint }));
  for (const t of payoutAsked) rememberUnits(runner, t, r[i++], r[i++]);
  for (const row of allRows) rememberUnits(runner, row.token, row.decimals, row.symbol);
  // Payout tokens not given up front: one more round trip, once per provider.
  const missing = [...new Set(rawClaimables.map((c) => c.payoutToken).filter((t) => !unitsOf(runner, t)))];
  if (missing.length) {
    const u = await multicall(runner, { ...parameters, calls: missing.flatMap(unitsCalls) });
    missing.forEach((t, k) => rememberUnits(runner, t, u[2 * k], u[2 * k + 1]));
  }
  const claimables = rawClaimables.map((c) => {
    const units = unitsOf(runner, c.payoutToken)!;
    return { ...c, payoutDecimals: units.decimals, payoutSymbol: units.symbol };
  });
  return { account, tokens: tokenRows, claimables, claimableTotals, offerings: offeringRows, points };
}
