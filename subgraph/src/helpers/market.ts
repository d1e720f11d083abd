// Secondary-market domain logic. The handlers in ../market.ts only delegate here. Every figure comes from the
// events: `Trade` carries both order hashes, the parties, the price, the amounts and what each order has left, so
// orders, trades, candles and pair statistics need no eth_call. Orders are signed off-chain: an order becomes an
// entity at the `OrderOpened` the market emits before its first trade or at the cancel of an untraded order, with its
// signed terms (expiry and nonce included); a `cancelUpTo` voids the maker's open orders below the new floor.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";

import {
  AccountTrade,
  Candle,
  Market,
  MarketAccount,
  MarketPair,
  NonceCancel,
  Order,
  OrderCancel,
  PaymentToken,
  Token,
  Trade,
  Wallet,
} from "../../generated/schema";
import { ZERO, eventId } from "./common";
import { loadToken } from "./entities";

export const SECONDS_PER_HOUR: i32 = 3600;
const SECONDS_PER_DAY: i32 = 86400;
/** Hours in the 24 h window: the last trade's hour and the 23 before it. */
const WINDOW_HOURS: i32 = 24;

export function loadMarket(address: Address): Market {
  let market = Market.load(address);
  if (market == null) {
    market = new Market(address);
    market.feeBps = 0;
    market.tradeCount = 0;
    market.orderCount = 0;
    market.cancelCount = 0;
    market.nonceCancelCount = 0;
  }
  return market;
}

export function loadMarketAccount(address: Bytes): MarketAccount {
  let account = MarketAccount.load(address);
  if (account == null) {
    account = new MarketAccount(address);
    account.minNonce = ZERO;
    account.tradeCount = 0;
    account.cumulativeBought = ZERO;
    account.cumulativeSold = ZERO;
  }
  return account;
}

/** The order with hash `hash`, created (and counted in the market) when the chain shows it for the first time. */
function loadOrder(hash: Bytes, market: Market, maker: Bytes, event: ethereum.Event): Order {
  let order = Order.load(hash);
  if (order == null) {
    order = new Order(hash);
    order.market = market.id;
    order.maker = maker;
    order.filled = ZERO;
    order.status = "OPEN";
    order.tradeCount = 0;
    order.firstSeenBlock = event.block.number;
    market.orderCount += 1;
    const account = loadMarketAccount(maker);
    account.save();
  }
  order.updatedAtTimestamp = event.block.timestamp;
  return order;
}

/** `OrderOpened`: the order's signed terms, the first time the chain sees it (before its first trade or cancel). */
export function recordOrderOpened(
  event: ethereum.Event,
  hash: Bytes,
  maker: Address,
  token: Address,
  side: i32,
  paymentToken: Address,
  price: BigInt,
  amount: BigInt,
  expiry: BigInt,
  nonce: BigInt,
): void {
  const market = loadMarket(event.address);
  if (Token.load(token) == null) loadToken(token).save();
  const order = loadOrder(hash, market, maker, event);
  order.side = side == 0 ? "BUY" : "SELL";
  order.token = token;
  order.paymentToken = paymentToken;
  order.price = price;
  order.amount = amount;
  order.remaining = amount.minus(order.filled);
  order.expiry = expiry;
  order.nonce = nonce;
  order.save();
  market.save();
}

/** Records a trade of `amount` on one order; `price` is null when the event does not carry the order's limit. */
function tradeOrder(
  hash: Bytes,
  market: Market,
  maker: Bytes,
  side: string,
  token: Bytes,
  paymentToken: Bytes,
  price: BigInt | null,
  amount: BigInt,
  remaining: BigInt,
  event: ethereum.Event,
): void {
  const order = loadOrder(hash, market, maker, event);
  order.side = side;
  order.token = token;
  order.paymentToken = paymentToken;
  if (price !== null && order.price === null) order.price = price;
  order.filled = order.filled.plus(amount);
  order.remaining = remaining;
  order.amount = order.filled.plus(remaining);
  order.status = remaining.isZero() ? "FILLED" : "PARTIALLY_FILLED";
  order.tradeCount += 1;
  order.save();
}

/** Whether an order hash of `Trade` is zero (the taker's side of a fill has no order). */
function isZeroHash(hash: Bytes): boolean {
  for (let i = 0; i < hash.length; i++) if (hash[i] != 0) return false;
  return true;
}

/** The investor a wallet is linked to in the identity registry, if any. */
function investorOf(wallet: Bytes): Bytes | null {
  const w = Wallet.load(wallet);
  if (w == null) return null;
  return w.investor;
}

function recordAccountTrade(
  trade: Trade,
  index: i32,
  wallet: Bytes,
  side: string,
  isMaker: boolean,
  counterparty: Bytes,
  payment: BigInt,
): void {
  const entry = new AccountTrade(trade.id.concatI32(index));
  entry.trade = trade.id;
  entry.account = wallet;
  entry.investor = investorOf(wallet);
  entry.side = side;
  entry.isMaker = isMaker;
  entry.counterparty = counterparty;
  entry.token = trade.token;
  entry.paymentToken = trade.paymentToken;
  entry.price = trade.price;
  entry.amount = trade.amount;
  entry.payment = payment;
  entry.blockNumber = trade.blockNumber;
  entry.blockTimestamp = trade.blockTimestamp;
  entry.transactionHash = trade.transactionHash;
  entry.save();

  const account = loadMarketAccount(wallet);
  account.tradeCount += 1;
  if (side == "BUY") account.cumulativeBought = account.cumulativeBought.plus(trade.amount);
  else account.cumulativeSold = account.cumulativeSold.plus(trade.amount);
  account.save();
}

function candleId(pair: Bytes, seconds: i32, period: i32): Bytes {
  return pair.concatI32(seconds).concatI32(period);
}

/** Adds `trade` to the pair's candle of the period of length `seconds` that contains it. */
function addToCandle(pair: MarketPair, interval: string, seconds: i32, trade: Trade): Candle {
  const period = trade.blockTimestamp.div(BigInt.fromI32(seconds)).toI32();
  const id = candleId(pair.id, seconds, period);
  let candle = Candle.load(id);
  if (candle == null) {
    candle = new Candle(id);
    candle.pair = pair.id;
    candle.token = pair.token;
    candle.paymentToken = pair.paymentToken;
    candle.interval = interval;
    candle.periodStart = BigInt.fromI32(period).times(BigInt.fromI32(seconds));
    candle.open = trade.price;
    candle.high = trade.price;
    candle.low = trade.price;
    candle.volume = ZERO;
    candle.paymentVolume = ZERO;
    candle.fees = ZERO;
    candle.tradeCount = 0;
  }
  if (trade.price.gt(candle.high)) candle.high = trade.price;
  if (trade.price.lt(candle.low)) candle.low = trade.price;
  candle.close = trade.price;
  candle.volume = candle.volume.plus(trade.amount);
  candle.paymentVolume = candle.paymentVolume.plus(trade.payment);
  candle.fees = candle.fees.plus(trade.fee);
  candle.tradeCount += 1;
  candle.blockNumber = trade.blockNumber;
  candle.save();
  return candle;
}

/** Updates the pair's lifetime and 24 h figures and its hourly and daily candles with `trade`. */
function recordPairTrade(trade: Trade): void {
  const id = trade.token.concat(trade.paymentToken);
  let pair = MarketPair.load(id);
  if (pair == null) {
    pair = new MarketPair(id);
    pair.token = trade.token;
    pair.paymentToken = trade.paymentToken;
    pair.tradeCount = 0;
    pair.cumulativeVolume = ZERO;
    pair.cumulativePaymentVolume = ZERO;
    pair.cumulativeFees = ZERO;
  }
  const payment = PaymentToken.load(trade.paymentToken);
  if (payment != null) pair.paymentDecimals = payment.decimals;
  pair.lastPrice = trade.price;
  pair.lastTrade = trade.id;
  pair.lastTradeTimestamp = trade.blockTimestamp;
  pair.tradeCount += 1;
  pair.cumulativeVolume = pair.cumulativeVolume.plus(trade.amount);
  pair.cumulativePaymentVolume = pair.cumulativePaymentVolume.plus(trade.payment);
  pair.cumulativeFees = pair.cumulativeFees.plus(trade.fee);

  const hourly = addToCandle(pair, "HOUR", SECONDS_PER_HOUR, trade);
  addToCandle(pair, "DAY", SECONDS_PER_DAY, trade);

  // The 24 h window: this trade's hour and the 23 before it, summed from the hourly candles (at most 24 loads).
  const hour = hourly.periodStart.div(BigInt.fromI32(SECONDS_PER_HOUR)).toI32();
  let volume = ZERO;
  let paymentVolume = ZERO;
  let count: i32 = 0;
  for (let k: i32 = 0; k < WINDOW_HOURS; k++) {
    const candle = Candle.load(candleId(id, SECONDS_PER_HOUR, hour - k));
    if (candle == null) continue;
    volume = volume.plus(candle.volume);
    paymentVolume = paymentVolume.plus(candle.paymentVolume);
    count += candle.tradeCount;
  }
  pair.volume24h = volume;
  pair.paymentVolume24h = paymentVolume;
  pair.tradeCount24h = count;
  pair.window24hStart = BigInt.fromI32(hour - (WINDOW_HOURS - 1)).times(BigInt.fromI32(SECONDS_PER_HOUR));
  pair.save();
}

export function recordTrade(
  event: ethereum.Event,
  sellOrderHash: Bytes,
  buyOrderHash: Bytes,
  token: Address,
  seller: Address,
  buyer: Address,
  paymentToken: Address,
  price: BigInt,
  amount: BigInt,
  payment: BigInt,
  fee: BigInt,
  sellRemaining: BigInt,
  buyRemaining: BigInt,
): void {
  const market = loadMarket(event.address);
  market.tradeCount += 1;
  const hasSell = !isZeroHash(sellOrderHash);
  const hasBuy = !isZeroHash(buyOrderHash);
  const isMatch = hasSell && hasBuy;

  if (Token.load(token) == null) loadToken(token).save();
  // A fill executes at the filled order's price; a match at the sell order's, and the buy limit stays unknown.
  if (hasSell)
    tradeOrder(sellOrderHash, market, seller, "SELL", token, paymentToken, price, amount, sellRemaining, event);
  if (hasBuy)
    tradeOrder(
      buyOrderHash,
      market,
      buyer,
      "BUY",
      token,
      paymentToken,
      isMatch ? null : price,
      amount,
      buyRemaining,
      event,
    );

  const trade = new Trade(eventId(event));
  trade.market = market.id;
  trade.kind = isMatch ? "MATCH" : "FILL";
  if (hasSell) trade.sellOrder = sellOrderHash;
  if (hasBuy) trade.buyOrder = buyOrderHash;
  // A fill's maker is the owner of the order; a match's is the seller, whose order sets the price.
  const makerIsSeller = hasSell;
  trade.maker = makerIsSeller ? seller : buyer;
  trade.taker = makerIsSeller ? buyer : seller;
  trade.seller = seller;
  trade.buyer = buyer;
  trade.token = token;
  trade.paymentToken = paymentToken;
  trade.price = price;
  trade.amount = amount;
  trade.payment = payment;
  trade.sellerProceeds = payment.minus(fee);
  trade.fee = fee;
  trade.feeWallet = market.feeWallet;
  trade.sellRemaining = sellRemaining;
  trade.buyRemaining = buyRemaining;
  trade.sender = event.transaction.from;
  trade.logIndex = event.logIndex;
  trade.blockNumber = event.block.number;
  trade.blockTimestamp = event.block.timestamp;
  trade.transactionHash = event.transaction.hash;
  trade.save();
  market.save();

  recordAccountTrade(trade, 0, seller, "SELL", hasSell, buyer, trade.sellerProceeds);
  recordAccountTrade(trade, 1, buyer, "BUY", hasBuy, seller, payment);
  recordPairTrade(trade);
}

export function recordOrderCancelled(event: ethereum.Event, orderHash: Bytes, maker: Address, filled: BigInt): void {
  const market = loadMarket(event.address);
  market.cancelCount += 1;
  const order = loadOrder(orderHash, market, maker, event);
  order.filled = filled;
  const amount = order.amount;
  if (amount !== null) order.remaining = amount.minus(filled);
  order.status = "CANCELLED";
  order.save();
  market.save();

  const cancel = new OrderCancel(eventId(event));
  cancel.market = market.id;
  cancel.order = orderHash;
  cancel.maker = maker;
  cancel.filled = filled;
  cancel.blockNumber = event.block.number;
  cancel.blockTimestamp = event.block.timestamp;
  cancel.transactionHash = event.transaction.hash;
  cancel.save();
}

export function recordNoncesCancelled(event: ethereum.Event, maker: Address, minNonce: BigInt): void {
  const market = loadMarket(event.address);
  market.nonceCancelCount += 1;
  market.save();
  const account = loadMarketAccount(maker);
  const cancel = new NonceCancel(eventId(event));
  cancel.market = market.id;
  cancel.maker = maker;
  cancel.minNonce = minNonce;
  cancel.previousMinNonce = account.minNonce;
  cancel.blockNumber = event.block.number;
  cancel.blockTimestamp = event.block.timestamp;
  cancel.transactionHash = event.transaction.hash;
  cancel.save();
  account.minNonce = minNonce;
  account.save();
  // Its open or partly filled orders below the new floor never fill again.
  const orders = account.orders.load();
  for (let i = 0; i < orders.length; i++) {
    const order = orders[i];
    const nonce = order.nonce;
    if (order.status != "OPEN" && order.status != "PARTIALLY_FILLED") continue;
    if (nonce === null || nonce.ge(minNonce)) continue;
    order.status = "NONCE_CANCELLED";
    order.updatedAtTimestamp = event.block.timestamp;
    order.save();
  }
}

export function recordFeeSet(event: ethereum.Event, feeBps: i32, feeWallet: Address): void {
  const market = loadMarket(event.address);
  market.feeBps = feeBps;
  market.feeWallet = feeWallet == Address.zero() ? null : changetype<Bytes>(feeWallet);
  market.save();
}
