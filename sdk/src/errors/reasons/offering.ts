import { restrictionName } from "../../actions/token/restrictions.js";
import { at, type RevertReasonFormatter } from "./format.js";

const OFFERING_PHASE = ["Upcoming", "Open", "Closed", "Succeeded", "Failed", "Cancelled"] as const;
const OFFERING_STATUS = ["Active", "Succeeded", "Failed", "Cancelled"] as const;

/** @internal Sentences for the offering's errors. */
export const offeringReasons: Readonly<Record<string, RevertReasonFormatter>> = {
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
};

/** @internal Sentences for the offering constructor's refusals (loaded with `deployOffering`). */
export const offeringDeployReasons: Readonly<Record<string, RevertReasonFormatter>> = {
  OfferingZeroAddress: (a) => `The ${a.field} address is zero.`,
  OfferingInvalidPrice: (a) => `The price is zero (${a.price}).`,
  OfferingInvalidWindow: (a) =>
    `The subscription window is empty or reversed: it must start (${at(a.startTime)}) before it ends (${at(a.endTime)}).`,
  OfferingInvalidLimits: (a) =>
    `The per-investor limits are zero or reversed (minimum ${a.minSubscription}, maximum ${a.maxSubscription}).`,
  OfferingInvalidCaps: (a) => `The hard cap ${a.hardCap} is zero or below the soft cap ${a.softCap}.`,
  OfferingInvalidLockup: (a) =>
    `The lock-up must end (${at(a.lockupEnd)}) no earlier than the offering (${at(a.endTime)}).`,
  OfferingInvalidPaymentDecimals: (a) => `The payment token has ${a.decimals} decimals; at most 18 are supported.`,
  OfferingInvalidOracle: (a) => `The oracle ${a.oracle} and its asset ${a.oracleAsset} must be both set or both zero.`,
};
