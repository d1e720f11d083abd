import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { JsonRpcProvider, formatUnits } from "ethers";

import { fakeRpc } from "../../../test/fake-rpc.js";
import { E18, fullSuite, type FullSuite } from "../../../test/suite.js";
import { InvalidParameterError } from "../../errors/parameter.js";
import { StokitRpcProvider } from "../../providers/rpc.js";
import { formatAmount } from "../../utils/units.js";
import { claimManyAndWait } from "../dividends/claimMany.js";
import { getPortfolio } from "./getPortfolio.js";

describe("portfolio", () => {
  let f: FullSuite;
  before(async () => {
    f = await fullSuite();
  });

  it("reads a three-token portfolio (balances, frozen, claimables, allocation, points) in one round trip", async (t) => {
    const holder = f.holders[0]!;
    f.provider.resetStats();
    const p = await getPortfolio(f.provider, {
      account: holder.address,
      tokens: f.tokenAddresses,
      distributions: f.distributions,
      offerings: [f.addresses.Offering!],
      points: { points: f.addresses.Points!, programIds: [1n] },
      payoutTokens: [await f.payout.getAddress()],
      addresses: f.addresses,
    });
    const trips = f.provider.stats.roundTrips;
    t.diagnostic(
      `portfolio read (3 tokens, 3 distributions, 1 offering, 1 points program): ${trips} round trip(s), ${JSON.stringify(f.provider.stats.byMethod)}`,
    );
    assert.equal(trips, 1);
    assert.deepEqual(f.provider.stats.byMethod, { eth_call: 1 });

    // Every figure equals a direct read.
    assert.deepEqual(
      p.tokens.map((x) => x.symbol),
      ["SWA", "SWB", "SWC"],
    );
    for (const [i, row] of p.tokens.entries()) {
      const c = f.tokens[i]!;
      assert.equal(row.token, f.tokenAddresses[i]);
      assert.equal(row.decimals, 18);
      assert.equal(row.balance, await c.balanceOf(holder.address));
      assert.equal(row.frozen, await c.getFrozenTokens(holder.address));
      assert.equal(row.available, row.balance - row.frozen);
    }
    let total = 0n;
    for (const [i, row] of p.claimables.entries()) {
      const [gross, withheld, net] = await f.distributor.claimable(f.distributions[i]!.distributionId, holder.address);
      assert.deepEqual([row.gross, row.withheld, row.net], [gross, withheld, net]);
      assert.equal(row.token, f.tokenAddresses[i]);
      assert.equal(row.payoutDecimals, 18);
      assert.equal(row.payoutSymbol, await f.payout.symbol());
      total += net;
    }
    assert.deepEqual(p.claimableTotals, total ? { [await f.payout.getAddress()]: total } : {});
    const allocation = await f.offering.allocationOf(holder.address);
    assert.equal(p.offerings[0]!.tokens, allocation.tokens);
    assert.deepEqual(p.points, [{ programId: 1n, balance: await f.points.balanceOf(1n, holder.address) }]);
  });

  it("claim-all over the three tokens' distributions: round trips, and the claimables drop to zero", async (t) => {
    const holder = f.holders[0]!;
    const before = await getPortfolio(f.provider, {
      account: holder.address,
      tokens: f.tokenAddresses,
      distributions: f.distributions,
      addresses: f.addresses,
    });
    const expected = before.claimables.reduce((s, c) => s + c.net, 0n);
    assert.equal(expected, 3n * 100n * E18); // 100 of 600 shares of a 600 deposit, in each of 3 distributions
    const balance = await f.payout.balanceOf(holder.address);
    f.provider.resetStats();
    const { claimed, receipts } = await claimManyAndWait(holder, {
      distributor: f.addresses.DividendDistributor,
      addresses: f.addresses,
    });
    const trips = f.provider.stats.roundTrips;
    t.diagnostic(
      `claim-all (3 distributions of 3 tokens, 1 distributor, 1 transaction, ids discovered): ${trips} round trips, ${JSON.stringify(f.provider.stats.byMethod)}`,
    );
    assert.equal(receipts.length, 1);
    assert.equal(claimed.length, 3);
    assert.equal(f.provider.stats.byMethod.eth_sendRawTransaction, 1);
    assert.equal(f.provider.stats.byMethod.eth_call, 2, "discovery: count, then claimables");
    assert.equal((await f.payout.balanceOf(holder.address)) - balance, expected);
    const after = await getPortfolio(f.provider, {
      account: holder.address,
      tokens: f.tokenAddresses,
      distributions: f.distributions,
      addresses: f.addresses,
    });
    assert.deepEqual(
      after.claimables.map((c) => c.net),
      [0n, 0n, 0n],
    );
  });

  it("claim-all with the distribution ids known (from the subgraph): round trips", async (t) => {
    const holder = f.holders[1]!;
    f.provider.resetStats();
    const { claimed } = await claimManyAndWait(holder, {
      distributor: f.addresses.DividendDistributor,
      distributionIds: f.distributions.map((d) => d.distributionId),
      addresses: f.addresses,
    });
    t.diagnostic(
      `claim-all (3 distributions, ids known): ${f.provider.stats.roundTrips} round trips, ${JSON.stringify(f.provider.stats.byMethod)}`,
    );
    assert.equal(claimed.length, 3);
    assert.equal(f.provider.stats.byMethod.eth_call ?? 0, 1);
  });

  it("refuses malformed input before any request", async () => {
    f.provider.resetStats();
    await assert.rejects(
      getPortfolio(f.provider, { account: f.holders[0]!.address, tokens: ["0xnope"] }),
      (e: unknown) => e instanceof InvalidParameterError && e.parameter === "tokens[0]",
    );
    assert.equal(f.provider.stats.roundTrips, 0);
  });

  it("units: payout decimals and symbol read once per provider when not given, then the portfolio is one round trip", async () => {
    const provider = new StokitRpcProvider(f.provider.urls, f.chainId);
    try {
      const read = () =>
        getPortfolio(provider, {
          account: f.holders[0]!.address,
          tokens: [f.tokenAddresses[1]!],
          distributions: [f.distributions[1]!],
          addresses: f.addresses,
        });
      const first = await read();
      assert.equal(provider.stats.roundTrips, 2, "the portfolio, then the unknown payout token's units");
      provider.resetStats();
      const second = await read();
      assert.equal(provider.stats.roundTrips, 1, "units remembered");
      assert.deepEqual(second.claimables, first.claimables);
      const c = second.claimables[0]!;
      assert.equal(
        formatAmount(c.net, { decimals: c.payoutDecimals, symbol: c.payoutSymbol }),
        `${formatUnits(c.net, 18).replace(/\.0$/, "")} ${await f.payout.symbol()}`,
      );
      assert.equal(formatAmount(second.tokens[0]!.balance, second.tokens[0]!), "100 SWB");
    } finally {
      provider.destroy();
    }
  });

  it("is one round trip with a plain ethers JsonRpcProvider given a static network", async () => {
    const fake = await fakeRpc(f.provider.urls[0]!);
    const provider = new JsonRpcProvider(fake.url, f.chainId, { staticNetwork: true });
    try {
      const p = await getPortfolio(provider, {
        account: f.holders[0]!.address,
        tokens: f.tokenAddresses,
        distributions: f.distributions,
        payoutTokens: [await f.payout.getAddress()],
        addresses: f.addresses,
      });
      assert.equal(p.tokens.length, 3);
      assert.equal(fake.httpRequests, 1);
      assert.deepEqual(fake.received, { eth_call: 1 });
    } finally {
      provider.destroy();
      await fake.close();
    }
  });
});
