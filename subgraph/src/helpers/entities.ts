// Load-or-create helpers for the dividend state entities. Each returns an entity with every required field set, so
// handlers only add to it.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";

import {
  DividendAccount,
  DividendDailySnapshot,
  Distribution,
  Distributor,
  PaymentToken,
  PayoutToken,
  Token,
} from "../../generated/schema";
import { SECONDS_PER_DAY, ZERO, dayOf } from "./common";

/** Distributor ++ id as 4 little-endian bytes. Ids are sequential from 1, so they fit an i32. */
export function distributionId(distributor: Address, id: BigInt): Bytes {
  return distributor.concatI32(id.toI32());
}

export function loadDistributor(address: Address, event: ethereum.Event): Distributor {
  let distributor = Distributor.load(address);
  if (distributor == null) {
    distributor = new Distributor(address);
    distributor.distributionCount = 0;
    distributor.activeDistributionCount = 0;
    distributor.claimCount = 0;
    distributor.heldCount = 0;
    distributor.skipCount = 0;
    distributor.firstSeenBlock = event.block.number;
  }
  return distributor;
}

/** The token entity, shared by the dividend domain (record-date token) and the security-token domain. */
export function loadToken(address: Bytes): Token {
  let token = Token.load(address);
  if (token == null) {
    token = new Token(address);
    token.isSecurityToken = false;
    token.totalSupply = ZERO;
    token.holderCount = 0;
    token.investorCount = 0;
    token.transferCount = 0;
    token.cumulativeVolume = ZERO;
    token.cumulativeMinted = ZERO;
    token.cumulativeBurned = ZERO;
    token.paused = false;
    token.transfersEnabled = true;
    token.rules = 0;
    token.requiredClasses = 0;
    token.maxInvestors = 0;
    token.maxBalance = ZERO;
    token.recordDateCount = 0;
    token.distributionCount = 0;
    token.offeringCount = 0;
    token.cumulativeRaised = ZERO;
    token.cumulativeDividendsPaid = ZERO;
  }
  return token;
}

export function loadPayoutToken(address: Bytes): PayoutToken {
  let token = PayoutToken.load(address);
  if (token == null) {
    token = new PayoutToken(address);
    token.distributionCount = 0;
    token.cumulativeDeposited = ZERO;
    token.cumulativeGrossPaid = ZERO;
    token.cumulativeWithheld = ZERO;
    token.cumulativeNetPaid = ZERO;
    token.cumulativeReclaimed = ZERO;
    token.cumulativeRefunded = ZERO;
    // Decimals are known when a factory offering is paid in the same token (`OfferingCreated`).
    const payment = PaymentToken.load(address);
    if (payment != null) token.decimals = payment.decimals;
  }
  return token;
}

export function loadAccount(holder: Address): DividendAccount {
  let account = DividendAccount.load(holder);
  if (account == null) {
    account = new DividendAccount(holder);
    account.withholdingRateBps = 0;
    account.claimCount = 0;
    account.cumulativeGross = ZERO;
    account.cumulativeWithheld = ZERO;
    account.cumulativeNet = ZERO;
    account.currentlyHeld = ZERO;
  }
  return account;
}

/** The distribution an event refers to; a missing one means the data source started after its creation. */
export function requireDistribution(distributor: Address, id: BigInt): Distribution {
  const distribution = Distribution.load(distributionId(distributor, id));
  if (distribution == null) {
    throw new Error("distribution " + id.toString() + " of " + distributor.toHexString() + " was never created");
  }
  return distribution;
}

/** Today's snapshot for `payoutToken`, created with zero daily amounts and the token's current lifetime totals. */
export function loadDailySnapshot(token: PayoutToken, event: ethereum.Event): DividendDailySnapshot {
  const day = dayOf(event);
  const id = token.id.concatI32(day);
  let snapshot = DividendDailySnapshot.load(id);
  if (snapshot == null) {
    snapshot = new DividendDailySnapshot(id);
    snapshot.payoutToken = token.id;
    snapshot.day = day;
    snapshot.timestamp = BigInt.fromI32(day).times(BigInt.fromI32(SECONDS_PER_DAY));
    snapshot.dailyDistributionsCreated = 0;
    snapshot.dailyDeposited = ZERO;
    snapshot.dailyClaimCount = 0;
    snapshot.dailyGrossPaid = ZERO;
    snapshot.dailyWithheld = ZERO;
    snapshot.dailyNetPaid = ZERO;
    snapshot.dailyHeld = ZERO;
    snapshot.dailyReclaimed = ZERO;
    snapshot.dailyRefunded = ZERO;
  }
  snapshot.blockNumber = event.block.number;
  return snapshot;
}

/** Copies the token's lifetime totals into the snapshot (call after updating the token). */
export function closeDailySnapshot(snapshot: DividendDailySnapshot, token: PayoutToken): void {
  snapshot.cumulativeDeposited = token.cumulativeDeposited;
  snapshot.cumulativeGrossPaid = token.cumulativeGrossPaid;
  snapshot.cumulativeWithheld = token.cumulativeWithheld;
  snapshot.cumulativeNetPaid = token.cumulativeNetPaid;
  snapshot.save();
}

/** Keeps `unclaimed` equal to amount - claimed - reclaimed - refunded. */
export function updateUnclaimed(distribution: Distribution): void {
  distribution.unclaimed = distribution.amount
    .minus(distribution.claimed)
    .minus(distribution.reclaimed)
    .minus(distribution.refunded);
}
