// Dividend domain logic, one function per DividendDistributor event. The handlers in ../dividends.ts only delegate
// here. Every figure comes from the event itself: no eth_call.
import { Address, Bytes, ethereum } from "@graphprotocol/graph-ts";

import {
  ClaimSkipped,
  Claimed,
  DistributionCancelled,
  DistributionCreated,
  EntitlementHeld,
  Reclaimed,
  RemainderRecipientSet,
  TaxWalletSet,
  WithholdingRateSet,
} from "../../generated/DividendDistributor/DividendDistributor";
import {
  Claim,
  ClaimSkip,
  Distribution,
  DistributionCancellation,
  DistributionReclaim,
  HeldEntitlement,
  RemainderRecipientChange,
  TaxWalletChange,
  WithholdingRateChange,
} from "../../generated/schema";
import { ZERO, eventId } from "./common";
import {
  closeDailySnapshot,
  distributionId,
  loadAccount,
  loadDailySnapshot,
  loadDistributor,
  loadPayoutToken,
  loadToken,
  requireDistribution,
  updateUnclaimed,
} from "./entities";
import { recordDividendPaid } from "./platform";

export const STATUS_ACTIVE = "ACTIVE";
export const STATUS_CANCELLED = "CANCELLED";
export const STATUS_RECLAIMED = "RECLAIMED";

/** `IDividendDistributor.SkipReason` values, by their uint8. */
const SKIP_REASON = ["RECORD_UNAVAILABLE", "RECIPIENT_UNRESOLVED", "TAX_WALLET_UNSET", "PAYOUT_FAILED"];

function heldId(distribution: Distribution, holder: Bytes): Bytes {
  return distribution.id.concat(holder);
}

export function recordDistributionCreated(event: DistributionCreated): void {
  const p = event.params;
  const distributor = loadDistributor(event.address, event);
  distributor.distributionCount += 1;
  distributor.activeDistributionCount += 1;
  distributor.save();

  const token = loadToken(p.token);
  token.distributionCount += 1;
  token.save();

  const payoutToken = loadPayoutToken(p.payoutToken);
  payoutToken.distributionCount += 1;
  payoutToken.cumulativeDeposited = payoutToken.cumulativeDeposited.plus(p.amount);
  payoutToken.save();

  const distribution = new Distribution(distributionId(event.address, p.distributionId));
  distribution.distributor = distributor.id;
  distribution.distributionId = p.distributionId;
  distribution.token = token.id;
  distribution.payoutToken = payoutToken.id;
  distribution.creator = p.creator;
  distribution.amount = p.amount;
  distribution.recordDate = p.recordDate;
  distribution.claimDeadline = p.claimDeadline;
  distribution.totalSupplyAtRecord = p.totalSupplyAtRecord;
  distribution.excludedSupply = p.excludedSupply;
  distribution.denominator = p.denominator;
  distribution.excluded = changetype<Bytes[]>(p.excluded);
  distribution.status = STATUS_ACTIVE;
  distribution.claimed = ZERO;
  distribution.held = ZERO;
  distribution.paidGross = ZERO;
  distribution.withheld = ZERO;
  distribution.netPaid = ZERO;
  distribution.reclaimed = ZERO;
  distribution.refunded = ZERO;
  distribution.claimCount = 0;
  distribution.heldCount = 0;
  distribution.skipCount = 0;
  distribution.createdAtBlock = event.block.number;
  distribution.createdAtTimestamp = event.block.timestamp;
  distribution.createdAtTransaction = event.transaction.hash;
  updateUnclaimed(distribution);
  distribution.save();

  const snapshot = loadDailySnapshot(payoutToken, event);
  snapshot.dailyDistributionsCreated += 1;
  snapshot.dailyDeposited = snapshot.dailyDeposited.plus(p.amount);
  closeDailySnapshot(snapshot, payoutToken);
}

/**
 * A payment. When an entitlement was held for the holder in this distribution and not yet released, the payment is
 * its release: it was already counted in `claimed` when held, so only `held` goes down.
 */
export function recordClaimed(event: Claimed): void {
  const p = event.params;
  const distribution = requireDistribution(event.address, p.distributionId);
  const claim = new Claim(eventId(event));

  const held = HeldEntitlement.load(heldId(distribution, p.holder));
  const release = held != null && !held.released;
  if (held != null && release) {
    held.released = true;
    held.releaseClaim = claim.id;
    held.releasedAtTimestamp = event.block.timestamp;
    held.save();
    distribution.held = distribution.held.minus(p.gross);
  } else {
    distribution.claimed = distribution.claimed.plus(p.gross);
  }
  distribution.paidGross = distribution.paidGross.plus(p.gross);
  distribution.withheld = distribution.withheld.plus(p.withheld);
  distribution.netPaid = distribution.netPaid.plus(p.net);
  distribution.claimCount += 1;
  updateUnclaimed(distribution);
  distribution.save();

  const account = loadAccount(p.holder);
  account.claimCount += 1;
  account.cumulativeGross = account.cumulativeGross.plus(p.gross);
  account.cumulativeWithheld = account.cumulativeWithheld.plus(p.withheld);
  account.cumulativeNet = account.cumulativeNet.plus(p.net);
  if (release) account.currentlyHeld = account.currentlyHeld.minus(p.gross);
  account.save();

  claim.distribution = distribution.id;
  claim.holder = account.id;
  claim.recipient = p.recipient;
  claim.caller = p.caller;
  claim.shares = p.shares;
  claim.gross = p.gross;
  claim.withheld = p.withheld;
  claim.net = p.net;
  claim.taxRateBps = p.taxRateBps;
  claim.taxWallet = p.taxWallet;
  claim.releasedFromHold = release;
  claim.blockNumber = event.block.number;
  claim.blockTimestamp = event.block.timestamp;
  claim.transactionHash = event.transaction.hash;
  claim.save();

  const distributor = loadDistributor(event.address, event);
  distributor.claimCount += 1;
  distributor.save();

  const payoutToken = loadPayoutToken(distribution.payoutToken);
  payoutToken.cumulativeGrossPaid = payoutToken.cumulativeGrossPaid.plus(p.gross);
  payoutToken.cumulativeWithheld = payoutToken.cumulativeWithheld.plus(p.withheld);
  payoutToken.cumulativeNetPaid = payoutToken.cumulativeNetPaid.plus(p.net);
  payoutToken.save();

  const snapshot = loadDailySnapshot(payoutToken, event);
  snapshot.dailyClaimCount += 1;
  snapshot.dailyGrossPaid = snapshot.dailyGrossPaid.plus(p.gross);
  snapshot.dailyWithheld = snapshot.dailyWithheld.plus(p.withheld);
  snapshot.dailyNetPaid = snapshot.dailyNetPaid.plus(p.net);
  closeDailySnapshot(snapshot, payoutToken);
  recordDividendPaid(loadToken(distribution.token), p.gross, event);
}

export function recordEntitlementHeld(event: EntitlementHeld): void {
  const p = event.params;
  const distribution = requireDistribution(event.address, p.distributionId);
  distribution.claimed = distribution.claimed.plus(p.gross);
  distribution.held = distribution.held.plus(p.gross);
  distribution.heldCount += 1;
  updateUnclaimed(distribution);
  distribution.save();

  const account = loadAccount(p.holder);
  account.currentlyHeld = account.currentlyHeld.plus(p.gross);
  account.save();

  const held = new HeldEntitlement(heldId(distribution, p.holder));
  held.distribution = distribution.id;
  held.holder = account.id;
  held.shares = p.shares;
  held.gross = p.gross;
  held.released = false;
  held.heldAtBlock = event.block.number;
  held.heldAtTimestamp = event.block.timestamp;
  held.heldAtTransaction = event.transaction.hash;
  held.save();

  const distributor = loadDistributor(event.address, event);
  distributor.heldCount += 1;
  distributor.save();

  const payoutToken = loadPayoutToken(distribution.payoutToken);
  const snapshot = loadDailySnapshot(payoutToken, event);
  snapshot.dailyHeld = snapshot.dailyHeld.plus(p.gross);
  closeDailySnapshot(snapshot, payoutToken);
}

/** Ends a distribution (cancelled or reclaimed): its status, closing time and unclaimed amount, and the
 * distributor's count of active distributions. */
function closeDistribution(distribution: Distribution, status: string, event: ethereum.Event): void {
  distribution.status = status;
  distribution.closedAtTimestamp = event.block.timestamp;
  updateUnclaimed(distribution);
  distribution.save();
  const distributor = loadDistributor(event.address, event);
  distributor.activeDistributionCount -= 1;
  distributor.save();
}

export function recordDistributionCancelled(event: DistributionCancelled): void {
  const p = event.params;
  const distribution = requireDistribution(event.address, p.distributionId);
  distribution.refunded = p.refund;
  closeDistribution(distribution, STATUS_CANCELLED, event);

  const cancellation = new DistributionCancellation(eventId(event));
  cancellation.distribution = distribution.id;
  cancellation.creator = p.creator;
  cancellation.recipient = remainderRecipientOf(event.address, p.creator, event);
  cancellation.refund = p.refund;
  cancellation.blockNumber = event.block.number;
  cancellation.blockTimestamp = event.block.timestamp;
  cancellation.transactionHash = event.transaction.hash;
  cancellation.save();

  const payoutToken = loadPayoutToken(distribution.payoutToken);
  payoutToken.cumulativeRefunded = payoutToken.cumulativeRefunded.plus(p.refund);
  payoutToken.save();
  const snapshot = loadDailySnapshot(payoutToken, event);
  snapshot.dailyRefunded = snapshot.dailyRefunded.plus(p.refund);
  closeDailySnapshot(snapshot, payoutToken);
}

export function recordReclaimed(event: Reclaimed): void {
  const p = event.params;
  const distribution = requireDistribution(event.address, p.distributionId);
  distribution.reclaimed = p.amount;
  closeDistribution(distribution, STATUS_RECLAIMED, event);

  const reclaim = new DistributionReclaim(eventId(event));
  reclaim.distribution = distribution.id;
  reclaim.creator = p.creator;
  reclaim.recipient = remainderRecipientOf(event.address, p.creator, event);
  reclaim.amount = p.amount;
  reclaim.blockNumber = event.block.number;
  reclaim.blockTimestamp = event.block.timestamp;
  reclaim.transactionHash = event.transaction.hash;
  reclaim.save();

  const payoutToken = loadPayoutToken(distribution.payoutToken);
  payoutToken.cumulativeReclaimed = payoutToken.cumulativeReclaimed.plus(p.amount);
  payoutToken.save();
  const snapshot = loadDailySnapshot(payoutToken, event);
  snapshot.dailyReclaimed = snapshot.dailyReclaimed.plus(p.amount);
  closeDailySnapshot(snapshot, payoutToken);
}

export function recordWithholdingRateSet(event: WithholdingRateSet): void {
  const p = event.params;
  const distributor = loadDistributor(event.address, event);
  distributor.save();

  const account = loadAccount(p.holder);
  account.withholdingRateBps = p.rateBps;
  account.save();

  const change = new WithholdingRateChange(eventId(event));
  change.distributor = distributor.id;
  change.holder = account.id;
  change.rateBps = p.rateBps;
  change.blockNumber = event.block.number;
  change.blockTimestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

export function recordTaxWalletSet(event: TaxWalletSet): void {
  const distributor = loadDistributor(event.address, event);
  distributor.taxWallet = event.params.taxWallet;
  distributor.save();

  const change = new TaxWalletChange(eventId(event));
  change.distributor = distributor.id;
  change.taxWallet = event.params.taxWallet;
  change.blockNumber = event.block.number;
  change.blockTimestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

/** Where a distribution's remainder goes: the distributor's remainder recipient, or its creator when none is set. */
function remainderRecipientOf(distributor: Address, creator: Address, event: ethereum.Event): Bytes {
  const recipient = loadDistributor(distributor, event).remainderRecipient;
  return recipient === null ? creator : recipient;
}

export function recordRemainderRecipientSet(event: RemainderRecipientSet): void {
  const recipient = event.params.recipient;
  const distributor = loadDistributor(event.address, event);
  distributor.remainderRecipient = recipient.equals(Address.zero()) ? null : recipient;
  distributor.save();

  const change = new RemainderRecipientChange(eventId(event));
  change.distributor = distributor.id;
  change.recipient = recipient;
  change.blockNumber = event.block.number;
  change.blockTimestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

/** A holder `claimFor` went past. A held one already has its HeldEntitlement (`EntitlementHeld` comes first): the
 * reason is recorded on it. */
export function recordClaimSkipped(event: ClaimSkipped): void {
  const p = event.params;
  if (p.reason < 0 || p.reason >= SKIP_REASON.length) throw new Error("unknown skip reason " + p.reason.toString());
  const reason = SKIP_REASON[p.reason];
  const distribution = requireDistribution(event.address, p.distributionId);
  distribution.skipCount += 1;
  distribution.save();

  const distributor = loadDistributor(event.address, event);
  distributor.skipCount += 1;
  distributor.save();

  const account = loadAccount(p.holder);
  account.save();

  if (!p.held.isZero()) {
    const held = HeldEntitlement.load(heldId(distribution, p.holder));
    if (held == null) throw new Error("ClaimSkipped holding " + p.held.toString() + " without its EntitlementHeld");
    held.skipReason = reason;
    held.save();
  }

  const skip = new ClaimSkip(eventId(event));
  skip.distribution = distribution.id;
  skip.holder = account.id;
  skip.reason = reason;
  skip.held = p.held;
  skip.blockNumber = event.block.number;
  skip.blockTimestamp = event.block.timestamp;
  skip.transactionHash = event.transaction.hash;
  skip.save();
}
