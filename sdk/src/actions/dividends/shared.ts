import { Contract, Interface } from "ethers";

import { resolveAddress, type AddressOverrides } from "../../addresses.js";
import type { StokitChain } from "../../chains.js";
import { dividendDistributorFunctionsAbi } from "../../generated/abis/DividendDistributor.js";
import type { IDividendDistributor } from "../../generated/types/DividendDistributor.js";
import type { DividendDistributor } from "../../generated/types/DividendDistributor.js";
import { getChainId, type ChainOptions, type StokitRunner } from "../../utils/runner.js";
import { assertAddress } from "../../utils/validate.js";

/** Parameters every dividends action accepts: which distributor (default: the address book's) on which chain. */
export type DividendsBaseParameters = ChainOptions & {
  /** The DividendDistributor; default `addresses.DividendDistributor`, then the built-in address book. */
  distributor?: string;
  addresses?: AddressOverrides;
  chain?: StokitChain;
};

/**
 * Status of a distribution, by name.
 *
 * @example
 * ```ts
 * import { getDistribution, type DistributionStatus } from "@stokit/sdk";
 * const status: DistributionStatus | undefined = (await getDistribution(provider, { distributor, distributionId: 1n }))?.status;
 * ```
 */
export type DistributionStatus = "None" | "Active" | "Cancelled" | "Reclaimed";
const STATUSES: readonly DistributionStatus[] = ["None", "Active", "Cancelled", "Reclaimed"];

/**
 * A distribution as stored, with plain fields (what `getDistribution` returns).
 *
 * @example
 * ```ts
 * import { getDistribution, type Distribution } from "@stokit/sdk";
 * const d: Distribution | null = await getDistribution(provider, { distributor, distributionId: 1n });
 * ```
 */
export type Distribution = {
  distributor: string;
  distributionId: bigint;
  token: string;
  payoutToken: string;
  recordDate: bigint;
  claimDeadline: bigint;
  status: DistributionStatus;
  creator: string;
  amount: bigint;
  claimed: bigint;
  denominator: bigint;
  held: bigint;
  reclaimed: bigint;
};

/** @internal */
export const distributorInterface = /*#__PURE__*/ new Interface(dividendDistributorFunctionsAbi);

/** @internal The distributor address for the parameters. */
export async function resolveDistributor(
  runner: StokitRunner,
  p: DividendsBaseParameters,
): Promise<{ address: string; chainId: number }> {
  const chainId = await getChainId(runner, p.chainId);
  const address =
    p.distributor !== undefined
      ? assertAddress("distributor", p.distributor)
      : resolveAddress(chainId, "DividendDistributor", p.addresses, p.chain);
  return { address, chainId };
}

/** @internal A typed distributor contract (no network access until used). */
export function distributorAt(address: string, runner: StokitRunner): DividendDistributor {
  // Functions only: reverts are decoded through the suite's error table, so a single action bundles no more ABI.
  return new Contract(address, dividendDistributorFunctionsAbi, runner) as unknown as DividendDistributor;
}

/** @internal */
export function toDistribution(
  distributor: string,
  distributionId: bigint,
  s: IDividendDistributor.DistributionStructOutput,
): Distribution {
  return {
    distributor,
    distributionId,
    token: s.token,
    payoutToken: s.payoutToken,
    recordDate: s.recordDate,
    claimDeadline: s.claimDeadline,
    status: STATUSES[Number(s.status)] ?? "None",
    creator: s.creator,
    amount: s.amount,
    claimed: s.claimed,
    denominator: s.denominator,
    held: s.held,
    reclaimed: s.reclaimed,
  };
}
