import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { InvalidParameterError, UnsupportedChainError } from "../errors/parameter.js";
import { dividendsFixture, AMOUNT, type DividendsFixture } from "../../test/fixtures.js";
import { createStokitClient } from "./createStokitClient.js";

describe("createStokitClient", () => {
  let f: DividendsFixture;
  before(async () => {
    f = await dividendsFixture();
  });
  after(() => f.provider.destroy());

  it("delegates to the plain functions with the client's chain and addresses", async () => {
    const holder = f.holders[0]!;
    const client = createStokitClient({ runner: holder, chainId: f.chainId, addresses: f.addresses });
    assert.equal(await client.getChainId(), f.chainId);
    const d = await client.dividends.getDistribution({ distributionId: 1n });
    assert.equal(d?.amount, AMOUNT);
    assert.equal(
      (await client.dividends.getClaimable({ distributionId: 1n, account: holder.address })).net,
      AMOUNT / 6n,
    );
    const { result } = await client.dividends.simulateClaim({ distributionId: 1n });
    assert.equal(result, AMOUNT / 6n);
    const estimate = await client.estimate(await client.dividends.prepareClaim({ distributionId: 1n }));
    assert.ok(estimate.gas > 0n);
    const { claimed } = await client.dividends.claimManyAndWait({});
    assert.deepEqual(
      claimed.map((c) => c.distributionId),
      [1n, 2n],
    );
    const portfolio = await client.dividends.getClaimableMany({ account: holder.address, includeZero: true });
    assert.ok(portfolio.items.every((i) => i.net === 0n));
  });

  it("checks the runner's chain against chainId, and needs an address for the chain", async () => {
    const wrong = createStokitClient({ runner: f.provider, chainId: f.chainId + 1, addresses: f.addresses });
    await assert.rejects(
      wrong.dividends.getDistribution({ distributionId: 1n }),
      (e: unknown) => e instanceof InvalidParameterError && e.parameter === "chainId",
    );
    const bare = createStokitClient({ runner: f.provider });
    await assert.rejects(bare.dividends.getDistribution({ distributionId: 1n }), UnsupportedChainError);
    // A per-call address complements the client's.
    const d = await bare.dividends.getDistribution({ distributionId: 1n, addresses: f.addresses });
    assert.equal(d?.distributionId, 1n);
  });

  it("a read-only client cannot write", async () => {
    const client = createStokitClient({ runner: f.provider, addresses: f.addresses });
    await assert.rejects(
      client.dividends.claim({ distributionId: 1n }),
      (e: unknown) => e instanceof InvalidParameterError && e.parameter === "runner",
    );
  });
});
