import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { StokitRpcProvider } from "../../providers/rpc.js";
import { formatAmount } from "../../utils/units.js";
import { dividendsFixture, type DividendsFixture } from "../../../test/fixtures.js";
import { getClaimable } from "./getClaimable.js";

describe("dividends/getClaimable", () => {
  let f: DividendsFixture;
  before(async () => {
    f = await dividendsFixture();
  });
  after(() => f.provider.destroy());

  it("carries the payout token, its decimals and symbol; the units are read once per provider", async () => {
    const provider = new StokitRpcProvider(f.provider.urls, f.chainId);
    try {
      const { distributor, distributionId } = f.distributions[0]!;
      const account = f.holders[0]!.address;
      const first = await getClaimable(provider, { distributor, distributionId, account });
      assert.equal(provider.stats.roundTrips, 2, "the claimable batch, then the payout token's units");
      assert.deepEqual(first, {
        gross: 100n * 10n ** 18n,
        withheld: 0n,
        net: 100n * 10n ** 18n,
        payoutToken: await f.payout.getAddress(),
        payoutDecimals: 18,
        payoutSymbol: await f.payout.symbol(),
      });
      assert.equal(
        formatAmount(first.net, { decimals: first.payoutDecimals, symbol: first.payoutSymbol }),
        `100 ${await f.payout.symbol()}`,
      );
      provider.resetStats();
      assert.deepEqual(await getClaimable(provider, { distributor, distributionId, account }), first);
      assert.equal(provider.stats.roundTrips, 1, "units remembered");
    } finally {
      provider.destroy();
    }
  });
});
