import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { dividendsFixture, AMOUNT, type DividendsFixture } from "../../../test/fixtures.js";
import { claimManyAndWait, prepareClaimMany, simulateClaimMany, claimMany } from "./claimMany.js";

describe("dividends/claimMany (claim all)", () => {
  let f: DividendsFixture;
  before(async () => {
    f = await dividendsFixture();
  });
  after(() => f.provider.destroy());

  it("finds the claimable distributions on two distributors and simulates one claimMany per distributor", async () => {
    const holder = f.holders[0]!;
    const distributors = [f.distributions[0]!.distributor, f.distributions[2]!.distributor];
    const { requests, results, claimable } = await simulateClaimMany(holder, { distributors, addresses: f.addresses });
    assert.equal(claimable.length, 3);
    assert.deepEqual(
      requests.map((r) => r.to),
      distributors,
    );
    assert.deepEqual(
      results.map((r) => r.totalNet),
      [(2n * AMOUNT) / 6n, AMOUNT / 6n],
    );
  });

  it("claims everything and reports round trips", async (t) => {
    const holder = f.holders[0]!;
    const distributors = [f.distributions[0]!.distributor, f.distributions[2]!.distributor];
    const before = await f.payout.balanceOf(holder.address);
    f.provider.resetStats();
    const { claimed, totals, receipts } = await claimManyAndWait(holder, { distributors, addresses: f.addresses });
    const trips = f.provider.stats.roundTrips;
    t.diagnostic(
      `claim-all (3 distributions on 2 distributors, 2 transactions): ${trips} round trips, ${JSON.stringify(f.provider.stats.byMethod)}`,
    );
    assert.equal(receipts.length, 2);
    assert.deepEqual(
      claimed.map((c) => [c.distributor, c.distributionId, c.net]),
      [
        [distributors[0], 1n, AMOUNT / 6n],
        [distributors[0], 2n, AMOUNT / 6n],
        [distributors[1], 1n, AMOUNT / 6n],
      ],
    );
    assert.deepEqual(totals, { [await f.payout.getAddress()]: AMOUNT / 2n });
    assert.equal(f.provider.stats.byMethod.eth_call, 2, "discovery: counts, then claimables (2 multicalls)");
    assert.equal(f.provider.stats.byMethod.eth_sendRawTransaction, 2);
    assert.equal((await f.payout.balanceOf(holder.address)) - before, AMOUNT / 2n);
  });

  it("claim-all on one distributor with one transaction: round trips", async (t) => {
    const holder = f.holders[1]!;
    f.provider.resetStats();
    const { claimed } = await claimManyAndWait(holder, { addresses: f.addresses });
    t.diagnostic(
      `claim-all (2 distributions, 1 distributor, 1 transaction): ${f.provider.stats.roundTrips} round trips, ${JSON.stringify(f.provider.stats.byMethod)}`,
    );
    assert.deepEqual(
      claimed.map((c) => c.distributionId),
      [1n, 2n],
    );
  });

  it("nothing left to claim: no request, no transaction", async () => {
    const holder = f.holders[0]!;
    const prepared = await prepareClaimMany(holder, {
      distributors: [f.distributions[0]!.distributor],
      addresses: f.addresses,
    });
    assert.deepEqual(prepared.requests, []);
    const nonce = await f.provider.getTransactionCount(holder.address);
    const { transactions } = await claimMany(holder, {
      distributors: [f.distributions[0]!.distributor],
      addresses: f.addresses,
    });
    assert.deepEqual(transactions, []);
    assert.equal(await f.provider.getTransactionCount(holder.address), nonce);
  });

  it("claims only the ids given", async () => {
    const holder = f.holders[2]!;
    const { claimed } = await claimManyAndWait(holder, {
      distributor: f.distributions[0]!.distributor,
      distributionIds: [2n],
      addresses: f.addresses,
    });
    assert.deepEqual(
      claimed.map((c) => c.distributionId),
      [2n],
    );
  });
});
