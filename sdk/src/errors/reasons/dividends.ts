import { at, type RevertReasonFormatter } from "./format.js";

const STATUS = ["None", "Active", "Cancelled", "Reclaimed"] as const;

/** @internal Sentences for the dividends area's errors (IDividendDistributor). */
export const dividendReasons: Readonly<Record<string, RevertReasonFormatter>> = {
  DividendUnknownDistribution: (a) => `Distribution ${a.distributionId} does not exist.`,
  DividendWrongStatus: (a) =>
    `Distribution ${a.distributionId} is ${STATUS[Number(a.status)] ?? `in status ${a.status}`}, not in the status this operation needs.`,
  DividendZeroAddress: () => `A zero address was given where an address is required.`,
  DividendZeroAmount: () => `The amount is zero (or the payout token delivered nothing).`,
  DividendAmountTooLarge: (a) => `The amount ${a.amount} exceeds what a distribution can hold (2^96 - 1).`,
  DividendSupplyTooLarge: (a) =>
    `The eligible supply at the record date (${a.eligibleSupply}) exceeds what a distribution can divide by (2^160 - 1).`,
  DividendRecordDateNotPast: (a) =>
    `The record date ${at(a.recordDate)} is not in the past of the token's clock (${at(a.clock)}).`,
  DividendDeadlineNotFuture: (a) =>
    `The claim deadline ${at(a.claimDeadline)} is not after the current block time ${at(a.currentTime)}.`,
  DividendNoEligibleSupply: (a) =>
    `No eligible supply: the excluded balances (${a.excludedSupply}) cover the whole supply at the record date (${a.totalSupplyAtRecord}).`,
  DividendDuplicateExclusion: (a) => `${a.account} appears twice in the exclusion list.`,
  DividendHolderExcluded: (a) => `${a.holder} is excluded from distribution ${a.distributionId}.`,
  DividendHolderFrozen: (a) =>
    `${a.holder} is frozen by the token's agent; its entitlement in distribution ${a.distributionId} stays claimable until it is unfrozen.`,
  DividendAlreadyClaimed: (a) => `${a.holder} already claimed distribution ${a.distributionId}.`,
  DividendNothingToClaim: (a) => `${a.holder} has nothing to claim in distribution ${a.distributionId}.`,
  DividendNothingHeld: (a) => `Nothing is held for ${a.holder} in distribution ${a.distributionId}.`,
  DividendClaimPeriodEnded: (a) =>
    `The claim period of distribution ${a.distributionId} ended at ${at(a.claimDeadline)}.`,
  DividendClaimPeriodOpen: (a) =>
    `The claim period of distribution ${a.distributionId} is open until ${at(a.claimDeadline)}.`,
  DividendNotCreator: (a) => `${a.caller} is not the creator of distribution ${a.distributionId}.`,
  DividendClaimsStarted: (a) =>
    `Distribution ${a.distributionId} can no longer be cancelled: ${a.claimed} was already claimed.`,
  DividendInvalidTaxRate: (a) => `A withholding rate of ${a.rateBps} basis points exceeds 100%.`,
  DividendTaxWalletUnset: () => `Tax is due but no tax wallet is configured.`,
  DividendOnlySelf: (a) => `${a.caller} called an entry point the distributor reserves to itself.`,
};
