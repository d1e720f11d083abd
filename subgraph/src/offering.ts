// Offering event handlers (subgraph.yaml). Thin: each delegates to helpers/offering.ts.
import {
  AllocationRefused,
  Claimed,
  Finalised,
  InvestorSlotReleased,
  InvestorSlotReserved,
  OfferingCancelled,
  ProceedsWithdrawn,
  Refunded,
  SettlementDeferred,
  Subscribed,
  SubscriptionCancelled,
  SuccessorFollowed,
  TreasuryUpdated,
} from "../generated/Offering/Offering";
import {
  recordAllocationRefused,
  recordClaimed,
  recordFinalised,
  recordInvestorSlot,
  recordOfferingCancelled,
  recordProceedsWithdrawn,
  recordRefunded,
  recordSettlementDeferred,
  recordSubscribed,
  recordSubscriptionCancelled,
  recordSuccessorFollowed,
  recordTreasuryUpdated,
} from "./helpers/offering";

export function handleSubscribed(event: Subscribed): void {
  const p = event.params;
  recordSubscribed(event, p.investor, p.asset, p.amount, p.value, p.investorValue, p.totalValue);
}

export function handleSubscriptionCancelled(event: SubscriptionCancelled): void {
  const p = event.params;
  recordSubscriptionCancelled(event, p.investor, p.stableAmount, p.nativeAmount, p.value, p.totalValue);
}

export function handleFinalised(event: Finalised): void {
  const p = event.params;
  recordFinalised(event, p.status, p.totalValue, p.demandedTokens, p.tokensForSale, p.oversubscribed);
}

export function handleOfferingCancelled(event: OfferingCancelled): void {
  recordOfferingCancelled(event, event.params.by, event.params.totalValue);
}

export function handleOfferingClaimed(event: Claimed): void {
  const p = event.params;
  recordClaimed(
    event,
    p.investor,
    p.caller,
    p.refundRecipient,
    p.tokens,
    p.stableCharged,
    p.nativeCharged,
    p.stableRefund,
    p.nativeRefund,
    p.totalTokensMinted,
  );
}

export function handleRefunded(event: Refunded): void {
  const p = event.params;
  recordRefunded(event, p.investor, p.caller, p.refundRecipient, p.stableAmount, p.nativeAmount);
}

export function handleSettlementDeferred(event: SettlementDeferred): void {
  recordSettlementDeferred(event, event.params.investor, event.params.reason);
}

export function handleProceedsWithdrawn(event: ProceedsWithdrawn): void {
  const p = event.params;
  recordProceedsWithdrawn(
    event,
    p.treasury,
    p.stableAmount,
    p.nativeAmount,
    p.totalStableWithdrawn,
    p.totalNativeWithdrawn,
  );
}

export function handleAllocationRefused(event: AllocationRefused): void {
  const p = event.params;
  recordAllocationRefused(
    event,
    p.investor,
    p.caller,
    p.refundRecipient,
    p.restrictionCode,
    p.tokens,
    p.stableAmount,
    p.nativeAmount,
  );
}

export function handleSuccessorFollowed(event: SuccessorFollowed): void {
  recordSuccessorFollowed(event, event.params.investor, event.params.wallet);
}

export function handleInvestorSlotReserved(event: InvestorSlotReserved): void {
  const p = event.params;
  recordInvestorSlot(event, p.wallet, p.investorKey, p.reservedSlots, true);
}

export function handleInvestorSlotReleased(event: InvestorSlotReleased): void {
  const p = event.params;
  recordInvestorSlot(event, p.wallet, p.investorKey, p.reservedSlots, false);
}

export function handleTreasuryUpdated(event: TreasuryUpdated): void {
  const p = event.params;
  recordTreasuryUpdated(event, p.previousTreasury, p.newTreasury, p.by);
}
