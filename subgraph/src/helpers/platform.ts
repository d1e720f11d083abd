// The IP platform: platform-wide totals and per-IP daily snapshots, fed by the factories (src/factory.ts), the IP
// tokens' transfers, the factory offerings' settlements and the distributor's payments. No eth_call.
import { BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";

import { IpDailySnapshot, Platform, Token, Wallet } from "../../generated/schema";
import { SECONDS_PER_DAY, ZERO, dayOf } from "./common";

/** Id of the single Platform entity: "platform" in UTF-8. */
export const PLATFORM_ID = Bytes.fromUTF8("platform");

export function loadPlatform(): Platform {
  let platform = Platform.load(PLATFORM_ID);
  if (platform == null) {
    platform = new Platform(PLATFORM_ID);
    platform.ipCount = 0;
    platform.offeringCount = 0;
    platform.cumulativeRaised = ZERO;
    platform.cumulativeDividendsPaid = ZERO;
    platform.holderCount = 0;
    platform.positionCount = 0;
  }
  return platform;
}

/** Whether the token was listed by a TokenFactory. */
export function isIp(token: Token): boolean {
  return token.ipId !== null;
}

/** Today's snapshot of an IP (daily figures zero when new); call `closeIpDay` after updating the token. */
export function loadIpDay(token: Token, event: ethereum.Event): IpDailySnapshot {
  const day = dayOf(event);
  const id = token.id.concatI32(day);
  let snapshot = IpDailySnapshot.load(id);
  if (snapshot == null) {
    snapshot = new IpDailySnapshot(id);
    snapshot.token = token.id;
    snapshot.day = day;
    snapshot.timestamp = BigInt.fromI32(day).times(BigInt.fromI32(SECONDS_PER_DAY));
    snapshot.dailyRaised = ZERO;
    snapshot.dailyDividendsPaid = ZERO;
  }
  snapshot.blockNumber = event.block.number;
  return snapshot;
}

/** Copies the token's end-of-day state into the snapshot and saves it. */
export function closeIpDay(snapshot: IpDailySnapshot, token: Token): void {
  snapshot.holderCount = token.holderCount;
  snapshot.investorCount = token.investorCount;
  snapshot.totalSupply = token.totalSupply;
  snapshot.cumulativeRaised = token.cumulativeRaised;
  snapshot.cumulativeDividendsPaid = token.cumulativeDividendsPaid;
  snapshot.save();
}

/** A wallet started (`delta` 1) or stopped (-1) holding an IP token: the platform's holder and position counts. */
export function recordIpHolding(wallet: Wallet, delta: i32): void {
  const platform = loadPlatform();
  const before = wallet.ipTokenCount;
  wallet.ipTokenCount = before + delta;
  wallet.save();
  if (before == 0 && wallet.ipTokenCount > 0) platform.holderCount += 1;
  if (before > 0 && wallet.ipTokenCount == 0) platform.holderCount -= 1;
  platform.positionCount += delta;
  platform.save();
}

/** Money raised by a factory offering of `token` (payment-token units charged at a settlement). */
export function recordIpRaised(token: Token, amount: BigInt, event: ethereum.Event): void {
  token.cumulativeRaised = token.cumulativeRaised.plus(amount);
  token.save();
  const platform = loadPlatform();
  platform.cumulativeRaised = platform.cumulativeRaised.plus(amount);
  platform.save();
  // The factory opens offerings only on tokens that made it an issuance admin (IP tokens); a snapshot only for IPs.
  if (!isIp(token)) return;
  const day = loadIpDay(token, event);
  day.dailyRaised = day.dailyRaised.plus(amount);
  closeIpDay(day, token);
}

/** A dividend payment (gross, payout-token units) to a holder of `token`; the IP totals when it is an IP. */
export function recordDividendPaid(token: Token, gross: BigInt, event: ethereum.Event): void {
  token.cumulativeDividendsPaid = token.cumulativeDividendsPaid.plus(gross);
  token.save();
  if (!isIp(token)) return;
  const platform = loadPlatform();
  platform.cumulativeDividendsPaid = platform.cumulativeDividendsPaid.plus(gross);
  platform.save();
  const day = loadIpDay(token, event);
  day.dailyDividendsPaid = day.dailyDividendsPaid.plus(gross);
  closeIpDay(day, token);
}
