import { DistributionNotFoundError } from "../../errors/notFound.js";
import { contractCall, multicall, type ContractCall } from "../../multicall/multicall.js";
import { erc20At } from "../../utils/erc20.js";
import type { StokitRunner } from "../../utils/runner.js";
import { rememberUnits, unitsCalls, unitsOf } from "../../utils/tokenUnits.js";
import { assertAddress, assertUint } from "../../utils/validate.js";
import type { ClaimableRow, GetClaimableManyParameters } from "./getClaimableMany.js";
import { distributorAt, resolveDistributor, toDistribution } from "./shared.js";

/** @internal {@link getClaimableMany} without the payout tokens' units (what `claimMany` needs: no extra read). */
export async function readClaimables(runner: StokitRunner, parameters: GetClaimableManyParameters) {
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
  const payoutAsked = [
    ...new Set(
      (parameters.payoutTokens ?? [])
        .map((t, i) => assertAddress(`payoutTokens[${i}]`, t))
        .filter((t) => !unitsOf(runner, t)),
    ),
  ];
  for (const t of payoutAsked) calls.push(...unitsCalls(t));
  const results = calls.length ? await multicall(runner, { ...mc, calls }) : [];
  let k = 2 * targets.length + tokens.length;
  for (const t of payoutAsked) rememberUnits(runner, t, results[k++], results[k++]);

  const items: ClaimableRow[] = [];
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
  return { account, items, balances, totals, mc };
}
