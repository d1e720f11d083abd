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
