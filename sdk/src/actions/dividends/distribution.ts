import type { IDividendDistributor } from "../../generated/types/DividendDistributor.js";

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
