/**
 * The security token's ERC-1404 restriction codes (README.md, "Security token"), by name. `0` is "no restriction".
 *
 * @example
 * ```ts
 * import { RestrictionCode, checkTransfer } from "@stokit/sdk";
 *
 * const check = await checkTransfer(provider, { token, from, to, amount: 10n });
 * if (check.code === RestrictionCode.ReceiverNotVerified) console.log("ask the receiver to finish KYC");
 * ```
 */
export const RestrictionCode = {
  None: 0,
  Paused: 1,
  TransfersDisabled: 2,
  SenderNotVerified: 3,
  ReceiverNotVerified: 4,
  SenderFrozen: 5,
  ReceiverFrozen: 6,
  ExceedsUnfrozenBalance: 7,
  SenderLockedUp: 8,
  ReceiverCountryNotAllowed: 9,
  ReceiverLacksClass: 10,
  MaxInvestorsReached: 11,
  MaxInvestorBalanceExceeded: 12,
  RejectedByHook: 13,
  SpenderNotAllowed: 14,
} as const;

/**
 * One of the 15 restriction codes (0..14).
 *
 * @example
 * ```ts
 * import { RestrictionCode, type RestrictionCodeValue } from "@stokit/sdk";
 * const code: RestrictionCodeValue = RestrictionCode.SenderFrozen; // 5
 * ```
 */
export type RestrictionCodeValue = (typeof RestrictionCode)[keyof typeof RestrictionCode];

/**
 * The name of a restriction code (`"ReceiverNotVerified"` for 4).
 *
 * @example
 * ```ts
 * import type { RestrictionName } from "@stokit/sdk";
 * const name: RestrictionName = "SenderLockedUp";
 * ```
 */
export type RestrictionName = keyof typeof RestrictionCode;

/**
 * The token's own text for each code (`messageForTransferRestriction`), pinned by tests against the contract.
 *
 * @example
 * ```ts
 * import { restrictionMessages } from "@stokit/sdk";
 * restrictionMessages[4]; // "Receiver is not verified"
 * ```
 */
export const restrictionMessages: Readonly<Record<RestrictionCodeValue, string>> = {
  0: "No restriction",
  1: "Transfers are paused",
  2: "Transfers are disabled",
  3: "Sender is not verified",
  4: "Receiver is not verified",
  5: "Sender is frozen",
  6: "Receiver is frozen",
  7: "Amount exceeds unfrozen balance",
  8: "Sender is locked up",
  9: "Receiver country not allowed",
  10: "Receiver lacks investor class",
  11: "Maximum investors reached",
  12: "Maximum investor balance exceeded",
  13: "Rejected by compliance hook",
  14: "Spender not allowed",
};

const EXPLANATIONS: Readonly<Record<RestrictionCodeValue, (p: RestrictionContext) => string>> = {
  0: (p) => `${p.from ?? "The sender"} may transfer ${p.value ?? "this amount"} to ${p.to ?? "the receiver"}.`,
  1: () => `Holder transfers of this token are paused by its pauser.`,
  2: () => `Holder transfers of this token are switched off by its compliance officer.`,
  3: (p) => `${p.from ?? "The sender"} is not a verified investor (unknown wallet, KYC expired or revoked).`,
  4: (p) => `${p.to ?? "The receiver"} is not a verified investor (unknown wallet, KYC expired or revoked).`,
  5: (p) => `${p.from ?? "The sender"} is frozen by the token's agent.`,
  6: (p) => `${p.to ?? "The receiver"} is frozen by the token's agent.`,
  7: (p) => `${p.value ?? "The amount"} exceeds the unfrozen part of ${p.from ?? "the sender"}'s balance.`,
  8: (p) => `${p.from ?? "The sender"}'s investor is still locked up.`,
  9: (p) => `${p.to ?? "The receiver"}'s country is not allowed for this token.`,
  10: (p) => `${p.to ?? "The receiver"} lacks an investor class this token requires.`,
  11: () => `The token's maximum number of investors is reached.`,
  12: (p) => `The transfer would take ${p.to ?? "the receiver"}'s investor above the maximum balance per investor.`,
  13: () => `The token's external compliance hook refused the transfer.`,
  14: () => `The spender is not a verified, unfrozen wallet, so it may not move investors' tokens.`,
};

type RestrictionContext = { from?: unknown; to?: unknown; value?: unknown };

/**
 * Whether `code` is one of the token's 15 restriction codes.
 *
 * @example
 * ```ts
 * import { isRestrictionCode } from "@stokit/sdk";
 * isRestrictionCode(4); // true
 * ```
 */
export function isRestrictionCode(code: unknown): code is RestrictionCodeValue {
  return typeof code === "number" && Number.isInteger(code) && code >= 0 && code <= 14;
}

/**
 * The name of a restriction code, e.g. `"ReceiverNotVerified"` for 4 (`"Unknown"` for other numbers).
 *
 * @example
 * ```ts
 * import { restrictionName } from "@stokit/sdk";
 * restrictionName(5); // "SenderFrozen"
 * ```
 */
export function restrictionName(code: number): RestrictionName | "Unknown" {
  const entry = Object.entries(RestrictionCode).find(([, v]) => v === code);
  return entry ? (entry[0] as RestrictionName) : "Unknown";
}

/**
 * A readable sentence for a restriction code, naming the parties when given.
 *
 * @example
 * ```ts
 * import { explainRestriction } from "@stokit/sdk";
 * explainRestriction(6, { to: "0xabc…" }); // "0xabc… is frozen by the token's agent."
 * ```
 */
export function explainRestriction(code: number, context: RestrictionContext = {}): string {
  return isRestrictionCode(code) ? EXPLANATIONS[code](context) : `Unknown restriction code ${code}.`;
}
