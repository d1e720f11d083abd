/**
 * Secondary market: every trade, order, cancel, candle and pair statistic the subgraph indexes agrees with the chain
 * on the scenario (trades recomputed from the receipts' `Trade` and `Transfer` logs, orders read back with
 * `orderState`, nonce floors with `minNonce`).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { Interface, ZeroHash, id as topicOf } from "ethers";

import { decodedLogs, harnessFor, loadScenario, type DecodedLog, type Scenario } from "./fixture.ts";
import type { Subgraph } from "./harness/index.ts";
import { ADDRESSES, SyntheticChain, T0 } from "./synthetic.ts";

const HOUR = 3600;
const DAY = 86_400;
const TRANSFER = topicOf("Transfer(address,address,uint256)");
const erc20 = new Interface(["event Transfer(address indexed from, address indexed to, uint256 value)"]);

interface ChainTrade {
  id: string;
  sellOrderHash: string;
  buyOrderHash: string;
  token: string;
  paymentToken: string;
  seller: string;
  buyer: string;
  price: bigint;
  amount: bigint;
  payment: bigint;
  fee: bigint;
  sellRemaining: bigint;
  buyRemaining: bigint;
  timestamp: number;
  blockNumber: bigint;
  txHash: string;
}

const lower = (x: unknown) => (x as string).toLowerCase();

function tradesOf(logs: DecodedLog[]): ChainTrade[] {
  return logs
    .filter((l) => l.event.name === "Trade")
    .map(({ event, log, block, id }) => {
      const a = event.args;
      return {
        id,
        sellOrderHash: lower(a.sellOrderHash),
        buyOrderHash: lower(a.buyOrderHash),
        token: lower(a.token),
        paymentToken: lower(a.paymentToken),
        seller: lower(a.seller),
        buyer: lower(a.buyer),
        price: a.price as bigint,
        amount: a.amount as bigint,
        payment: a.payment as bigint,
        fee: a.fee as bigint,
        sellRemaining: a.sellRemaining as bigint,
        buyRemaining: a.buyRemaining as bigint,
        timestamp: Number(BigInt(block.timestamp)),
        blockNumber: BigInt(block.number),
        txHash: log.transactionHash.toLowerCase(),
      };
    });
}

/** Reference OHLCV, computed from the trades in log order. */
function referenceCandles(trades: ChainTrade[]) {
  const candles = new Map<string, Record<string, unknown>>();
  for (const t of trades) {
    for (const [interval, seconds] of [
      ["HOUR", HOUR],
      ["DAY", DAY],
    ] as const) {
      const periodStart = BigInt(Math.floor(t.timestamp / seconds) * seconds);
      const key = `${t.token}/${t.paymentToken}/${interval}/${periodStart}`;
      const c = candles.get(key);
      if (!c) {
        candles.set(key, {
          token: t.token,
          paymentToken: t.paymentToken,
          interval,
          periodStart,
          open: t.price,
          high: t.price,
          low: t.price,
          close: t.price,
          volume: t.amount,
          paymentVolume: t.payment,
          fees: t.fee,
          tradeCount: 1,
        });
      } else {
        c.high = t.price > (c.high as bigint) ? t.price : c.high;
        c.low = t.price < (c.low as bigint) ? t.price : c.low;
        c.close = t.price;
        c.volume = (c.volume as bigint) + t.amount;
        c.paymentVolume = (c.paymentVolume as bigint) + t.payment;
        c.fees = (c.fees as bigint) + t.fee;
        c.tradeCount = (c.tradeCount as number) + 1;
      }
    }
  }
  return candles;
}

/** Reference 24 h window as of `last`: the trades of the pair in its hour and the 23 hours before. */
function reference24h(trades: ChainTrade[], last: ChainTrade) {
  const start = (Math.floor(last.timestamp / HOUR) - 23) * HOUR;
  const inWindow = trades.filter(
    (t) =>
      t.token === last.token &&
      t.paymentToken === last.paymentToken &&
      t.timestamp >= start &&
      t.blockNumber <= last.blockNumber,
  );
  return {
    volume24h: inWindow.reduce((s, t) => s + t.amount, 0n),
    paymentVolume24h: inWindow.reduce((s, t) => s + t.payment, 0n),
    tradeCount24h: inWindow.length,
    window24hStart: BigInt(start),
  };
}

describe("scenario: the market agrees with the chain", () => {
  let scenario: Scenario;
  let sg: Subgraph;
  let logs: DecodedLog[];
  let trades: ChainTrade[];

  before(() => {
    scenario = loadScenario();
    sg = harnessFor(scenario);
    sg.processChain(scenario.blocks);
    logs = decodedLogs(scenario, scenario.contracts.market, "Market");
    trades = tradesOf(logs);
  });

  it("exercises fills, a partial fill, a match, cancels and a cancelUpTo over two hours and two days", () => {
    assert.ok(
      trades.some((t) => t.sellOrderHash !== ZeroHash && t.buyOrderHash !== ZeroHash),
      "a match",
    );
    assert.ok(
      trades.some((t) => t.sellOrderHash !== ZeroHash && t.sellRemaining > 0n),
      "a partial fill",
    );
    assert.ok(
      trades.some((t) => t.sellOrderHash === ZeroHash),
      "a buy-order fill",
    );
    assert.ok(logs.some((l) => l.event.name === "OrderCancelled"));
    assert.ok(logs.some((l) => l.event.name === "NoncesCancelled"));
    const moonUsdc = trades.filter((t) => t.paymentToken === scenario.contracts.payoutToken);
    assert.ok(new Set(moonUsdc.map((t) => Math.floor(t.timestamp / HOUR))).size >= 3);
    assert.ok(new Set(moonUsdc.map((t) => Math.floor(t.timestamp / DAY))).size >= 2);
  });

  it("has one Trade per Trade log, equal to the log and to the token and payment transfers of its receipt", () => {
    assert.equal(sg.store.count("Trade"), trades.length);
    const feeWallet = scenario.chain.market.feeWallet;
    for (const t of trades) {
      const e = sg.store.get("Trade", t.id)!;
      const isMatch = t.sellOrderHash !== ZeroHash && t.buyOrderHash !== ZeroHash;
      assert.deepEqual(
        [e.kind, e.sellOrder, e.buyOrder, e.seller, e.buyer, e.token, e.paymentToken, e.price, e.amount],
        [
          isMatch ? "MATCH" : "FILL",
          t.sellOrderHash === ZeroHash ? undefined : t.sellOrderHash,
          t.buyOrderHash === ZeroHash ? undefined : t.buyOrderHash,
          t.seller,
          t.buyer,
          t.token,
          t.paymentToken,
          t.price,
          t.amount,
        ],
      );
      assert.deepEqual(
        [e.payment, e.fee, e.sellerProceeds, e.sellRemaining, e.buyRemaining, e.feeWallet],
        [t.payment, t.fee, t.payment - t.fee, t.sellRemaining, t.buyRemaining, feeWallet],
      );
      const makerIsSeller = t.sellOrderHash !== ZeroHash;
      assert.deepEqual([e.maker, e.taker], makerIsSeller ? [t.seller, t.buyer] : [t.buyer, t.seller]);
      assert.deepEqual(
        [e.blockNumber, e.blockTimestamp, e.transactionHash],
        [t.blockNumber, BigInt(t.timestamp), t.txHash],
      );

      // What the receipt moved: the token from the seller to the buyer, the proceeds and the fee from the buyer.
      const receipt = scenario.blocks
        .flatMap((b) => b.receipts)
        .find((r) => r.transactionHash.toLowerCase() === t.txHash)!;
      const tx = scenario.blocks.flatMap((b) => b.block.transactions).find((x) => x.hash.toLowerCase() === t.txHash)!;
      assert.equal(e.sender, lower(tx.from));
      const moves = receipt.logs
        .filter((l) => l.topics[0] === TRANSFER)
        .map((l) => {
          const p = erc20.parseLog(l)!;
          return [lower(l.address), lower(p.args.from), lower(p.args.to), p.args.value as bigint];
        });
      assert.deepEqual(moves, [
        [t.token, t.seller, t.buyer, t.amount],
        [t.paymentToken, t.buyer, t.seller, t.payment - t.fee],
        ...(t.fee > 0n ? [[t.paymentToken, t.buyer, feeWallet, t.fee]] : []),
      ]);
      // The fee is the contract's: 25 bps of the seller's proceeds (sell-order fill, match) or of the buyer's payment.
      const base = makerIsSeller ? t.payment - t.fee : t.payment;
      assert.equal(t.fee, (base * BigInt(scenario.chain.market.feeBps)) / 10_000n);
    }
  });

  it("has every order the chain has seen (OrderOpened) with orderState's filled and cancelled flag and the signed terms", () => {
    const opened = logs.filter((l) => l.event.name === "OrderOpened").map((l) => lower(l.event.args.orderHash));
    const seen = new Set(opened);
    assert.equal(seen.size, opened.length, "one OrderOpened per order");
    // Every order a trade or a cancel names was opened in the same transaction or before.
    for (const l of logs) {
      if (l.event.name === "Trade") {
        for (const h of [lower(l.event.args.sellOrderHash), lower(l.event.args.buyOrderHash)])
          if (h !== ZeroHash) assert.ok(seen.has(h), h);
      }
      if (l.event.name === "OrderCancelled") assert.ok(seen.has(lower(l.event.args.orderHash)));
    }
    assert.equal(sg.store.count("Order"), seen.size);
    assert.equal(sg.store.get("Market", scenario.contracts.market)!.orderCount, seen.size);
    const statuses = new Set<string>();
    const minNonces = scenario.chain.market.minNonces;
    for (const o of scenario.chain.market.orders) {
      const e = sg.store.get("Order", o.hash);
      if (!seen.has(o.hash)) {
        assert.equal(e, undefined, `${o.hash} never reached the chain`);
        continue;
      }
      assert.ok(e, o.hash);
      statuses.add(e.status as string);
      assert.equal(e.maker, o.maker);
      assert.equal(e.filled, BigInt(o.filled), `${o.hash} filled`);
      const traded = trades.filter((t) => t.sellOrderHash === o.hash || t.buyOrderHash === o.hash);
      assert.equal(e.tradeCount, traded.length);
      // The terms come from OrderOpened, also for a buy order only ever matched and an order cancelled untraded.
      assert.deepEqual(
        [e.side, e.token, e.paymentToken, e.price, e.amount, e.remaining, e.expiry, e.nonce],
        [
          ["BUY", "SELL"][o.side],
          o.token,
          o.paymentToken,
          BigInt(o.price),
          BigInt(o.amount),
          BigInt(o.amount) - BigInt(o.filled),
          BigInt(o.expiry),
          BigInt(o.nonce),
        ],
        `${o.hash} terms`,
      );
      const expected = o.cancelled
        ? "CANCELLED"
        : BigInt(o.filled) === BigInt(o.amount)
          ? "FILLED"
          : BigInt(o.nonce) < BigInt(minNonces[o.maker] ?? "0")
            ? "NONCE_CANCELLED"
            : BigInt(o.filled) > 0n
              ? "PARTIALLY_FILLED"
              : "OPEN";
      assert.equal(e.status, expected, `${o.hash} status`);
    }
    assert.ok(statuses.has("CANCELLED") && statuses.has("FILLED") && statuses.has("NONCE_CANCELLED"));
    // A cancel of an order that never traded still gives the order its terms.
    const untradedCancel = scenario.chain.market.orders.find(
      (o) => o.cancelled && BigInt(o.filled) === 0n && seen.has(o.hash),
    );
    assert.ok(untradedCancel, "an order cancelled before it traded");
  });

  it("records each cancel and cancelUpTo, and each trader's nonce floor equals minNonce", () => {
    for (const l of logs.filter((x) => x.event.name === "OrderCancelled")) {
      const e = sg.store.get("OrderCancel", l.id)!;
      assert.deepEqual(
        [e.order, e.maker, e.filled],
        [lower(l.event.args.orderHash), lower(l.event.args.maker), l.event.args.filled],
      );
    }
    const nonceLogs = logs.filter((x) => x.event.name === "NoncesCancelled");
    for (const l of nonceLogs) {
      const e = sg.store.get("NonceCancel", l.id)!;
      assert.deepEqual(
        [e.maker, e.minNonce, e.previousMinNonce],
        [lower(l.event.args.maker), l.event.args.minNonce, 0n],
      );
    }
    for (const [wallet, minNonce] of Object.entries(scenario.chain.market.minNonces))
      assert.equal(sg.store.get("MarketAccount", wallet)!.minNonce, BigInt(minNonce), wallet);
    const market = sg.store.get("Market", scenario.contracts.market)!;
    assert.deepEqual(
      [market.feeBps, market.feeWallet, market.tradeCount, market.cancelCount, market.nonceCancelCount],
      [
        scenario.chain.market.feeBps,
        scenario.chain.market.feeWallet,
        trades.length,
        logs.filter((x) => x.event.name === "OrderCancelled").length,
        nonceLogs.length,
      ],
    );
  });

  it("has the hourly and daily candles of every pair as recomputed from the Trade logs", () => {
    const reference = referenceCandles(trades);
    assert.equal(sg.store.count("Candle"), reference.size);
    for (const c of reference.values()) {
      const seconds = c.interval === "HOUR" ? HOUR : DAY;
      const [match] = sg.store.all("Candle", {
        token: c.token as string,
        paymentToken: c.paymentToken as string,
        interval: c.interval as string,
        periodStart: c.periodStart as bigint,
      });
      assert.ok(match, `candle ${c.token}/${c.paymentToken} ${c.interval} ${c.periodStart}`);
      assert.equal(Number(match.periodStart as bigint) % seconds, 0);
      for (const f of ["open", "high", "low", "close", "volume", "paymentVolume", "fees", "tradeCount"])
        assert.equal(match[f], c[f], `${c.interval} ${c.periodStart} ${f}`);
    }
    const hourly = [...reference.values()].filter((c) => c.interval === "HOUR");
    assert.ok(
      hourly.some((c) => (c.tradeCount as number) > 1),
      "an hour with two trades",
    );
    assert.ok(
      [...reference.values()].some((c) => c.interval === "DAY" && c.open !== c.close),
      "a day that moved",
    );
  });

  it("has each pair's last price, lifetime figures and 24 h window, also after each trade as it happened", () => {
    const pairs = new Map<string, ChainTrade[]>();
    for (const t of trades)
      pairs.set(t.token + t.paymentToken.slice(2), [...(pairs.get(t.token + t.paymentToken.slice(2)) ?? []), t]);
    assert.equal(sg.store.count("MarketPair"), pairs.size);
    for (const [id, list] of pairs) {
      const last = list[list.length - 1];
      const e = sg.store.get("MarketPair", id)!;
      assert.deepEqual(
        [e.lastPrice, e.lastTrade, e.lastTradeTimestamp, e.tradeCount],
        [last.price, last.id, BigInt(last.timestamp), list.length],
      );
      assert.deepEqual(
        [e.cumulativeVolume, e.cumulativePaymentVolume, e.cumulativeFees],
        [
          list.reduce((s, t) => s + t.amount, 0n),
          list.reduce((s, t) => s + t.payment, 0n),
          list.reduce((s, t) => s + t.fee, 0n),
        ],
      );
    }
    // Replay block by block: after every trade, its pair's window is the reference's as of that trade.
    const replay = harnessFor(scenario);
    const byBlock = new Map(trades.map((t) => [t.blockNumber, t]));
    let crossed = 0;
    for (const { block, receipts } of scenario.blocks) {
      replay.processBlock(block, receipts);
      const t = byBlock.get(BigInt(block.number));
      if (!t) continue;
      const pairTrades = trades.filter((x) => x.token === t.token && x.paymentToken === t.paymentToken);
      const want = reference24h(pairTrades, t);
      const e = replay.store.get("MarketPair", t.token + t.paymentToken.slice(2))!;
      assert.deepEqual(
        [e.volume24h, e.paymentVolume24h, e.tradeCount24h, e.window24hStart],
        [want.volume24h, want.paymentVolume24h, want.tradeCount24h, want.window24hStart],
        `24 h window after the trade in block ${block.number}`,
      );
      const before = pairTrades.filter((x) => x.blockNumber <= t.blockNumber);
      if (want.tradeCount24h < before.length && want.tradeCount24h > 1) crossed++;
    }
    assert.ok(crossed >= 1, "a window that holds some but not all earlier trades");
  });

  it("gives each party one history entry per trade, with the investor its wallet is linked to", () => {
    assert.equal(sg.store.count("AccountTrade"), 2 * trades.length);
    const wallets = new Set(trades.flatMap((t) => [t.seller, t.buyer]));
    for (const wallet of wallets) {
      const mine = trades.filter((t) => t.seller === wallet || t.buyer === wallet);
      const entries = sg.store.all("AccountTrade", { account: wallet });
      assert.equal(entries.length, mine.length, wallet);
      for (const t of mine) {
        const side = t.seller === wallet ? "SELL" : "BUY";
        const e = entries.find((x) => x.trade === t.id && x.side === side)!;
        assert.ok(e, `${wallet} ${t.id}`);
        assert.deepEqual(
          [e.counterparty, e.amount, e.price, e.payment, e.isMaker],
          [
            side === "SELL" ? t.buyer : t.seller,
            t.amount,
            t.price,
            side === "SELL" ? t.payment - t.fee : t.payment,
            side === "SELL" ? t.sellOrderHash !== ZeroHash : t.buyOrderHash !== ZeroHash,
          ],
        );
        const linked = sg.store.get("Wallet", wallet)?.investor;
        assert.ok(linked, `${wallet} is a registered investor's wallet`);
        assert.equal(e.investor, linked);
      }
      const account = sg.store.get("MarketAccount", wallet)!;
      assert.deepEqual(
        [account.tradeCount, account.cumulativeBought, account.cumulativeSold],
        [
          mine.length,
          mine.filter((t) => t.buyer === wallet).reduce((s, t) => s + t.amount, 0n),
          mine.filter((t) => t.seller === wallet).reduce((s, t) => s + t.amount, 0n),
        ],
      );
    }
  });
});

describe("market handlers on synthetic logs", () => {
  const TOKEN = "0x00000000000000000000000000000000000000a1";
  const USD = "0x00000000000000000000000000000000000000a2";
  const SELLER = "0x00000000000000000000000000000000000000b1";
  const BUYER = "0x00000000000000000000000000000000000000b2";
  const WALLET = "0x00000000000000000000000000000000000000fe";
  const SELL = "0x" + "51".repeat(32);
  const BUY = "0x" + "b0".repeat(32);
  const trade = (sell: string, buy: string, price: bigint, amount: bigint, sellLeft: bigint, buyLeft: bigint) => ({
    source: "Market" as const,
    name: "Trade",
    args: [sell, buy, TOKEN, SELLER, BUYER, USD, price, amount, amount * price, 0n, sellLeft, buyLeft],
  });

  it("keeps a matched buy order's limit unknown until a fill of it carries it, and cancels a filled order", () => {
    const c = new SyntheticChain();
    c.block([trade(SELL, BUY, 5n, 10n, 0n, 30n)], T0 + 100);
    let buy = c.sg.store.get("Order", BUY)!;
    assert.deepEqual([buy.price, buy.amount, buy.remaining, buy.status], [undefined, 40n, 30n, "PARTIALLY_FILLED"]);
    assert.deepEqual([c.sg.store.get("Order", SELL)!.price, c.sg.store.get("Order", SELL)!.status], [5n, "FILLED"]);
    c.block([trade(ZeroHash, BUY, 7n, 30n, 0n, 0n)], T0 + 200);
    buy = c.sg.store.get("Order", BUY)!;
    assert.deepEqual([buy.price, buy.filled, buy.remaining, buy.status, buy.tradeCount], [7n, 40n, 0n, "FILLED", 2]);
    c.block([{ source: "Market", name: "OrderCancelled", args: [BUY, BUYER, 40n] }], T0 + 300);
    buy = c.sg.store.get("Order", BUY)!;
    assert.deepEqual([buy.status, buy.filled, buy.remaining], ["CANCELLED", 40n, 0n]);
    assert.equal(c.sg.store.get("Market", ADDRESSES.Market)!.orderCount, 2);
  });

  const opened = (
    hash: string,
    maker: string,
    side: number,
    price: bigint,
    amount: bigint,
    expiry: bigint,
    nonce: bigint,
  ) => ({
    source: "Market" as const,
    name: "OrderOpened",
    args: [hash, maker, TOKEN, side, USD, price, amount, expiry, nonce],
  });

  it("opens an order with its terms, and a cancelUpTo voids the maker's open orders below the floor only", () => {
    const c = new SyntheticChain();
    const LOW = "0x" + "11".repeat(32);
    const HIGH = "0x" + "22".repeat(32);
    const DONE = "0x" + "33".repeat(32);
    c.block(
      [
        opened(LOW, SELLER, 1, 5n, 40n, BigInt(T0 + 3600), 2n),
        opened(HIGH, SELLER, 1, 6n, 10n, BigInt(T0 + 7200), 9n),
        opened(DONE, SELLER, 1, 7n, 10n, BigInt(T0 + 7200), 1n),
        trade(LOW, ZeroHash, 5n, 10n, 30n, 0n),
        trade(DONE, ZeroHash, 7n, 10n, 0n, 0n),
      ],
      T0 + 100,
    );
    const high = c.sg.store.get("Order", HIGH)!;
    assert.deepEqual(
      [high.side, high.token, high.paymentToken, high.price, high.amount, high.remaining, high.expiry, high.nonce],
      ["SELL", TOKEN, USD, 6n, 10n, 10n, BigInt(T0 + 7200), 9n],
    );
    assert.deepEqual([high.status, high.filled, high.tradeCount], ["OPEN", 0n, 0]);
    assert.equal(c.sg.store.get("Order", LOW)!.status, "PARTIALLY_FILLED");
    c.block([{ source: "Market", name: "NoncesCancelled", args: [SELLER, 5n] }], T0 + 200);
    assert.deepEqual(
      [LOW, HIGH, DONE].map((h) => c.sg.store.get("Order", h)!.status),
      ["NONCE_CANCELLED", "OPEN", "FILLED"],
    );
    c.block([{ source: "Market", name: "OrderCancelled", args: [HIGH, SELLER, 0n] }], T0 + 300);
    assert.deepEqual(
      [c.sg.store.get("Order", HIGH)!.status, c.sg.store.get("Market", ADDRESSES.Market)!.orderCount],
      ["CANCELLED", 3],
    );
  });

  it("drops the hours older than the window from the 24 h figures and keeps the old candles", () => {
    const c = new SyntheticChain();
    const start = T0 + 5 * HOUR;
    c.block([trade(SELL, ZeroHash, 5n, 10n, 90n, 0n)], start);
    c.block([trade(SELL, ZeroHash, 6n, 20n, 70n, 0n)], start + 23 * HOUR);
    const pairId = TOKEN + USD.slice(2);
    let pair = c.sg.store.get("MarketPair", pairId)!;
    assert.deepEqual([pair.volume24h, pair.tradeCount24h], [30n, 2], "23 hours later: both in the window");
    c.block([trade(SELL, ZeroHash, 4n, 1n, 69n, 0n)], start + 24 * HOUR);
    pair = c.sg.store.get("MarketPair", pairId)!;
    assert.deepEqual(
      [pair.volume24h, pair.paymentVolume24h, pair.tradeCount24h, pair.window24hStart, pair.lastPrice],
      [21n, 124n, 2, BigInt(start + HOUR), 4n],
      "24 hours later: the first hour left the window",
    );
    assert.equal(c.sg.store.count("Candle", { interval: "HOUR" }), 3);
    const days = c.sg.store
      .all("Candle", { interval: "DAY" })
      .map((d) => [d.periodStart, d.open, d.high, d.low, d.close, d.volume]);
    assert.deepEqual(days, [
      [BigInt(T0), 5n, 5n, 5n, 5n, 10n],
      [BigInt(T0 + DAY), 6n, 6n, 4n, 4n, 21n],
    ]);
  });

  it("clears the fee wallet when the fee is switched off, and stamps each trade with the wallet of its time", () => {
    const c = new SyntheticChain();
    c.block([{ source: "Market", name: "FeeSet", args: [25, WALLET] }]);
    const first = c.block([trade(SELL, ZeroHash, 5n, 10n, 90n, 0n)]);
    c.block([{ source: "Market", name: "FeeSet", args: [0, "0x" + "00".repeat(20)] }]);
    const second = c.block([trade(SELL, ZeroHash, 5n, 10n, 80n, 0n)]);
    const market = c.sg.store.get("Market", ADDRESSES.Market)!;
    assert.deepEqual([market.feeBps, market.feeWallet], [0, undefined]);
    assert.equal(c.sg.store.all("Trade", { transactionHash: first.txHash })[0].feeWallet, WALLET);
    assert.equal(c.sg.store.all("Trade", { transactionHash: second.txHash })[0].feeWallet, undefined);
  });
});
