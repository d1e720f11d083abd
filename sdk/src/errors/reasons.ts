/**
 * Readable sentences for the suite's custom errors, keyed by error name. Each area adds its errors here as it
 * lands; an error without an entry still decodes (name and arguments) with a generic sentence.
 */
export type RevertReasonFormatter = (args: Readonly<Record<string, unknown>>) => string;

const STATUS = ["None", "Active", "Cancelled", "Reclaimed"] as const;

/** Formats a unix timestamp (seconds) as ISO-8601 UTC. */
function at(value: unknown): string {
  const seconds = Number(value);
  return Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : String(value);
}

/**
 * Sentences for the errors of the dividends area (IDividendDistributor), OpenZeppelin's ERC-20 (ERC-6093) and
 * access control, SafeERC20, Solidity panics and `Error(string)`.
 *
 * @example
 * ```ts
 * import { revertReasons } from "@stokit/sdk";
 *
 * revertReasons.DividendNothingToClaim({ distributionId: 3n, holder: "0xabc..." });
 * // "0xabc... has nothing to claim in distribution 3."
 * ```
 */
export const revertReasons: Readonly<Record<string, RevertReasonFormatter>> = {
  // ----- dividends -----
  DividendUnknownDistribution: (a) => `Distribution ${a.distributionId} does not exist.`,
  DividendWrongStatus: (a) =>
    `Distribution ${a.distributionId} is ${STATUS[Number(a.status)] ?? `in status ${a.status}`}, not in the status this operation needs.`,
  DividendZeroAddress: () => `A zero address was given where an address is required.`,
  DividendZeroAmount: () => `The amount is zero (or the payout token delivered nothing).`,
  DividendAmountTooLarge: (a) => `The amount ${a.amount} exceeds what a distribution can hold (2^128 - 1).`,
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
  DividendSuccessorChainTooLong: (a) => `The chain of wallet recoveries from ${a.holder} is too long to follow.`,
  // ----- OpenZeppelin -----
  AccessControlUnauthorizedAccount: (a) => `${a.account} lacks the role ${a.neededRole}.`,
  ERC20InsufficientBalance: (a) => `${a.sender} holds ${a.balance}, less than the ${a.needed} needed.`,
  ERC20InsufficientAllowance: (a) =>
    `${a.spender} may spend ${a.allowance} of the owner's tokens, less than the ${a.needed} needed; approve first.`,
  ERC20InvalidSender: (a) => `${a.sender} cannot send tokens.`,
  ERC20InvalidReceiver: (a) => `${a.receiver} cannot receive tokens.`,
  ERC20InvalidApprover: (a) => `${a.approver} cannot approve.`,
  ERC20InvalidSpender: (a) => `${a.spender} cannot be approved as a spender.`,
  SafeERC20FailedOperation: (a) => `The token ${a.token} refused or failed a transfer.`,
  // ----- Solidity builtins -----
  Error: (a) => `The contract reverted: ${a.message}`,
  Panic: (a) => `The contract panicked with code ${a.code} (${PANICS[Number(a.code)] ?? "unknown panic"}).`,
};

const PANICS: Record<number, string> = {
  0x01: "assertion failed",
  0x11: "arithmetic overflow or underflow",
  0x12: "division or modulo by zero",
  0x21: "invalid enum value",
  0x22: "bad storage byte array",
  0x31: "pop on empty array",
  0x32: "array index out of bounds",
  0x41: "out of memory",
  0x51: "call to an uninitialised function",
};
