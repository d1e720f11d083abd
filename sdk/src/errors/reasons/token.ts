import { explainRestriction, restrictionName } from "../../actions/token/restrictions.js";
import { type RevertReasonFormatter } from "./format.js";

/** @internal Sentences for the security token's errors (ERC-7943 included). */
export const tokenReasons: Readonly<Record<string, RevertReasonFormatter>> = {
  SecurityTokenRestricted: (a) =>
    `Transfer refused with restriction ${a.code} (${restrictionName(Number(a.code))}): ${explainRestriction(Number(a.code), a)}`,
  ERC7943InsufficientUnfrozenBalance: (a) =>
    `${a.account} may move only its unfrozen balance ${a.unfrozen}, less than the ${a.amount} asked (restriction 7, ExceedsUnfrozenBalance).`,
  ERC7943CannotSend: (a) => `${a.account} may not send tokens.`,
  ERC7943CannotReceive: (a) => `${a.account} may not receive tokens.`,
  ERC7943CannotTransfer: (a) => `${a.from} may not transfer ${a.amount} to ${a.to}.`,
  SecurityTokenUnknownInvestor: (a) => `${a.account} is not linked to an investor in the identity registry.`,
  SecurityTokenRecoveryMismatch: (a) =>
    `${a.newWallet} is not a verified wallet of the same investor as ${a.lostWallet}; link it first.`,
  SecurityTokenWalletHoldsBalance: (a) => `${a.wallet} still holds a balance of ${a.balance}.`,
  SecurityTokenHookWithoutCode: (a) => `The compliance hook ${a.hook} has no code.`,
  SecurityTokenOperatorWithoutCode: (a) =>
    `The trusted operator ${a.operator} has no code; only contracts are trusted.`,
  SecurityTokenArrayLengthMismatch: (a) => `The lists have different lengths (${a.a} and ${a.b}).`,
};
