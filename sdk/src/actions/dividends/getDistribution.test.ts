import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { UnsupportedChainError } from "../../errors/parameter.js";
import { dividendsFixture, AMOUNT, type DividendsFixture } from "../../../test/fixtures.js";
import { getClaimable } from "./getClaimable.js";
import { getDistribution } from "./getDistribution.js";

describe("dividends/getDistribution and getClaimable", () => {
  let f: DividendsFixture;
  before(async () => {
    f = await dividendsFixture();
  });
  after(() => f.provider.destroy());

  it("reads a distribution with plain fields and its status name", async () => {
    const d = await getDistribution(f.provider, { addresses: f.addresses, distributionId: 2n });
    assert.ok(d);
    assert.equal(d.status, "Active");
    assert.equal(d.amount, AMOUNT);
    assert.equal(d.token, f.distributions[1]!.token);
    assert.equal(d.payoutToken, await f.payout.getAddress());
    assert.equal(d.recordDate, f.recordDate);
    assert.equal(d.claimDeadline, f.deadline);
    assert.equal(d.creator, f.admin.address);
    assert.equal(d.denominator, 600n * 10n ** 18n);
  });

  it("returns null for an unknown id", async () => {
    assert.equal(await getDistribution(f.provider, { addresses: f.addresses, distributionId: 42n }), null);
  });

  it("reads gross, withheld and net with a withholding rate", async () => {
    const holder = f.holders[1]!; // 200 of 600
    const distributor = f.distributions[0]!.distributor;
    const contract = f.distributors[0]!;
    await (await contract.setTaxWallet(f.admin.address)).wait();
    await (await contract.setWithholdingRate(holder.address, 1540)).wait();
    const r = await getClaimable(f.provider, { distributor, distributionId: 1n, account: holder.address });
    assert.equal(r.gross, AMOUNT / 3n);
    assert.equal(r.withheld, ((AMOUNT / 3n) * 1540n) / 10_000n);
    assert.equal(r.net, r.gross - r.withheld);
  });

  it("throws UnsupportedChainError when no distributor address is known for the chain", async () => {
    await assert.rejects(getDistribution(f.provider, { distributionId: 1n }), (e: unknown) => {
      assert.ok(e instanceof UnsupportedChainError);
      assert.equal(e.chainId, f.chainId);
      assert.equal(e.missing, "DividendDistributor address");
      return true;
    });
  });
});
