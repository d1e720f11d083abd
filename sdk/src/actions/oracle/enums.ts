// The breaker's enums by name, in declaration order (IOracleCircuitBreaker.Status and .Reason): one list, read by the
// oracle actions and by the oracle error sentences.

/**
 * Breaker status (`IOracleCircuitBreaker.Status`) by name.
 *
 * @example
 * ```ts
 * import type { OracleStatus } from "@stokit/sdk";
 * const s: OracleStatus = "Tripped";
 * ```
 */
export type OracleStatus = "Unset" | "Active" | "UsingFallback" | "Tripped" | "Frozen" | "SequencerDown";
/** @internal */
export const ORACLE_STATUSES: readonly OracleStatus[] = [
  "Unset",
  "Active",
  "UsingFallback",
  "Tripped",
  "Frozen",
  "SequencerDown",
];

/**
 * Why the breaker is in its status (`IOracleCircuitBreaker.Reason`) by name.
 *
 * @example
 * ```ts
 * import type { OracleReason } from "@stokit/sdk";
 * const r: OracleReason = "DeviationExceeded";
 * ```
 */
export type OracleReason =
  | "None"
  | "UnknownAsset"
  | "AwaitingFirstPrice"
  | "FeedCallFailed"
  | "NonPositiveAnswer"
  | "IncompleteRound"
  | "FutureTimestamp"
  | "StaleRound"
  | "StalePrice"
  | "BelowMinPrice"
  | "AboveMaxPrice"
  | "DeviationExceeded"
  | "NoFallback"
  | "NoReferencePrice"
  | "SequencerDown"
  | "SequencerGracePeriod"
  | "ManualTrip"
  | "OutOfOrderRound"
  | "CumulativeDeviationExceeded"
  | "PinLifted";
/** @internal */
export const ORACLE_REASONS: readonly OracleReason[] = [
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
  "OutOfOrderRound",
  "CumulativeDeviationExceeded",
  "PinLifted",
];
