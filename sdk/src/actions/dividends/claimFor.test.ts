import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { ContractRevertError } from "../../errors/contract.js";
import { InvalidParameterError } from "../../errors/parameter.js";
import { dividendsFixture, AMOUNT, type DividendsFixture } from "../../../test/fixtures.js";
import { claimForAndWait, prepareClaimFor, simulateClaimFor } from "./claimFor.js";
import { simulateClaim } from "./claim.js";

describe("dividends/claimFor", () => {
  let f: DividendsFixture;
  before(async () => {
    f = await dividendsFixture();
  });
  after(() => f.provider.destroy());

  it("pushes payments to holders, holding a frozen holder's entitlement", async () => {
    const [a, b, c] = f.holders.map((h) => h.address) as [string, string, string];
    await (await f.tokens[0]!.setFrozen(c, true)).wait();
    const { distributor, distributionId } = f.distributions[0]!;
    // The frozen holder's own claim is refused with the reason.
    await assert.rejects(simulateClaim(f.holders[2]!, { distributor, distributionId }), (e: unknown) => {
      assert.ok(e instanceof ContractRevertError);
      assert.equal(e.errorName, "DividendHolderFrozen");
      assert.match(e.reason, /is frozen by the token's agent/);
      return true;
    });
    const { result } = await simulateClaimFor(f.admin, { distributor, distributionId, accounts: [a, b, c] });
    assert.equal(result, 2n);
    const { paid, held } = await claimForAndWait(f.admin, { distributor, distributionId, accounts: [a, b, c] });
    assert.deepEqual(paid, [
      { account: a, recipient: a, net: AMOUNT / 6n },
      { account: b, recipient: b, net: AMOUNT / 3n },
    ]);
    assert.deepEqual(held, [{ account: c, gross: AMOUNT / 2n }]);
  });

  it("refuses an empty account list and a closed distribution", async () => {
    await assert.rejects(
      prepareClaimFor(f.admin, { addresses: f.addresses, distributionId: 1n, accounts: [] }),
      InvalidParameterError,
    );
    await assert.rejects(
      simulateClaimFor(f.admin, { addresses: f.addresses, distributionId: 7n, accounts: [f.admin.address] }),
      (e: unknown) => {
        assert.ok(e instanceof ContractRevertError);
        assert.equal(e.errorName, "DividendUnknownDistribution");
        return true;
      },
    );
  });
});
