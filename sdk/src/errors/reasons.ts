/**
 * Readable sentences for the suite's custom errors, keyed by error name. Each area adds its errors here as it
 * lands; an error without an entry still decodes (name and arguments) with a generic sentence.
 */
export type RevertReasonFormatter = (args: Readonly<Record<string, unknown>>) => string;

import { explainRestriction, restrictionName } from "../actions/token/restrictions.js";

const STATUS = ["None", "Active", "Cancelled", "Reclaimed"] as const;
const ORACLE_REASONS = [
  "None",
  "UnknownAsset",
  "AwaitingFirstPrice",
  "FeedCallFailed",
  "NonPositiveAnswer",
  "IncompleteRound",
  "FutureTimestamp",
  "StaleRound",
  "StalePrice",
  "BelowMinPrice",
  "AboveMaxPrice",
  "DeviationExceeded",
  "NoFallback",
  "NoReferencePrice",
  "SequencerDown",
  "SequencerGracePeriod",
  "ManualTrip",
] as const;
const ORACLE_STATUS = ["Unset", "Active", "UsingFallback", "Tripped", "Frozen", "SequencerDown"] as const;
const OFFERING_PHASE = ["Upcoming", "Open", "Closed", "Succeeded", "Failed", "Cancelled"] as const;
const OFFERING_STATUS = ["Active", "Succeeded", "Failed", "Cancelled"] as const;
const oracleReason = (v: unknown) => ORACLE_REASONS[Number(v)] ?? `reason ${v}`;

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
  // ----- token -----
  SecurityTokenRestricted: (a) =>
    `Transfer refused with restriction ${a.code} (${restrictionName(Number(a.code))}): ${explainRestriction(Number(a.code), a)}`,
  ERC7943InsufficientUnfrozenBalance: (a) =>
    `${a.account} may move only ${a.unfrozen} unfrozen tokens, less than the ${a.amount} asked (restriction 7, ExceedsUnfrozenBalance).`,
  ERC7943CannotSend: (a) => `${a.account} may not send tokens.`,
  ERC7943CannotReceive: (a) => `${a.account} may not receive tokens.`,
  ERC7943CannotTransfer: (a) => `${a.from} may not transfer ${a.amount} to ${a.to}.`,
  SecurityTokenUnknownInvestor: (a) => `${a.account} is not linked to an investor in the identity registry.`,
  SecurityTokenRecoveryMismatch: (a) =>
    `${a.newWallet} is not a verified wallet of the same investor as ${a.lostWallet}; link it first.`,
  SecurityTokenWalletHoldsBalance: (a) => `${a.wallet} still holds ${a.balance} tokens.`,
  SecurityTokenHookWithoutCode: (a) => `The compliance hook ${a.hook} has no code.`,
  SecurityTokenOperatorWithoutCode: (a) =>
    `The trusted operator ${a.operator} has no code; only contracts are trusted.`,
  SecurityTokenArrayLengthMismatch: (a) => `The lists have different lengths (${a.a} and ${a.b}).`,
  // ----- secondary market -----
  MarketInvalidSignature: (a) =>
    `Order ${a.orderHash} is not signed by its maker ${a.maker} for this market and chain.`,
  MarketOrderCancelled: (a) => `Order ${a.orderHash} was cancelled by its maker.`,
  MarketOrderExpired: (a) => `Order ${a.orderHash} expired at ${at(a.expiry)}.`,
  MarketOverfill: (a) => `Order ${a.orderHash} has ${a.remaining} token units left; ${a.amount} were asked.`,
  MarketZeroAmount: (a) => `Order ${a.orderHash}: the amount filled or the order's price is zero.`,
  MarketSelfTrade: (a) => `${a.account} cannot trade with itself.`,
  MarketOrdersMismatch: (a) =>
    `Orders ${a.buyOrderHash} and ${a.sellOrderHash} are not a buy and a sell of the same token for the same payment token.`,
  MarketNotCrossed: (a) =>
    `The buyer would pay ${a.payment} (fee included), above its limit of ${a.maxPayment}: orders ${a.buyOrderHash} and ${a.sellOrderHash} do not cross.`,
  MarketNotMaker: (a) => `Only the maker cancels order ${a.orderHash}; ${a.caller} is not it.`,
  MarketNonceNotIncreasing: (a) =>
    `The nonce floor is ${a.current}; a new floor must be above it (${a.requested} given).`,
  MarketInvalidFee: (a) =>
    `A fee of ${a.feeBps} bps to ${a.feeWallet} is refused: at most ${a.maxBps} bps, and a wallet when the fee is not zero.`,
  // ----- identity -----
  IdentityRegistryInvalidInvestorId: () => `The investor id is zero.`,
  IdentityRegistryZeroAddress: () => `A zero address was given where an address is required.`,
  IdentityRegistryInvalidCountry: (a) => `Country ${a.country} is not an ISO 3166-1 numeric code (1..999).`,
  IdentityRegistryUnknownInvestor: (a) => `Investor ${a.investorId} is not registered.`,
  IdentityRegistryInvestorRevoked: (a) => `Investor ${a.investorId} is revoked.`,
  IdentityRegistryStaleAttestation: (a) =>
    `The attestation for investor ${a.investorId} was issued at ${at(a.issuedAt)}, before the investor's current decision (${at(a.decidedAt)}); ask the provider for a fresh one.`,
  IdentityRegistryAttestationFromFuture: (a) =>
    `The attestation's issue time ${at(a.issuedAt)} is after the block time ${at(a.timestamp)}.`,
  IdentityRegistryWalletHoldsBalance: (a) =>
    `${a.wallet} holds ${a.balance} units of the detached token ${a.token}; it cannot change investor.`,
  IdentityRegistryTokenHasSupply: (a) =>
    `The token ${a.token} already has a supply of ${a.supply}; only a token without supply can be bound the first time.`,
  IdentityRegistryWalletAlreadyLinked: (a) => `${a.wallet} is already linked to investor ${a.investorId}.`,
  IdentityRegistryWalletNotLinked: (a) => `${a.wallet} is not linked to an investor.`,
  IdentityRegistryTooManyWallets: (a) => `Investor ${a.investorId} already has the maximum of ${a.max} wallets.`,
  IdentityRegistryAttestationExpired: (a) =>
    `The KYC attestation expired at ${at(a.deadline)} (block time ${at(a.timestamp)}).`,
  IdentityRegistryUntrustedProvider: (a) =>
    `The attestation was signed by ${a.signer}, which is not a trusted KYC provider (wrong key, chain, registry or tampered field).`,
  IdentityRegistryNonceUsed: (a) => `Nonce ${a.nonce} of provider ${a.provider} was already used or cancelled.`,
  // ----- points -----
  PointsUnknownProgram: (a) => `Points program ${a.programId} does not exist.`,
  PointsProgramPaused: (a) => `Points program ${a.programId} is paused.`,
  PointsProgramEnded: (a) => `Points program ${a.programId} ended at ${at(a.endsAt)}.`,
  PointsNoNft: (a) => `${a.account} holds no NFT of the collection that gates program ${a.programId}.`,
  PointsRefIdUsed: (a) => `Reference id ${a.refId} was already used.`,
  PointsRefIdNotOwned: (a) => `Reference id ${a.refId} is not in ${a.account}'s own range.`,
  PointsZeroAmount: () => `The amount of points is zero.`,
  PointsInvalidAccount: (a) => `${a.account} cannot hold points.`,
  PointsInsufficientBalance: (a) =>
    `${a.account} has ${a.balance} points in program ${a.programId}, less than the ${a.needed} needed.`,
  PointsVoucherExpired: (a) => `The voucher expired at ${at(a.deadline)} (block time ${at(a.timestamp)}).`,
  PointsVoucherInvalidSigner: (a) =>
    `The voucher's signer ${a.signer} does not hold the issuer role (wrong key, program, chain or tampered field).`,
  PointsAuthorizationExpired: (a) => `The spend authorisation expired at ${at(a.deadline)}.`,
  // ----- oracle -----
  OracleUnknownAsset: (a) => `The oracle has no configuration for asset ${a.asset}.`,
  OracleNoPrice: (a) => `The oracle has no accepted price yet for asset ${a.asset}.`,
  OracleAssetTripped: (a) =>
    `The circuit breaker for ${a.asset} is tripped (${oracleReason(a.reason)}): last good price ${a.lastPrice}, rejected ${a.rejectedPrice}.`,
  OracleAssetFrozen: (a) =>
    `The oracle for ${a.asset} is frozen: primary feed ${oracleReason(a.primaryReason)}, fallback ${oracleReason(a.fallbackReason)}.`,
  OracleStalePrice: (a) =>
    `The price of ${a.asset} dates from ${at(a.updatedAt)}, older than its heartbeat of ${a.heartbeat} s at ${at(a.timestamp)}.`,
  OracleSequencerDown: (a) => `The L2 sequencer (feed ${a.feed}) is down; prices are not trusted.`,
  OracleSequencerGracePeriod: (a) =>
    `The L2 sequencer is back up since ${at(a.upSince)}; prices are trusted again after ${at(a.graceEndsAt)}.`,
  OracleNoValidPrice: (a) =>
    `No valid price for ${a.asset}: primary ${oracleReason(a.primaryReason)}, fallback ${oracleReason(a.fallbackReason)}.`,
  OracleAlreadyTripped: (a) => `The breaker for ${a.asset} is already tripped.`,
  OracleResetNotNeeded: (a) =>
    `The breaker for ${a.asset} is ${ORACLE_STATUS[Number(a.status)] ?? a.status}; nothing to reset.`,
  // ----- offering -----
  OfferingNotOpen: (a) =>
    `The offering is not open for subscriptions (phase ${OFFERING_PHASE[Number(a.phase)] ?? a.phase}).`,
  OfferingNotActive: (a) => `The offering is ${OFFERING_STATUS[Number(a.status)] ?? a.status}, no longer active.`,
  OfferingNotEnded: (a) => `The offering ends at ${at(a.endTime)}; block time is ${at(a.timestamp)}.`,
  OfferingNotSettleable: (a) =>
    `The offering is ${OFFERING_STATUS[Number(a.status)] ?? a.status}: it is not finalised yet, so nothing can be claimed.`,
  OfferingZeroAmount: () => `The subscription amount is zero.`,
  OfferingBelowMinimum: (a) =>
    `${a.investor}'s subscription of ${a.investorValue} is below the minimum of ${a.minSubscription}.`,
  OfferingAboveMaximum: (a) =>
    `${a.investor}'s subscription of ${a.investorValue} is above the maximum of ${a.maxSubscription}.`,
  OfferingInvestorRestricted: (a) =>
    `${a.investor} cannot receive the token (restriction ${a.restrictionCode}, ${restrictionName(Number(a.restrictionCode))}: ${a.message}).`,
  OfferingNoSubscription: (a) => `${a.investor} has no open subscription in this offering.`,
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
