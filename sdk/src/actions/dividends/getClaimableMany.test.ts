import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { formatUnits } from "ethers";

import { InvalidParameterError } from "../../errors/parameter.js";
import { StokitRpcProvider } from "../../providers/rpc.js";
import { formatAmount } from "../../utils/units.js";
import { dividendsFixture, AMOUNT, type DividendsFixture } from "../../../test/fixtures.js";
import { getClaimableMany } from "./getClaimableMany.js";

describe("dividends/getClaimableMany", () => {
  let f: DividendsFixture;
  before(async () => {
    f = await dividendsFixture();
  });
  after(() => f.provider.destroy());

  it("reads 3 distributions on 2 distributors plus 3 token balances in ONE round trip", async (t) => {
    const holder = f.holders[2]!.address; // owns 300 of 600 of each token
    f.provider.resetStats();
    const r = await getClaimableMany(f.provider, {
      account: holder,
      addresses: f.addresses,
      distributions: f.distributions.map(({ distributor, distributionId }) => ({ distributor, distributionId })),
      tokens: f.distributions.map((d) => d.token),
      payoutTokens: [await f.payout.getAddress()],
    });
    assert.equal(f.provider.stats.roundTrips, 1);
    assert.deepEqual(f.provider.stats.byMethod, { eth_call: 1 });
    t.diagnostic(
      `portfolio read (3 tokens, 3 distributions, 2 distributors): ${f.provider.stats.roundTrips} round trip`,
    );
    assert.equal(r.items.length, 3);
    for (const [i, item] of r.items.entries()) {
      assert.equal(item.distributor, f.distributions[i]!.distributor);
      assert.equal(item.token, f.distributions[i]!.token);
      assert.equal(item.status, "Active");
      assert.equal(item.net, AMOUNT / 2n);
      assert.equal(item.gross, AMOUNT / 2n);
      assert.equal(item.payoutDecimals, 18);
      assert.equal(item.payoutSymbol, await f.payout.symbol());
    }
    assert.deepEqual(r.totals, { [await f.payout.getAddress()]: (3n * AMOUNT) / 2n });
    assert.deepEqual(
      r.balances.map((b) => b.balance),
      [300n * 10n ** 18n, 300n * 10n ** 18n, 300n * 10n ** 18n],
    );
  });

  it("units: items carry the payout token's decimals and symbol, read once per provider when not given", async () => {
    const provider = new StokitRpcProvider(f.provider.urls, f.chainId);
    try {
      const read = () =>
        getClaimableMany(provider, {
          account: f.holders[2]!.address,
          addresses: f.addresses,
          distributions: [f.distributions[0]!],
        });
      const first = await read();
      assert.equal(provider.stats.roundTrips, 2, "the claimables, then the unknown payout token's units");
      provider.resetStats();
      const second = await read();
      assert.equal(provider.stats.roundTrips, 1, "units remembered");
      assert.deepEqual(second.items, first.items);
      const item = second.items[0]!;
      assert.equal(
        formatAmount(item.net, { decimals: item.payoutDecimals, symbol: item.payoutSymbol }),
        `${formatUnits(AMOUNT / 2n, 18).replace(/\.0$/, "")} ${await f.payout.symbol()}`,
      );
    } finally {
      provider.destroy();
    }
  });

  it("discovers every distribution of several distributors in two round trips", async (t) => {
    f.provider.resetStats();
    const distributors = [f.distributions[0]!.distributor, f.distributions[2]!.distributor];
    const r = await getClaimableMany(f.provider, {
      account: f.holders[0]!.address,
      distributors,
      addresses: f.addresses,
    });
    assert.equal(f.provider.stats.roundTrips, 2);
    t.diagnostic(`claimable discovery over 2 distributors: ${f.provider.stats.roundTrips} round trips`);
    assert.deepEqual(
      r.items.map((i) => [i.distributor, i.distributionId, i.net]),
      [
        [distributors[0], 1n, AMOUNT / 6n],
        [distributors[0], 2n, AMOUNT / 6n],
        [distributors[1], 1n, AMOUNT / 6n],
      ],
    );
  });

  it("leaves out zero entries unless includeZero, and uses the address book override", async () => {
    const r = await getClaimableMany(f.provider, { account: f.admin.address, addresses: f.addresses });
    assert.deepEqual(r.items, []);
    const all = await getClaimableMany(f.provider, {
      account: f.admin.address,
      addresses: f.addresses,
      includeZero: true,
    });
    assert.equal(all.items.length, 2);
    assert.ok(all.items.every((i) => i.net === 0n));
  });

  it("refuses a malformed holder", async () => {
    await assert.rejects(
      getClaimableMany(f.provider, { account: "alice", addresses: f.addresses }),
      InvalidParameterError,
    );
  });
});
