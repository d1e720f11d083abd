/** The query cookbook of the README: every query is valid against the schema and answers on the scenario's data. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";

import { extractQueries, QueryEvaluator, type CookbookQuery } from "./cookbook.ts";
import { decodedLogs, distributionEntityId, harnessFor, loadScenario, SUBGRAPH_DIR, type Scenario } from "./fixture.ts";
import { Schema, Store, StoreKind, type Subgraph } from "./harness/index.ts";

const queries = extractQueries(readFileSync(path.join(SUBGRAPH_DIR, "..", "README.md"), "utf8"));

/** The scenario's `Trade` logs in chain order, addresses lower-cased, with their block's time. */
function tradeLogs(scenario: Scenario) {
  return decodedLogs(scenario, scenario.contracts.market, "Market")
    .filter((l) => l.event.name === "Trade")
    .map(({ event, block }) => ({
      token: (event.args.token as string).toLowerCase(),
      paymentToken: (event.args.paymentToken as string).toLowerCase(),
      seller: (event.args.seller as string).toLowerCase(),
      buyer: (event.args.buyer as string).toLowerCase(),
      price: event.args.price as bigint,
      amount: event.args.amount as bigint,
      payment: event.args.payment as bigint,
      fee: event.args.fee as bigint,
      timestamp: Number(BigInt(block.timestamp)),
    }));
}
type Row = Record<string, unknown>;

describe("query cookbook (the README)", () => {
  let scenario: Scenario;
  let sg: Subgraph;
  let evaluator: QueryEvaluator;
  let variables: Record<string, string | number>;
  const byName = (name: string): CookbookQuery => {
    const q = queries.find((x) => x.source.includes(`query ${name}`));
    assert.ok(q, `cookbook query ${name}`);
    return q;
  };
  const run = (name: string) => evaluator.run(byName(name).source, variables);
  const firstTradeTime = () => tradeLogs(scenario)[0].timestamp;

  before(() => {
    scenario = loadScenario();
    sg = harnessFor(scenario);
    sg.processChain(scenario.blocks);
    evaluator = new QueryEvaluator(sg.store);
    const released = sg.store.all("HeldEntitlement", { released: true })[0];
    variables = {
      distribution: distributionEntityId(scenario.contracts.distributor, 1n),
      holder: released.holder as string,
      token: scenario.contracts.token,
      payoutToken: scenario.contracts.payoutToken,
      securityToken: scenario.contracts.securityToken,
      investor: Object.keys(scenario.chain.securityToken.investors)[0],
      program: scenario.contracts.points + "01000000",
      offering: scenario.contracts.offering,
      offeringId: scenario.contracts.offering,
      pointsAccount: sg.store.all("PointsEntry", { kind: "SPEND" })[0].account as string,
      tokenFactory: scenario.contracts.tokenFactory,
      since: Math.floor(scenario.chain.platform.endTimestamp / 86_400) - 30,
      now: String(scenario.chain.platform.endTimestamp),
      ipToken: scenario.contracts.moon,
      from: String(Math.floor(firstTradeTime() / 86_400) * 86_400),
      to: String(Math.floor(firstTradeTime() / 86_400) * 86_400 + 2 * 86_400),
      windowStart: String(Math.floor(scenario.chain.platform.endTimestamp / 3600) * 3600 - 82_800),
      trader: scenario.chain.market.orders[0].maker,
    };
  });

  it("has at least 10 queries, each with the question it answers", () => {
    assert.ok(queries.length >= 10, `${queries.length} queries`);
    for (const q of queries) assert.match(q.title, /^\d+\. .+/);
  });

  it("runs every query against the schema and gets data back for each field", () => {
    for (const q of queries) {
      const result = evaluator.run(q.source, variables);
      for (const [field, value] of Object.entries(result)) {
        assert.ok(value !== null && !(Array.isArray(value) && value.length === 0), `${q.title}: ${field} is empty`);
      }
    }
  });

  it("1: reports each distribution's figures as the contract does", () => {
    const rows = run("DistributionsOverview").distributions as Row[];
    assert.deepEqual(
      rows.map((r) => [r.distributionId, r.amount, r.claimed, r.held, r.reclaimed]),
      scenario.chain.distributions.map((d) => [d.id, d.amount, d.claimed, d.held, d.reclaimed]),
    );
  });

  it("2: lists the active distributions with unclaimed money", () => {
    const rows = run("OpenDistributions").distributions as Row[];
    const open = scenario.chain.distributions.filter(
      (d) => d.status === 1 && BigInt(d.amount) - BigInt(d.claimed) > 0n,
    );
    assert.deepEqual(
      rows.map((r) => r.distributionId),
      open.map((d) => d.id),
    );
  });

  it("3: orders a distribution's payments by gross, largest first", () => {
    const claims = ((run("LargestPayments").distribution as Row).claims as Row[]).map((c) => BigInt(c.gross as string));
    assert.equal(claims.length, 10);
    const all = sg.store.all("Claim", { distribution: variables.distribution }).map((c) => c.gross as bigint);
    assert.deepEqual(claims, all.sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)).slice(0, 10));
  });

  it("4: gives a holder's history that adds up to its totals", () => {
    const account = run("HolderHistory").dividendAccount as Row;
    const claims = account.claims as Row[];
    assert.equal(account.claimCount, claims.length);
    assert.equal(claims.reduce((s, c) => s + BigInt(c.net as string), 0n).toString(), account.cumulativeNet);
    assert.ok(claims.some((c) => c.releasedFromHold === true));
    assert.deepEqual(
      (account.heldEntitlements as Row[]).map((h) => h.released),
      [true],
    );
  });

  it("5, 6, 7: ranks earners, adds up daily withholding, lists what is still held", () => {
    const earners = (run("TopEarners").dividendAccounts as Row[]).map((a) => BigInt(a.cumulativeNet as string));
    assert.deepEqual(
      earners,
      [...earners].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)),
    );
    const days = run("WithholdingByDay").dividendDailySnapshots as Row[];
    const token = sg.store.get("PayoutToken", scenario.contracts.payoutToken)!;
    assert.equal(
      days.reduce((s, d) => s + BigInt(d.dailyWithheld as string), 0n),
      token.cumulativeWithheld,
    );
    const held = run("HeldForFrozenHolders").heldEntitlements as Row[];
    const chainHeld = scenario.chain.distributions.flatMap((d) =>
      d.perHolder.filter((h) => h.heldFor !== "0").map((h) => [d.id, h.holder, h.heldFor]),
    );
    const byKey = (a: unknown[], b: unknown[]) => String(a).localeCompare(String(b));
    assert.deepEqual(
      held.map((h) => [(h.distribution as Row).distributionId, (h.holder as Row).id, h.gross]).sort(byKey),
      chainHeld.sort(byKey),
    );
  });

  it("14, 16: ranks wallets and investors by balance, as balanceOf and investorBalance report them", () => {
    const chain = scenario.chain.securityToken;
    const desc = (a: bigint, b: bigint) => (a > b ? -1 : a < b ? 1 : 0);
    const wallets = run("TopHolders").tokenBalances as Row[];
    assert.deepEqual(
      wallets.map((w) => BigInt(w.balance as string)),
      Object.values(chain.wallets)
        .map((w) => BigInt(w.balance))
        .filter((b) => b > 0n)
        .sort(desc)
        .slice(0, 10),
    );
    assert.ok(
      wallets.every((w) => (w.wallet as Row).investor !== null),
      "every holder is a known investor",
    );
    const investors = run("TopInvestors").investorBalances as Row[];
    assert.deepEqual(
      investors.map((i) => [(i.investor as Row).key, i.balance]),
      Object.values(chain.investors)
        .filter((i) => i.balance !== "0")
        .sort((a, b) => desc(BigInt(a.balance), BigInt(b.balance)))
        .slice(0, 10)
        .map((i) => [i.key, i.balance]),
    );
  });

  it("15, 17: gives the holder and investor counts of the contract, per day adding up", () => {
    const chain = scenario.chain.securityToken;
    const token = run("TokenOverview").token as Row;
    assert.deepEqual(
      [token.holderCount, token.investorCount, token.totalSupply],
      [chain.holderCount, chain.investorCount, chain.totalSupply],
    );
    const days = run("TokenDaily").tokenDailySnapshots as Row[];
    assert.equal((days[0] as Row).holderCount, chain.holderCount, "the latest day first");
    assert.equal(
      days.reduce((n, d) => n + (d.dailyTransferCount as number), 0),
      token.transferCount,
    );
  });

  it("18, 19: lists the freezes, forced transfers and recoveries in order", () => {
    const trail = run("ComplianceTrail").complianceActions as Row[];
    const kinds = trail.map((a) => a.kind);
    for (const kind of ["ADDRESS_FROZEN", "ADDRESS_UNFROZEN", "PARTIAL_FREEZE", "FORCED_TRANSFER", "WALLET_RECOVERED"])
      assert.ok(kinds.includes(kind), kind);
    const times = trail.map((a) => BigInt(a.blockTimestamp as string));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    const moves = run("ForcedMoves").transfers as Row[];
    assert.deepEqual(moves.map((m) => m.kind).sort(), ["FORCED", "RECOVERY"]);
  });

  it("20: an investor's wallets add up to its balance", () => {
    const investor = run("InvestorWallets").investor as Row;
    const chain = scenario.chain.securityToken.investors[variables.investor];
    assert.equal(investor.walletCount, chain.walletCount);
    // The investor also holds IP tokens (the platform part of the scenario): add up the suite token's balances.
    const ofSuiteToken = (b: Row) => (b.token as Row).id === scenario.contracts.securityToken;
    const summed = (investor.wallets as Row[]).reduce(
      (s, w) => s + (w.balances as Row[]).filter(ofSuiteToken).reduce((t, b) => t + BigInt(b.balance as string), 0n),
      0n,
    );
    assert.equal(summed.toString(), chain.balance);
    assert.equal((investor.balances as Row[]).find(ofSuiteToken)!.balance, chain.balance);
  });

  it("21, 22, 23: points leaderboard, ledger and days agree with the contract", () => {
    const chainBalances = scenario.chain.points.balances.filter((b) => b.programId === "1");
    const leaders = run("PointsLeaderboard").pointsAccounts as Row[];
    for (const l of leaders) {
      const chain = chainBalances.find((b) => b.account === l.account)!;
      assert.equal(l.balance, chain.balance);
    }
    const ledger = run("PointsLedger").pointsEntries as Row[];
    assert.ok(ledger.some((e) => e.kind === "SPEND") && ledger.some((e) => e.kind === "GRANT"));
    assert.equal(
      ledger.reduce((s, e) => s + BigInt(e.delta as string), 0n).toString(),
      ledger[ledger.length - 1].balance,
    );
    const days = run("PointsDaily").pointsDailySnapshots as Row[];
    const granted = days.reduce((s, d) => s + BigInt(d.dailyGranted as string), 0n);
    const spent = days.reduce((s, d) => s + BigInt(d.dailySpent as string), 0n);
    const totals = Object.values(scenario.chain.points.totals).reduce((s, t) => s + BigInt(t), 0n);
    assert.equal(granted - spent, totals);
  });

  it("24, 25: breaker trips and freezes, and each asset's status and price now", () => {
    const trips = run("BreakerTrips").breakerEvents as Row[];
    assert.deepEqual(trips.map((t) => t.kind).sort(), ["FROZEN", "TRIP", "TRIP"]);
    const STATUS = ["UNSET", "ACTIVE", "USING_FALLBACK", "TRIPPED", "FROZEN", "SEQUENCER_DOWN"];
    for (const asset of run("OracleStatus").oracleAssets as Row[]) {
      const chain = scenario.chain.oracle[asset.asset as string];
      assert.deepEqual([asset.status, asset.price], [STATUS[chain.status], chain.price]);
      assert.ok((asset.priceUpdates as Row[]).length > 0);
    }
  });

  it("26, 27, 28: the offering's outcome, subscriptions and days agree with the contract", () => {
    const chain = scenario.chain.offering;
    const outcome = run("OfferingOutcome").offering as Row;
    assert.deepEqual(
      [outcome.totalValue, outcome.totalTokensMinted, outcome.stableWithdrawn, outcome.oversubscribed],
      [chain.totalValue, chain.totalTokensMinted, chain.stableWithdrawn, true],
    );
    const subs = run("OfferingSubscriptions").offeringSubscriptions as Row[];
    for (const sub of subs) assert.equal(sub.tokens, chain.investors[sub.investor as string].tokens);
    const values = subs.map((x) => BigInt(x.value as string));
    assert.deepEqual(
      values,
      [...values].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)),
    );
    const days = run("OfferingDaily").offeringDailySnapshots as Row[];
    assert.equal(days[days.length - 1].totalValue, chain.totalValue);
  });

  it("29, 30: the offering's escrow, refused allocations, slots and treasury agree with the contract", () => {
    const chain = scenario.chain.offering;
    const money = run("OfferingMoney").offering as Row;
    assert.deepEqual(
      [money.stableEscrow, money.nativeEscrow, money.stableWithdrawn, money.reservedSlots, money.treasury],
      [chain.stableEscrow, chain.nativeEscrow, chain.stableWithdrawn, chain.reservedSlots, chain.treasury],
    );
    const refused = run("RefusedAllocations").offeringSubscriptions as Row[];
    assert.deepEqual(
      refused.map((r) => [r.investor, r.restrictionCode, r.stableRefund]),
      Object.entries(chain.investors)
        .filter(([, i]) => i.settled && i.tokens === "0")
        .map(([investor, i]) => [investor, 11, i.stableAmount]),
    );
  });

  it("31, 32, 33: skipped holders, token redemptions and oracle windows agree with the contracts", () => {
    const skips = run("SkippedHolders").claimSkips as Row[];
    const d4 = scenario.chain.distributions[3];
    for (const skip of skips) {
      const holder = (skip.holder as Row).id as string;
      assert.equal(skip.held, d4.perHolder.find((h) => h.holder === holder)!.heldFor, holder);
    }
    assert.equal(skips.length, 3);
    const [redemption] = run("TokenRedemptions").pointsTokenRedemptions as Row[];
    const tokenBound = scenario.chain.points.tokenBound;
    assert.deepEqual(
      [redemption.tokenId, (redemption.program as Row).gateEpochLength, (redemption.program as Row).gateMode],
      [tokenBound.tokenId, tokenBound.epochLength, "TOKEN_BOUND"],
    );
    for (const asset of run("OracleWindows").oracleAssets as Row[]) {
      const chain = scenario.chain.oracle[asset.asset as string];
      assert.deepEqual(
        [asset.cumulativeWindow, asset.cumulativeMaxDeviationBps, asset.windowAnchorPrice, asset.windowAnchorAt],
        [String(chain.window), chain.maxCumulativeDeviationBps, chain.anchorPrice, chain.anchorAt],
      );
    }
  });

  it("rejects queries graph-node would reject (unknown entity, field, filter or argument)", () => {
    assert.throws(() => evaluator.run("{ holders { id } }"), /Type `Query` has no field `holders`/);
    assert.throws(() => evaluator.run("{ distributions { payout } }"), /Type `Distribution` has no field `payout`/);
    assert.throws(() => evaluator.run("{ distributions(where: { size_gt: 1 }) { id } }"), /has no field `size`/);
    assert.throws(() => evaluator.run("{ distributions(limit: 1) { id } }"), /unknown argument limit/);
    assert.throws(
      () => evaluator.run("query Q($x: ID!) { distribution(id: $x) { id } }"),
      /variable \$x was not provided/,
    );
    assert.throws(() => evaluator.run("{ distributions { token } }"), /needs a selection/);
  });

  it("34: ranks the IPs by dividends paid in the last 30 days, as the distributor's Claimed logs add up", () => {
    const result = run("IpDividendsSince");
    const perIp = new Map<string, bigint>();
    for (const d of result.ipDailySnapshots as Row[]) {
      const id = (d.token as Row).id as string;
      perIp.set(id, (perIp.get(id) ?? 0n) + BigInt(d.dailyDividendsPaid as string));
    }
    const [moon, kumo] = scenario.chain.platform.tokens;
    const dist = scenario.chain.distributions.find((d) => d.id === scenario.chain.platform.moonDistribution)!;
    assert.deepEqual([...perIp.keys()], [moon.address], "only MOON paid dividends");
    assert.equal(perIp.get(moon.address), BigInt(dist.claimed) - BigInt(dist.held));
    const lifetime = result.tokens as Row[];
    assert.deepEqual(
      lifetime.map((t) => t.symbol),
      [moon.symbol, kumo.symbol],
    );
    assert.equal(lifetime[0].cumulativeDividendsPaid, perIp.get(moon.address)!.toString());
  });

  it("35: lists an investor's positions across IPs as the tokens report its balance", () => {
    const positions = (run("InvestorPositions").investor as Row).balances as Row[];
    const wallets = Object.keys(scenario.chain.platform.tokens[0].balances).slice(0, 2); // investor A's two wallets
    for (const ip of scenario.chain.platform.tokens) {
      const chain = wallets.reduce((s, w) => s + BigInt(ip.balances[w]), 0n);
      const row = positions.find((p) => (p.token as Row).id === ip.address);
      assert.equal(row?.balance ?? "0", chain.toString(), ip.symbol);
    }
    const symbols = positions.map((p) => (p.token as Row).symbol);
    assert.ok(symbols.includes("MOON") && symbols.includes("KUMO"), "A holds both IPs");
    assert.equal(positions.length, 3, "the suite token and two IPs");
  });

  it("36: lists the offerings open at the end of the scenario, with the terms the factory emitted", () => {
    const rows = run("OpenOfferings").offerings as Row[];
    assert.deepEqual(
      rows.map((r) => r.id),
      [scenario.contracts.moonOpenOffering],
    );
    const chain = scenario.chain.platform.tokens[0].offerings.find((o) => o.address === rows[0].id)!;
    assert.equal(rows[0].price, chain.price);
    assert.equal(rows[0].paymentDecimals, chain.paymentDecimals);
    assert.equal(rows[0].totalValue, chain.totalValue);
    assert.equal((rows[0].token as Row).symbol, "MOON");
  });
});

describe("query cookbook: the market", () => {
  let scenario: Scenario;
  let evaluator: QueryEvaluator;
  const run = (name: string, variables: Record<string, string>) => {
    const q = queries.find((x) => x.source.includes(`query ${name}`));
    assert.ok(q, `cookbook query ${name}`);
    return evaluator.run(q.source, variables);
  };
  let trades: ReturnType<typeof tradeLogs>;

  before(() => {
    scenario = loadScenario();
    const sg = harnessFor(scenario);
    sg.processChain(scenario.blocks);
    evaluator = new QueryEvaluator(sg.store);
    trades = tradeLogs(scenario);
  });

  it("37: gives an IP's hourly candles of a range, each the OHLCV of that hour's Trade logs", () => {
    const from = Math.floor(trades[0].timestamp / 86_400) * 86_400;
    const rows = run("IpCandles", {
      ipToken: scenario.contracts.moon,
      from: String(from),
      to: String(from + 86_400),
    }).candles as Row[];
    const inRange = trades.filter((t) => t.token === scenario.contracts.moon && t.timestamp < from + 86_400);
    const keys = [...new Set(inRange.map((t) => `${t.paymentToken}/${Math.floor(t.timestamp / 3600) * 3600}`))];
    assert.ok(rows.length >= 2, "two hours of the first day");
    assert.equal(rows.length, keys.length);
    for (const r of rows) {
      const hour = Number(r.periodStart);
      const mine = inRange.filter(
        (t) => t.paymentToken === r.paymentToken && Math.floor(t.timestamp / 3600) * 3600 === hour,
      );
      const prices = mine.map((t) => t.price);
      assert.deepEqual(
        [r.open, r.close, r.high, r.low, r.volume, r.paymentVolume, r.tradeCount],
        [
          String(prices[0]),
          String(prices[prices.length - 1]),
          String(prices.reduce((a, b) => (b > a ? b : a))),
          String(prices.reduce((a, b) => (b < a ? b : a))),
          String(mine.reduce((s, t) => s + t.amount, 0n)),
          String(mine.reduce((s, t) => s + t.payment, 0n)),
          mine.length,
        ],
      );
    }
  });

  it("38: gives every token's last price and its 24 h volume until the end of the scenario", () => {
    const end = scenario.chain.platform.endTimestamp;
    const windowStart = Math.floor(end / 3600) * 3600 - 82_800;
    const result = run("MarketOverview", { windowStart: String(windowStart) });
    const pairs = result.marketPairs as Row[];
    assert.equal(pairs.length, new Set(trades.map((t) => t.token + t.paymentToken)).size);
    for (const p of pairs) {
      const mine = trades.filter((t) => t.token + t.paymentToken.slice(2) === p.id);
      assert.equal(p.lastPrice, String(mine[mine.length - 1].price));
      const volume = (result.candles as Row[])
        .filter((c) => (c.pair as Row).id === p.id)
        .reduce((s, c) => s + BigInt(c.volume as string), 0n);
      assert.equal(
        volume,
        mine.filter((t) => t.timestamp >= windowStart).reduce((s, t) => s + t.amount, 0n),
      );
    }
  });

  it("39: gives a trader's history, newest first, as the Trade logs it is a party to", () => {
    const trader = scenario.chain.market.orders[0].maker;
    const account = run("TradeHistory", { trader }).marketAccount as Row;
    const mine = trades.filter((t) => t.seller === trader || t.buyer === trader).reverse();
    const rows = account.trades as Row[];
    assert.ok(mine.length >= 2 && new Set(rows.map((r) => r.side)).size === 2, "buys and sells");
    assert.deepEqual(
      rows.map((r) => [r.side, r.amount, r.price, r.payment]),
      mine.map((t) =>
        t.buyer === trader
          ? ["BUY", String(t.amount), String(t.price), String(t.payment)]
          : ["SELL", String(t.amount), String(t.price), String(t.payment - t.fee)],
      ),
    );
  });

  it("40: lists a token's open orders: not cancelled, not filled, not expired, not below the maker's nonce floor", () => {
    const now = scenario.chain.platform.endTimestamp;
    const rows = run("OpenOrders", { ipToken: scenario.contracts.moon, now: String(now) }).orders as Row[];
    const minNonces = scenario.chain.market.minNonces;
    const partly = scenario.chain.market.orders.filter(
      (o) => !o.cancelled && BigInt(o.filled) > 0n && BigInt(o.filled) < BigInt(o.amount),
    );
    const stale = partly.filter((o) => BigInt(o.nonce) < BigInt(minNonces[o.maker] ?? "0"));
    assert.equal(stale.length, 1, "A2's matched sell, invalidated by its cancelUpTo");
    const open = partly
      .filter((o) => !stale.includes(o) && BigInt(o.expiry) >= BigInt(now))
      .sort((a, b) =>
        BigInt(a.price) !== BigInt(b.price) ? (BigInt(a.price) < BigInt(b.price) ? -1 : 1) : a.hash < b.hash ? -1 : 1,
      );
    assert.ok(open.length >= 1);
    assert.deepEqual(
      rows.map((r) => [r.id, r.remaining, r.expiry, r.nonce]),
      open.map((o) => [o.hash, String(BigInt(o.amount) - BigInt(o.filled)), o.expiry, o.nonce]),
    );
    assert.ok(!rows.some((r) => r.id === stale[0].hash), "the order below the floor is not listed");
    // Past every order's expiry, nothing is open.
    const last = Math.max(...open.map((o) => Number(o.expiry)));
    assert.deepEqual(run("OpenOrders", { ipToken: scenario.contracts.moon, now: String(last + 1) }).orders, []);
    assert.equal(
      (run("OpenOrders", { ipToken: scenario.contracts.moon, now: String(last) }).orders as Row[]).length,
      open.filter((o) => Number(o.expiry) === last).length,
      "an order still fills in its expiry second",
    );
  });
});

describe("query evaluator: tie order", () => {
  // graph-node sorts `orderBy: f, orderDirection: d` as `ORDER BY f d, id d`: ties follow the direction too.
  const store = new Store(new Schema("type Thing @entity(immutable: true) { id: ID!, count: Int! }"));
  store.beginBlock(1);
  for (const [id, count] of [
    ["a", 1],
    ["b", 2],
    ["c", 1],
    ["d", 2],
  ] as const) {
    store.setData(
      "Thing",
      id,
      new Map([
        ["id", { kind: StoreKind.String, value: id }],
        ["count", { kind: StoreKind.Int, value: count }],
      ]),
    );
  }
  store.commitBlock();
  const ids = (direction: string) =>
    (
      new QueryEvaluator(store).run(`query { things(orderBy: count, orderDirection: ${direction}) { id } }`).things as {
        id: string;
      }[]
    ).map((t) => t.id);

  it("breaks ties by id desc when ordering desc", () => {
    assert.deepEqual(ids("desc"), ["d", "b", "c", "a"]);
  });

  it("breaks ties by id asc when ordering asc", () => {
    assert.deepEqual(ids("asc"), ["a", "c", "b", "d"]);
  });
});
