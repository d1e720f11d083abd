// Offering domain logic. The handlers in ../offering.ts only delegate here. Every figure comes from the events: no
// eth_call (the terms are not emitted; see the README).
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";

import { Offering, OfferingDailySnapshot, OfferingEvent, OfferingSubscription } from "../../generated/schema";
import { SECONDS_PER_DAY, ZERO, dayOf, eventId } from "./common";

/** `IOffering.Status` values, by their uint8. */
const STATUS = ["ACTIVE", "SUCCEEDED", "FAILED", "CANCELLED"];

export function loadOffering(address: Address): Offering {
  let offering = Offering.load(address);
  if (offering == null) {
    offering = new Offering(address);
    offering.status = "ACTIVE";
    offering.totalValue = ZERO;
    offering.subscriberCount = 0;
    offering.subscribeCount = 0;
    offering.cancelCount = 0;
    offering.totalTokensMinted = ZERO;
    offering.claimCount = 0;
    offering.refundCount = 0;
    offering.deferredCount = 0;
    offering.stableCharged = ZERO;
    offering.nativeCharged = ZERO;
    offering.stableRefunded = ZERO;
    offering.nativeRefunded = ZERO;
    offering.stableWithdrawn = ZERO;
    offering.nativeWithdrawn = ZERO;
  }
  return offering;
}

export function loadSubscription(offering: Bytes, investor: Address): OfferingSubscription {
  const id = offering.concat(investor);
  let sub = OfferingSubscription.load(id);
  if (sub == null) {
    sub = new OfferingSubscription(id);
    sub.offering = offering;
    sub.investor = investor;
    sub.value = ZERO;
    sub.depositCount = 0;
    sub.cancelled = false;
    sub.settled = false;
    sub.tokens = ZERO;
    sub.stableCharged = ZERO;
    sub.nativeCharged = ZERO;
    sub.stableRefund = ZERO;
    sub.nativeRefund = ZERO;
  }
  return sub;
}

function loadDay(offering: Offering, event: ethereum.Event): OfferingDailySnapshot {
  const day = dayOf(event);
  const id = offering.id.concatI32(day);
  let snapshot = OfferingDailySnapshot.load(id);
  if (snapshot == null) {
    snapshot = new OfferingDailySnapshot(id);
    snapshot.offering = offering.id;
    snapshot.day = day;
    snapshot.timestamp = BigInt.fromI32(day).times(BigInt.fromI32(SECONDS_PER_DAY));
    snapshot.dailyDeposits = 0;
    snapshot.dailyDepositedValue = ZERO;
    snapshot.dailyCancelledValue = ZERO;
    snapshot.dailyTokensMinted = ZERO;
  }
  snapshot.totalValue = offering.totalValue;
  return snapshot;
}

export function newOfferingEvent(event: ethereum.Event, kind: string, account: Address | null): OfferingEvent {
  const record = new OfferingEvent(eventId(event));
  record.offering = event.address;
  record.kind = kind;
  if (account !== null) record.account = account;
  record.actor = event.transaction.from;
  record.blockNumber = event.block.number;
  record.blockTimestamp = event.block.timestamp;
  record.transactionHash = event.transaction.hash;
  return record;
}

export function recordSubscribed(
  event: ethereum.Event,
  investor: Address,
  asset: Address,
  amount: BigInt,
  value: BigInt,
  investorValue: BigInt,
  totalValue: BigInt,
): void {
  const offering = loadOffering(event.address);
  const sub = loadSubscription(offering.id, investor);
  if (sub.value.isZero() && !investorValue.isZero()) offering.subscriberCount += 1;
  sub.value = investorValue;
  sub.depositCount += 1;
  sub.cancelled = false;
  sub.save();
  offering.totalValue = totalValue;
  offering.subscribeCount += 1;
  offering.save();
  const day = loadDay(offering, event);
  day.dailyDeposits += 1;
  day.dailyDepositedValue = day.dailyDepositedValue.plus(value);
  day.save();
  const record = newOfferingEvent(event, "SUBSCRIBED", investor);
  record.asset = asset;
  record.amount = amount;
  record.value = value;
  record.investorValue = investorValue;
  record.totalValue = totalValue;
  record.save();
}

export function recordSubscriptionCancelled(
  event: ethereum.Event,
  investor: Address,
  stableAmount: BigInt,
  nativeAmount: BigInt,
  value: BigInt,
  totalValue: BigInt,
): void {
  const offering = loadOffering(event.address);
  const sub = loadSubscription(offering.id, investor);
  if (!sub.value.isZero()) offering.subscriberCount -= 1;
  sub.value = ZERO;
  sub.cancelled = true;
  sub.save();
  offering.totalValue = totalValue;
  offering.cancelCount += 1;
  offering.save();
  const day = loadDay(offering, event);
  day.dailyCancelledValue = day.dailyCancelledValue.plus(value);
  day.save();
  const record = newOfferingEvent(event, "SUBSCRIPTION_CANCELLED", investor);
  record.stableAmount = stableAmount;
  record.nativeAmount = nativeAmount;
  record.value = value;
  record.totalValue = totalValue;
  record.save();
}

export function recordFinalised(
  event: ethereum.Event,
  status: i32,
  totalValue: BigInt,
  demandedTokens: BigInt,
  tokensForSale: BigInt,
  oversubscribed: boolean,
): void {
  if (status < 0 || status >= STATUS.length) throw new Error("unknown offering status " + status.toString());
  const offering = loadOffering(event.address);
  offering.status = STATUS[status];
  offering.totalValue = totalValue;
  offering.demandedTokens = demandedTokens;
  offering.tokensForSale = tokensForSale;
  offering.oversubscribed = oversubscribed;
  offering.closedAtTimestamp = event.block.timestamp;
  offering.save();
  const record = newOfferingEvent(event, "FINALISED", null);
  record.totalValue = totalValue;
  record.tokens = demandedTokens;
  record.save();
}

export function recordOfferingCancelled(event: ethereum.Event, by: Address, totalValue: BigInt): void {
  const offering = loadOffering(event.address);
  offering.status = "CANCELLED";
  offering.closedAtTimestamp = event.block.timestamp;
  offering.save();
  const record = newOfferingEvent(event, "CANCELLED", by);
  record.totalValue = totalValue;
  record.actor = by;
  record.save();
}

export function recordClaimed(
  event: ethereum.Event,
  investor: Address,
  caller: Address,
  refundRecipient: Address,
  tokens: BigInt,
  stableCharged: BigInt,
  nativeCharged: BigInt,
  stableRefund: BigInt,
  nativeRefund: BigInt,
  totalTokensMinted: BigInt,
): void {
  const offering = loadOffering(event.address);
  const sub = loadSubscription(offering.id, investor);
  if (!sub.value.isZero()) offering.subscriberCount -= 1;
  sub.settled = true;
  sub.tokens = tokens;
  sub.stableCharged = stableCharged;
  sub.nativeCharged = nativeCharged;
  sub.stableRefund = stableRefund;
  sub.nativeRefund = nativeRefund;
  sub.refundRecipient = refundRecipient;
  sub.save();
  offering.totalTokensMinted = totalTokensMinted;
  offering.claimCount += 1;
  offering.stableCharged = offering.stableCharged.plus(stableCharged);
  offering.nativeCharged = offering.nativeCharged.plus(nativeCharged);
  offering.stableRefunded = offering.stableRefunded.plus(stableRefund);
  offering.nativeRefunded = offering.nativeRefunded.plus(nativeRefund);
  offering.save();
  const day = loadDay(offering, event);
  day.dailyTokensMinted = day.dailyTokensMinted.plus(tokens);
  day.save();
  const record = newOfferingEvent(event, "CLAIMED", investor);
  record.tokens = tokens;
  record.stableAmount = stableCharged;
  record.nativeAmount = nativeCharged;
  record.stableRefund = stableRefund;
  record.nativeRefund = nativeRefund;
  record.refundRecipient = refundRecipient;
  record.actor = caller;
  record.save();
}

export function recordRefunded(
  event: ethereum.Event,
  investor: Address,
  caller: Address,
  refundRecipient: Address,
  stableAmount: BigInt,
  nativeAmount: BigInt,
): void {
  const offering = loadOffering(event.address);
  const sub = loadSubscription(offering.id, investor);
  if (!sub.value.isZero()) offering.subscriberCount -= 1;
  sub.settled = true;
  sub.stableRefund = stableAmount;
  sub.nativeRefund = nativeAmount;
  sub.refundRecipient = refundRecipient;
  sub.save();
  offering.refundCount += 1;
  offering.stableRefunded = offering.stableRefunded.plus(stableAmount);
  offering.nativeRefunded = offering.nativeRefunded.plus(nativeAmount);
  offering.save();
  const record = newOfferingEvent(event, "REFUNDED", investor);
  record.stableAmount = stableAmount;
  record.nativeAmount = nativeAmount;
  record.refundRecipient = refundRecipient;
  record.actor = caller;
  record.save();
}

export function recordSettlementDeferred(event: ethereum.Event, investor: Address, reason: Bytes): void {
  const offering = loadOffering(event.address);
  offering.deferredCount += 1;
  offering.save();
  const record = newOfferingEvent(event, "SETTLEMENT_DEFERRED", investor);
  record.reason = reason;
  record.save();
}

export function recordProceedsWithdrawn(
  event: ethereum.Event,
  treasury: Address,
  stableAmount: BigInt,
  nativeAmount: BigInt,
  totalStable: BigInt,
  totalNative: BigInt,
): void {
  const offering = loadOffering(event.address);
  offering.stableWithdrawn = totalStable;
  offering.nativeWithdrawn = totalNative;
  offering.save();
  const record = newOfferingEvent(event, "PROCEEDS_WITHDRAWN", treasury);
  record.stableAmount = stableAmount;
  record.nativeAmount = nativeAmount;
  record.save();
}
