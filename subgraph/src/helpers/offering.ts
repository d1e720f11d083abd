// Offering domain logic. The handlers in ../offering.ts only delegate here. Every figure comes from the events: no
// eth_call (the terms of a factory offering come from `OfferingCreated`, see ../factory.ts; a hand-deployed offering
// emits none).
import { Address, BigInt, ByteArray, Bytes, ethereum } from "@graphprotocol/graph-ts";

import {
  Offering,
  OfferingDailySnapshot,
  OfferingEvent,
  OfferingInvestorSlot,
  OfferingSubscription,
} from "../../generated/schema";
import { SECONDS_PER_DAY, ZERO, dayOf, eventId } from "./common";
import { loadToken } from "./entities";
import { recordIpRaised } from "./platform";

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
    offering.allocationRefusedCount = 0;
    offering.refusedTokens = ZERO;
    offering.stableEscrow = ZERO;
    offering.nativeEscrow = ZERO;
    offering.reservedSlots = 0;
    offering.treasuryChangeCount = 0;
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
    sub.stableAmount = ZERO;
    sub.nativeAmount = ZERO;
    sub.depositCount = 0;
    sub.cancelled = false;
    sub.settled = false;
    sub.tokens = ZERO;
    sub.stableCharged = ZERO;
    sub.nativeCharged = ZERO;
    sub.stableRefund = ZERO;
    sub.nativeRefund = ZERO;
    sub.allocationRefused = false;
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
  // A native deposit names the zero address as its asset; every other deposit is in the payment token.
  if (asset.equals(Address.zero())) {
    sub.nativeAmount = sub.nativeAmount.plus(amount);
    offering.nativeEscrow = offering.nativeEscrow.plus(amount);
  } else {
    sub.stableAmount = sub.stableAmount.plus(amount);
    offering.stableEscrow = offering.stableEscrow.plus(amount);
  }
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
  sub.stableAmount = sub.stableAmount.minus(stableAmount);
  sub.nativeAmount = sub.nativeAmount.minus(nativeAmount);
  sub.cancelled = true;
  sub.save();
  offering.totalValue = totalValue;
  offering.stableEscrow = offering.stableEscrow.minus(stableAmount);
  offering.nativeEscrow = offering.nativeEscrow.minus(nativeAmount);
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
  // The deposit leaves the escrow: what is charged becomes proceeds, the rest is refunded.
  offering.stableEscrow = offering.stableEscrow.minus(stableCharged.plus(stableRefund));
  offering.nativeEscrow = offering.nativeEscrow.minus(nativeCharged.plus(nativeRefund));
  offering.stableCharged = offering.stableCharged.plus(stableCharged);
  offering.nativeCharged = offering.nativeCharged.plus(nativeCharged);
  offering.stableRefunded = offering.stableRefunded.plus(stableRefund);
  offering.nativeRefunded = offering.nativeRefunded.plus(nativeRefund);
  offering.save();
  const ipToken = offering.token;
  if (ipToken !== null) recordIpRaised(loadToken(ipToken), stableCharged, event);
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

/** A whole deposit refunded: `code` 0 after a failed or cancelled offering (`Refunded`), else the restriction code of
 * the mint of `tokens` the token refused after success (`AllocationRefused`). */
function recordFullRefund(
  event: ethereum.Event,
  investor: Address,
  caller: Address,
  refundRecipient: Address,
  code: i32,
  tokens: BigInt,
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
  if (code != 0) {
    sub.allocationRefused = true;
    sub.restrictionCode = code;
    sub.refusedTokens = tokens;
  }
  sub.save();
  if (code != 0) {
    offering.allocationRefusedCount += 1;
    offering.refusedTokens = offering.refusedTokens.plus(tokens);
  } else {
    offering.refundCount += 1;
  }
  offering.stableRefunded = offering.stableRefunded.plus(stableAmount);
  offering.nativeRefunded = offering.nativeRefunded.plus(nativeAmount);
  offering.stableEscrow = offering.stableEscrow.minus(stableAmount);
  offering.nativeEscrow = offering.nativeEscrow.minus(nativeAmount);
  offering.save();
  const record = newOfferingEvent(event, code != 0 ? "ALLOCATION_REFUSED" : "REFUNDED", investor);
  record.stableAmount = stableAmount;
  record.nativeAmount = nativeAmount;
  record.refundRecipient = refundRecipient;
  record.actor = caller;
  if (code != 0) {
    record.restrictionCode = code;
    record.tokens = tokens;
  }
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
  recordFullRefund(event, investor, caller, refundRecipient, 0, ZERO, stableAmount, nativeAmount);
}

export function recordAllocationRefused(
  event: ethereum.Event,
  investor: Address,
  caller: Address,
  refundRecipient: Address,
  code: i32,
  tokens: BigInt,
  stableAmount: BigInt,
  nativeAmount: BigInt,
): void {
  if (code == 0) throw new Error("AllocationRefused without a restriction code");
  recordFullRefund(event, investor, caller, refundRecipient, code, tokens, stableAmount, nativeAmount);
}

export function recordSuccessorFollowed(event: ethereum.Event, investor: Address, wallet: Address): void {
  const offering = loadOffering(event.address);
  const sub = loadSubscription(offering.id, investor);
  sub.settlementWallet = wallet;
  sub.save();
  const record = newOfferingEvent(event, "SUCCESSOR_FOLLOWED", investor);
  record.wallet = wallet;
  record.save();
}

/** Offering address ++ investor key as 8 little-endian bytes. */
function slotId(offering: Bytes, investorKey: BigInt): Bytes {
  return offering.concat(Bytes.fromByteArray(ByteArray.fromU64(investorKey.toU64())));
}

export function recordInvestorSlot(
  event: ethereum.Event,
  wallet: Address,
  investorKey: BigInt,
  reservedSlots: BigInt,
  reserved: boolean,
): void {
  const offering = loadOffering(event.address);
  offering.reservedSlots = reservedSlots.toI32();
  offering.save();
  const id = slotId(offering.id, investorKey);
  let slot = OfferingInvestorSlot.load(id);
  if (slot == null) {
    slot = new OfferingInvestorSlot(id);
    slot.offering = offering.id;
    slot.investorKey = investorKey;
    slot.reserveCount = 0;
  }
  slot.reserved = reserved;
  if (reserved) {
    slot.reservedBy = wallet;
    slot.reserveCount += 1;
    slot.reservedAtTimestamp = event.block.timestamp;
  } else {
    slot.releasedBy = wallet;
    slot.releasedAtTimestamp = event.block.timestamp;
  }
  slot.save();
  const record = newOfferingEvent(event, reserved ? "SLOT_RESERVED" : "SLOT_RELEASED", wallet);
  record.investorKey = investorKey;
  record.reservedSlots = offering.reservedSlots;
  record.save();
}

export function recordTreasuryUpdated(
  event: ethereum.Event,
  previousTreasury: Address,
  newTreasury: Address,
  by: Address,
): void {
  const offering = loadOffering(event.address);
  offering.treasury = newTreasury;
  offering.treasuryChangeCount += 1;
  offering.save();
  const record = newOfferingEvent(event, "TREASURY_UPDATED", newTreasury);
  record.previousTreasury = previousTreasury;
  record.actor = by;
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
  offering.treasury = treasury;
  offering.save();
  const record = newOfferingEvent(event, "PROCEEDS_WITHDRAWN", treasury);
  record.stableAmount = stableAmount;
  record.nativeAmount = nativeAmount;
  record.save();
}
