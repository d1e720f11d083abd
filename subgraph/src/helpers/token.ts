// Security-token and identity-registry domain logic. The handlers in ../token.ts and ../registry.ts only delegate
// here. Every figure comes from the events (and, for a transfer's kind, the same transaction's receipt): no eth_call.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";

import {
  ComplianceAction,
  IdentityRegistry,
  Investor,
  InvestorBalance,
  Token,
  TokenBalance,
  TokenDailySnapshot,
  Transfer,
  TrustedOperator,
  Wallet,
} from "../../generated/schema";
import { SECONDS_PER_DAY, ZERO, dayOf, eventId } from "./common";
import { loadToken } from "./entities";
import { closeIpDay, isIp, loadIpDay, recordIpHolding } from "./platform";

// topic0 of the events that qualify a Transfer logged just before them in the same transaction.
const TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
const FORCED_TRANSFER_TOPIC = "0x7b3ce50c216d2ccf9919c6b9f1bfb33f0350a33010f188750b4af38e00448138";
const WALLET_RECOVERED_TOPIC = "0xe86e4c53f97425edfde1c29f3e343a5a6b989d44344180d10523484319ca301e";

export const KIND_MINT = "MINT";
export const KIND_BURN = "BURN";
export const KIND_TRANSFER = "TRANSFER";
export const KIND_FORCED = "FORCED";
export const KIND_RECOVERY = "RECOVERY";

/** The token entity of a SecurityToken data source (marked as indexed). */
export function loadSecurityToken(address: Address): Token {
  const token = loadToken(address);
  token.isSecurityToken = true;
  return token;
}

export function loadRegistry(address: Address): IdentityRegistry {
  let registry = IdentityRegistry.load(address);
  if (registry == null) {
    registry = new IdentityRegistry(address);
    registry.investorCount = 0;
    registry.walletCount = 0;
    registry.tokenCount = 0;
  }
  return registry;
}

export function loadWallet(address: Bytes): Wallet {
  let wallet = Wallet.load(address);
  if (wallet == null) {
    wallet = new Wallet(address);
    wallet.ipTokenCount = 0;
    wallet.save();
  }
  return wallet;
}

export function loadBalance(token: Bytes, wallet: Bytes, event: ethereum.Event): TokenBalance {
  const id = token.concat(wallet);
  let balance = TokenBalance.load(id);
  if (balance == null) {
    loadWallet(wallet);
    balance = new TokenBalance(id);
    balance.token = token;
    balance.wallet = wallet;
    balance.balance = ZERO;
    balance.frozenAmount = ZERO;
    balance.addressFrozen = false;
    balance.transferCount = 0;
    balance.updatedAtBlock = event.block.number;
  }
  return balance;
}

export function loadInvestorBalance(token: Bytes, investor: Bytes): InvestorBalance {
  const id = token.concat(investor);
  let balance = InvestorBalance.load(id);
  if (balance == null) {
    balance = new InvestorBalance(id);
    balance.token = token;
    balance.investor = investor;
    balance.balance = ZERO;
    balance.lockupUntil = ZERO;
  }
  return balance;
}

/** Today's snapshot of `token` (daily figures zero when new); `closeTokenDay` copies the end-of-day state. */
export function loadTokenDay(token: Token, event: ethereum.Event): TokenDailySnapshot {
  const day = dayOf(event);
  const id = token.id.concatI32(day);
  let snapshot = TokenDailySnapshot.load(id);
  if (snapshot == null) {
    snapshot = new TokenDailySnapshot(id);
    snapshot.token = token.id;
    snapshot.day = day;
    snapshot.timestamp = BigInt.fromI32(day).times(BigInt.fromI32(SECONDS_PER_DAY));
    snapshot.dailyTransferCount = 0;
    snapshot.dailyVolume = ZERO;
    snapshot.dailyMinted = ZERO;
    snapshot.dailyBurned = ZERO;
  }
  snapshot.blockNumber = event.block.number;
  return snapshot;
}

export function closeTokenDay(snapshot: TokenDailySnapshot, token: Token): void {
  snapshot.holderCount = token.holderCount;
  snapshot.investorCount = token.investorCount;
  snapshot.totalSupply = token.totalSupply;
  snapshot.save();
}

/** Whether a 32-byte topic holds `address` (left-padded). */
function topicIs(topic: Bytes, address: Address): boolean {
  return topic.toHexString().endsWith(address.toHexString().slice(2));
}

/**
 * The kind of a Transfer between two wallets: FORCED or RECOVERY when the token logged a matching `ForcedTransfer` or
 * `WalletRecovered` after it in the same transaction, before its next `Transfer`; TRANSFER otherwise.
 */
function transferKind(event: ethereum.Event, from: Address, to: Address): string {
  const receipt = event.receipt;
  if (receipt == null) return KIND_TRANSFER;
  const logs = receipt.logs;
  for (let i = 0; i < logs.length; i++) {
    const log = logs[i];
    if (log.logIndex.le(event.logIndex) || !log.address.equals(event.address) || log.topics.length < 3) continue;
    const topic0 = log.topics[0].toHexString();
    if (topic0 == TRANSFER_TOPIC) break;
    if (topic0 != FORCED_TRANSFER_TOPIC && topic0 != WALLET_RECOVERED_TOPIC) continue;
    if (topicIs(log.topics[1], from) && topicIs(log.topics[2], to)) {
      return topic0 == FORCED_TRANSFER_TOPIC ? KIND_FORCED : KIND_RECOVERY;
    }
  }
  return KIND_TRANSFER;
}

/** Adds `delta` to a wallet's balance and to its investor's, keeping the holder and investor counts. */
function moveBalance(token: Token, address: Address, delta: BigInt, event: ethereum.Event): void {
  const balance = loadBalance(token.id, address, event);
  const before = balance.balance;
  balance.balance = before.plus(delta);
  balance.transferCount += 1;
  balance.updatedAtBlock = event.block.number;
  const wallet = loadWallet(address);
  if (before.isZero() && !balance.balance.isZero()) {
    token.holderCount += 1;
    if (isIp(token)) recordIpHolding(wallet, 1);
  }
  if (!before.isZero() && balance.balance.isZero()) {
    token.holderCount -= 1;
    if (isIp(token)) recordIpHolding(wallet, -1);
  }
  const investor = wallet.investor;
  balance.investor = investor;
  balance.save();
  if (investor === null) return;
  const held = loadInvestorBalance(token.id, investor);
  const heldBefore = held.balance;
  held.balance = heldBefore.plus(delta);
  if (heldBefore.isZero() && !held.balance.isZero()) token.investorCount += 1;
  if (!heldBefore.isZero() && held.balance.isZero()) token.investorCount -= 1;
  held.save();
}

export function recordTransfer(event: ethereum.Event, from: Address, to: Address, amount: BigInt): void {
  const token = loadSecurityToken(event.address);
  const mint = from.equals(Address.zero());
  const burn = to.equals(Address.zero());
  const kind = mint ? KIND_MINT : burn ? KIND_BURN : transferKind(event, from, to);
  if (!mint) moveBalance(token, from, amount.neg(), event);
  if (!burn) moveBalance(token, to, amount, event);
  token.transferCount += 1;
  const snapshot = loadTokenDay(token, event);
  snapshot.dailyTransferCount += 1;
  if (mint) {
    token.totalSupply = token.totalSupply.plus(amount);
    token.cumulativeMinted = token.cumulativeMinted.plus(amount);
    snapshot.dailyMinted = snapshot.dailyMinted.plus(amount);
  } else if (burn) {
    token.totalSupply = token.totalSupply.minus(amount);
    token.cumulativeBurned = token.cumulativeBurned.plus(amount);
    snapshot.dailyBurned = snapshot.dailyBurned.plus(amount);
  } else {
    token.cumulativeVolume = token.cumulativeVolume.plus(amount);
    snapshot.dailyVolume = snapshot.dailyVolume.plus(amount);
  }
  token.save();
  closeTokenDay(snapshot, token);
  if (isIp(token)) closeIpDay(loadIpDay(token, event), token);

  const transfer = new Transfer(eventId(event));
  transfer.token = token.id;
  transfer.from = from;
  transfer.to = to;
  transfer.amount = amount;
  transfer.kind = kind;
  transfer.actor = event.transaction.from;
  transfer.blockNumber = event.block.number;
  transfer.blockTimestamp = event.block.timestamp;
  transfer.transactionHash = event.transaction.hash;
  transfer.save();
}

/** A compliance action of `kind` on the event's token, acted by the transaction's sender unless changed. */
export function newAction(event: ethereum.Event, kind: string): ComplianceAction {
  const token = loadSecurityToken(event.address);
  token.save();
  const action = new ComplianceAction(eventId(event));
  action.token = token.id;
  action.kind = kind;
  action.actor = event.transaction.from;
  action.blockNumber = event.block.number;
  action.blockTimestamp = event.block.timestamp;
  action.transactionHash = event.transaction.hash;
  return action;
}

/** The action's account and, when the wallet is linked, its investor. */
export function setAccount(action: ComplianceAction, account: Address): void {
  action.account = account;
  const wallet = Wallet.load(account);
  if (wallet != null) action.investor = wallet.investor;
}

export function recordAddressFrozen(event: ethereum.Event, account: Address, frozen: boolean, agent: Address): void {
  const balance = loadBalance(event.address, account, event);
  balance.addressFrozen = frozen;
  balance.save();
  const action = newAction(event, frozen ? "ADDRESS_FROZEN" : "ADDRESS_UNFROZEN");
  setAccount(action, account);
  action.actor = agent;
  action.save();
}

export function recordFrozen(event: ethereum.Event, account: Address, amount: BigInt): void {
  const balance = loadBalance(event.address, account, event);
  balance.frozenAmount = amount;
  balance.save();
  const action = newAction(event, "PARTIAL_FREEZE");
  setAccount(action, account);
  action.amount = amount;
  action.save();
}

export function recordForcedTransfer(event: ethereum.Event, from: Address, to: Address, amount: BigInt): void {
  const action = newAction(event, "FORCED_TRANSFER");
  setAccount(action, from);
  action.counterparty = to;
  action.amount = amount;
  action.save();
}

export function recordWalletRecovered(
  event: ethereum.Event,
  lost: Address,
  next: Address,
  amount: BigInt,
  frozenTokens: BigInt,
): void {
  const balance = loadBalance(event.address, lost, event);
  balance.successor = next;
  balance.save();
  const action = newAction(event, "WALLET_RECOVERED");
  setAccount(action, lost);
  action.counterparty = next;
  action.amount = amount;
  action.frozenAmount = frozenTokens;
  action.save();
}

/** A formerly recovered wallet no longer forwards to its successor (recovered back into, or relinked). */
export function recordSuccessorCleared(event: ethereum.Event, wallet: Address, formerSuccessor: Address): void {
  const balance = loadBalance(event.address, wallet, event);
  balance.successor = null;
  balance.save();
  const action = newAction(event, "SUCCESSOR_CLEARED");
  setAccount(action, wallet);
  action.counterparty = formerSuccessor;
  action.save();
}

export function recordLockup(event: ethereum.Event, account: Address, requested: BigInt, until: BigInt): void {
  const action = newAction(event, "LOCKUP_UPDATED");
  setAccount(action, account);
  action.requested = requested;
  action.timepoint = until;
  action.save();
  const investor = action.investor;
  if (investor === null) return;
  const held = loadInvestorBalance(event.address, investor);
  held.lockupUntil = until;
  held.save();
}

export function recordRules(
  event: ethereum.Event,
  rules: i32,
  requiredClasses: i32,
  maxInvestors: i32,
  maxBalance: BigInt,
): void {
  const action = newAction(event, "RULES_UPDATED");
  action.rules = rules;
  action.requiredClasses = requiredClasses;
  action.maxInvestors = maxInvestors;
  action.maxBalance = maxBalance;
  action.save();
  const token = loadSecurityToken(event.address);
  token.rules = rules;
  token.requiredClasses = requiredClasses;
  token.maxInvestors = maxInvestors;
  token.maxBalance = maxBalance;
  token.save();
}

export function recordTransfersEnabled(event: ethereum.Event, enabled: boolean): void {
  newAction(event, enabled ? "TRANSFERS_ENABLED" : "TRANSFERS_DISABLED").save();
  const token = loadSecurityToken(event.address);
  token.transfersEnabled = enabled;
  token.save();
}

export function recordCountryListed(event: ethereum.Event, country: i32, allowlist: boolean, listed: boolean): void {
  const action = newAction(event, listed ? "COUNTRY_LISTED" : "COUNTRY_UNLISTED");
  action.country = country;
  action.allowlist = allowlist;
  action.save();
}

export function recordHook(event: ethereum.Event, hook: Address): void {
  const action = newAction(event, "HOOK_SET");
  action.counterparty = hook;
  action.save();
  const token = loadSecurityToken(event.address);
  token.complianceHook = hook.equals(Address.zero()) ? null : changetype<Bytes>(hook);
  token.save();
}

export function recordPaused(event: ethereum.Event, paused: boolean, account: Address): void {
  const action = newAction(event, paused ? "PAUSED" : "UNPAUSED");
  action.actor = account;
  action.save();
  const token = loadSecurityToken(event.address);
  token.paused = paused;
  token.save();
}

export function recordRecordDate(event: ethereum.Event, timepoint: BigInt, scheduled: boolean): void {
  const action = newAction(event, scheduled ? "RECORD_DATE_SCHEDULED" : "RECORD_DATE_CANCELLED");
  action.timepoint = timepoint;
  action.save();
  const token = loadSecurityToken(event.address);
  token.recordDateCount += scheduled ? 1 : -1;
  token.save();
}

// ===== identity registry =====

export function recordInvestorUpdated(
  event: ethereum.Event,
  investorId: Bytes,
  key: BigInt,
  country: i32,
  kycExpiry: BigInt,
  classFlags: i32,
  revoked: boolean,
): void {
  let investor = Investor.load(investorId);
  if (investor == null) {
    const registry = loadRegistry(event.address);
    registry.investorCount += 1;
    registry.save();
    investor = new Investor(investorId);
    investor.registry = registry.id;
    investor.walletCount = 0;
    investor.createdAtBlock = event.block.number;
    investor.createdAtTimestamp = event.block.timestamp;
  }
  investor.key = key;
  investor.country = country;
  investor.kycExpiry = kycExpiry;
  investor.classFlags = classFlags;
  investor.revoked = revoked;
  investor.updatedAtTimestamp = event.block.timestamp;
  investor.save();
}

export function recordWalletLink(
  event: ethereum.Event,
  address: Address,
  investorId: Bytes,
  walletCount: i32,
  linked: boolean,
): void {
  const wallet = loadWallet(address);
  wallet.investor = linked ? investorId : null;
  wallet.save();
  const investor = Investor.load(investorId);
  if (investor != null) {
    investor.walletCount = walletCount;
    investor.save();
  }
  const registry = loadRegistry(event.address);
  registry.walletCount += linked ? 1 : -1;
  registry.save();
}

export function recordTokenBound(event: ethereum.Event, tokenAddress: Address, bound: boolean, tokenCount: i32): void {
  const registry = loadRegistry(event.address);
  registry.tokenCount = tokenCount;
  registry.save();
  const token = loadToken(tokenAddress);
  token.registry = bound ? registry.id : null;
  token.save();
}

/** `TrustedOperatorSet`: the token's current trust in a `transferFrom` spender (one entity per token and operator). */
export function recordTrustedOperator(
  event: ethereum.Event,
  operator: Address,
  trusted: boolean,
  officer: Address,
): void {
  if (Token.load(event.address) == null) loadSecurityToken(event.address).save();
  const entry = new TrustedOperator(event.address.concat(operator));
  entry.token = event.address;
  entry.operator = operator;
  entry.trusted = trusted;
  entry.officer = officer;
  entry.updatedAtBlock = event.block.number;
  entry.updatedAtTimestamp = event.block.timestamp;
  entry.save();
}
