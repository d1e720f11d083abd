/**
 * The IP platform (issue 18): the factories are data sources, each IP token and offering they create is a template
 * instance indexed from its creation block. The scenario lists two IPs and opens three offerings after every start
 * block of the address book, with subscriptions, settlement, transfers and a distribution on MOON; the indexed
 * metadata, terms, balances, per-IP daily snapshots and platform totals agree with the chain.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { id, ZeroAddress } from "ethers";

import { decodedLogs, harnessFor, loadScenario, type Scenario } from "./fixture.ts";
import type { PlainEntity, Subgraph } from "./harness/index.ts";
import { ADDRESSES, SENDER, SyntheticChain, type SyntheticEvent } from "./synthetic.ts";

const STATUS = ["ACTIVE", "SUCCEEDED", "FAILED", "CANCELLED"];
const PLATFORM_ID = "0x" + Buffer.from("platform").toString("hex");

describe("scenario: the IP platform (factories and templates) agrees with the chain", () => {
  let scenario: Scenario;
  let sg: Subgraph;

  before(() => {
    scenario = loadScenario();
    sg = harnessFor(scenario);
    sg.processChain(scenario.blocks);
  });

  /** Every log of `address` decoded with the ABI of `source`, across the scenario. */
  const logsOf = (address: string, source: string) => decodedLogs(scenario, address, source);

  it("creates the IPs and offerings after every start block of the address book", () => {
    const starts = Object.entries(scenario.addressBook.contracts)
      .filter(([name]) => !name.endsWith("Factory"))
      .map(([, c]) => c.blockNumber);
    const created = logsOf(scenario.contracts.tokenFactory, "TokenFactory").filter(
      (l) => l.event.name === "TokenCreated",
    );
    assert.equal(created.length, 2);
    for (const l of created) assert.ok(Number(l.log.blockNumber) > Math.max(...starts));
    for (const ip of scenario.chain.platform.tokens)
      assert.ok(
        !Object.values(scenario.addressBook.contracts).some((c) => c.address.toLowerCase() === ip.address),
        "an IP token is in no fixed data source",
      );
  });

  it("indexes each IP token's metadata from TokenCreated, and its supply and holders from its own events", () => {
    for (const chain of scenario.chain.platform.tokens) {
      const token = sg.store.get("Token", chain.address)!;
      assert.ok(token, chain.symbol);
      assert.equal(token.isSecurityToken, true);
      assert.equal(token.ipId, chain.ipId);
      assert.equal(token.name, chain.name);
      assert.equal(token.symbol, chain.symbol);
      assert.equal(token.decimals, chain.decimals);
      assert.equal(token.factory, scenario.contracts.tokenFactory);
      assert.equal(token.totalSupply, BigInt(chain.totalSupply), `${chain.symbol} supply`);
      assert.equal(token.holderCount, chain.holderCount, `${chain.symbol} holders`);
      assert.equal(token.investorCount, chain.investorCount, `${chain.symbol} investors`);
      assert.equal(token.registry, scenario.contracts.registry, "bound to the shared registry");
      assert.equal(token.offeringCount, chain.offerings.length);
      for (const [wallet, balance] of Object.entries(chain.balances)) {
        const b = sg.store.get("TokenBalance", chain.address + wallet.slice(2));
        assert.equal(b?.balance ?? 0n, BigInt(balance), `${chain.symbol} ${wallet}`);
      }
    }
    const [moon] = scenario.chain.platform.tokens;
    assert.equal(sg.store.get("Token", moon.address)!.uri, "ipfs://moonlit");
  });

  it("indexes each factory offering's terms from OfferingCreated, and its outcome from its own events", () => {
    let seen = 0;
    for (const ip of scenario.chain.platform.tokens)
      for (const chain of ip.offerings) {
        const o = sg.store.get("Offering", chain.address)!;
        assert.ok(o, chain.address);
        seen += 1;
        assert.equal(o.token, ip.address);
        assert.equal(o.factoryIndex, BigInt(chain.index));
        assert.equal(o.paymentToken, chain.paymentToken);
        assert.equal(o.paymentDecimals, chain.paymentDecimals);
        assert.equal(o.price, BigInt(chain.price));
        assert.equal(o.softCap, BigInt(chain.softCap));
        assert.equal(o.hardCap, BigInt(chain.hardCap));
        assert.equal(o.startTime, BigInt(chain.startTime));
        assert.equal(o.endTime, BigInt(chain.endTime));
        assert.equal(o.lockupEnd, BigInt(chain.lockupEnd));
        assert.equal(o.lockupGranted, chain.lockupEnd !== "0");
        assert.equal(o.status, STATUS[chain.status]);
        assert.equal(o.totalValue, BigInt(chain.totalValue));
        assert.equal(o.totalTokensMinted, BigInt(chain.totalTokensMinted));
        assert.equal(o.stableWithdrawn, BigInt(chain.stableWithdrawn));
      }
    assert.equal(seen, 3);
    const moonOpen = sg.store.get("Offering", scenario.contracts.moonOpenOffering)!;
    assert.equal(moonOpen.status, "ACTIVE");
    assert.ok((moonOpen.endTime as bigint) > BigInt(scenario.chain.platform.endTimestamp), "still open at the end");
  });

  it("learns the payout token's decimals from an offering paid in it", () => {
    const payout = sg.store.get("PayoutToken", scenario.contracts.payoutToken)!;
    const moon = scenario.chain.platform.tokens[0];
    assert.equal(moon.offerings[0].paymentToken, scenario.contracts.payoutToken);
    assert.equal(payout.decimals, moon.offerings[0].paymentDecimals);
    assert.equal(sg.store.get("PaymentToken", scenario.contracts.payoutToken)!.decimals, 6);
  });

  it("keeps per-IP daily snapshots whose last day matches the chain and whose days add up", () => {
    for (const chain of scenario.chain.platform.tokens) {
      const days = sg.store
        .all("IpDailySnapshot", { token: chain.address })
        .sort((a, b) => (a.day as number) - (b.day as number));
      assert.ok(days.length >= (chain.symbol === "MOON" ? 3 : 1), `${chain.symbol}'s active days`);
      const last = days[days.length - 1];
      assert.equal(last.totalSupply, BigInt(chain.totalSupply));
      assert.equal(last.holderCount, chain.holderCount);
      const token = sg.store.get("Token", chain.address)!;
      const sum = (field: string) => days.reduce((s: bigint, d: PlainEntity) => s + (d[field] as bigint), 0n);
      assert.equal(sum("dailyRaised"), token.cumulativeRaised);
      assert.equal(sum("dailyDividendsPaid"), token.cumulativeDividendsPaid);
      assert.equal(last.cumulativeRaised, token.cumulativeRaised);
    }
  });

  it("sums money raised (charged at settlement) per IP from the offerings' Claimed logs", () => {
    for (const chain of scenario.chain.platform.tokens) {
      let charged = 0n;
      for (const o of chain.offerings)
        for (const l of logsOf(o.address, "Offering"))
          if (l.event.name === "Claimed") charged += l.event.args.stableCharged as bigint;
      assert.ok(charged > 0n || chain.offerings.every((o) => o.status !== 1), chain.symbol);
      assert.equal(sg.store.get("Token", chain.address)!.cumulativeRaised, charged, `${chain.symbol} raised`);
      const withdrawn = chain.offerings.reduce((s, o) => s + BigInt(o.stableWithdrawn), 0n);
      assert.ok(withdrawn <= charged);
    }
  });

  it("sums dividends paid per IP from the distributor's Claimed logs of its distributions", () => {
    const [moon, kumo] = scenario.chain.platform.tokens;
    const chainDist = scenario.chain.distributions.find((d) => d.id === scenario.chain.platform.moonDistribution)!;
    assert.equal(chainDist.token, moon.address);
    const paid = logsOf(scenario.contracts.distributor, "DividendDistributor")
      .filter((l) => l.event.name === "Claimed" && l.event.args.distributionId === BigInt(chainDist.id))
      .reduce((s, l) => s + (l.event.args.gross as bigint), 0n);
    assert.ok(paid > 0n);
    assert.equal(BigInt(chainDist.claimed) - BigInt(chainDist.held), paid, "the contract's claimed minus held");
    assert.equal(sg.store.get("Token", moon.address)!.cumulativeDividendsPaid, paid);
    assert.equal(sg.store.get("Token", kumo.address)!.cumulativeDividendsPaid, 0n);
  });

  it("keeps platform totals: IPs, offerings, raised, dividends paid and holders across IPs", () => {
    const platform = sg.store.get("Platform", PLATFORM_ID)!;
    const tokens = scenario.chain.platform.tokens;
    assert.equal(platform.ipCount, tokens.length);
    assert.equal(
      platform.offeringCount,
      tokens.reduce((n, t) => n + t.offerings.length, 0),
    );
    const raised = tokens.reduce((s, t) => s + (sg.store.get("Token", t.address)!.cumulativeRaised as bigint), 0n);
    assert.equal(platform.cumulativeRaised, raised);
    const paid = tokens.reduce((s, t) => s + (sg.store.get("Token", t.address)!.cumulativeDividendsPaid as bigint), 0n);
    assert.equal(platform.cumulativeDividendsPaid, paid);
    const holders = new Set<string>();
    let positions = 0;
    for (const t of tokens)
      for (const [wallet, balance] of Object.entries(t.balances))
        if (balance !== "0") {
          holders.add(wallet);
          positions += 1;
        }
    assert.equal(platform.holderCount, holders.size);
    assert.equal(platform.positionCount, positions);
    assert.ok(positions > holders.size, "an investor holds both IPs");
  });

  it("starts each template at its creation block: the creating block's own later logs are indexed", () => {
    // The template of every factory offering handled each of its Subscribed logs.
    for (const ip of scenario.chain.platform.tokens)
      for (const o of ip.offerings) {
        const subscribed = logsOf(o.address, "Offering").filter((l) => l.event.name === "Subscribed").length;
        assert.equal(sg.store.get("Offering", o.address)!.subscribeCount, subscribed);
      }
    assert.ok(sg.dataSources.filter((ds) => ds.template).length >= 5, "2 IP tokens and 3 offerings");
  });
});

describe("platform handlers over synthetic logs", () => {
  const IP1 = "0x0000000000000000000000000000000000001f01";
  const IP2 = "0x0000000000000000000000000000000000001f02";
  const OFFERING = "0x0000000000000000000000000000000000000f01";
  const PAY18 = "0x0000000000000000000000000000000000000018";
  const ALICE = "0x000000000000000000000000000000000000a11c";
  const BOB = "0x0000000000000000000000000000000000000b0b";
  const roles = [SENDER, 86_400, SENDER, SENDER, SENDER, SENDER, SENDER];
  const created = (ip: string, symbol: string, count: number): SyntheticEvent => ({
    source: "TokenFactory",
    name: "TokenCreated",
    args: [
      id(`ip:${symbol}`),
      ip,
      [id(`ip:${symbol}`), `${symbol} Right`, symbol, `ipfs://${symbol}`, roles],
      18,
      ADDRESSES.IdentityRegistry,
      ADDRESSES.DividendDistributor,
      count,
    ],
  });
  const transfer = (token: string, from: string, to: string, value: bigint): SyntheticEvent => ({
    source: "SecurityToken",
    name: "Transfer",
    args: [from, to, value],
    address: token,
  });

  it("counts a wallet once across IPs, and drops it when its last IP balance goes", () => {
    const c = new SyntheticChain();
    c.block([created(IP1, "ONE", 1), created(IP2, "TWO", 2)]);
    const platform = () => c.sg.store.get("Platform", PLATFORM_ID)!;
    assert.equal(platform().ipCount, 2);
    assert.equal(c.sg.store.get("Token", IP2)!.ipIndex, 2);
    c.block([
      transfer(IP1, ZeroAddress, ALICE, 10n),
      transfer(IP2, ZeroAddress, ALICE, 5n),
      transfer(IP1, ZeroAddress, BOB, 3n),
    ]);
    assert.deepEqual([platform().holderCount, platform().positionCount], [2, 3]);
    c.block([transfer(IP1, ALICE, BOB, 10n)]); // alice still holds TWO
    assert.deepEqual([platform().holderCount, platform().positionCount], [2, 2]);
    c.block([transfer(IP2, ALICE, ZeroAddress, 5n)]); // and now nothing
    assert.deepEqual([platform().holderCount, platform().positionCount], [1, 1]);
    assert.equal(c.sg.store.get("Wallet", ALICE)!.ipTokenCount, 0);
    const day = c.sg.store.all("IpDailySnapshot", { token: IP1 })[0];
    assert.deepEqual([day.holderCount, day.totalSupply], [1, 13n]);
    // The suite's own token (a fixed data source, not listed by the factory) is no IP.
    c.block([transfer(ADDRESSES.SecurityToken, ZeroAddress, ALICE, 7n)]);
    assert.deepEqual([platform().holderCount, platform().positionCount], [1, 1]);
    assert.equal(c.sg.store.all("IpDailySnapshot", { token: ADDRESSES.SecurityToken }).length, 0);
  });

  it("gives a payout token first seen after an offering paid in it the offering's decimals", () => {
    const c = new SyntheticChain();
    const terms = [IP1, PAY18, 10n ** 18n, 1n, 10n ** 24n, 1n, 10n ** 24n, 1, 2, 0, SENDER, ZeroAddress, ZeroAddress];
    c.block([
      created(IP1, "ONE", 1),
      {
        source: "OfferingFactory",
        name: "OfferingCreated",
        args: [OFFERING, IP1, 0, [terms, SENDER, 86_400, SENDER, SENDER], 18, false],
      },
    ]);
    assert.equal(c.sg.store.get("PaymentToken", PAY18)!.decimals, 18);
    assert.equal(c.sg.store.get("PayoutToken", PAY18), undefined);
    assert.equal(c.sg.store.get("Offering", OFFERING)!.lockupGranted, false);
    assert.equal(c.sg.store.get("Token", IP1)!.offeringCount, 1);
    c.block([
      {
        source: "DividendDistributor",
        name: "DistributionCreated",
        args: [1n, IP1, PAY18, SENDER, 100n, 1n, 10n ** 10n, 10n, 0n, 10n, []],
      },
    ]);
    assert.equal(c.sg.store.get("PayoutToken", PAY18)!.decimals, 18);
  });
});
