import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { ContractRevertError } from "../../errors/contract.js";
import { InvalidParameterError } from "../../errors/parameter.js";
import { now } from "../../../test/chain.js";
import { dividendsFixture, type DividendsFixture } from "../../../test/fixtures.js";
import {
  createDistribution,
  createDistributionAndWait,
  prepareCreateDistribution,
  simulateCreateDistribution,
} from "./createDistribution.js";

describe("dividends/createDistribution", () => {
  let f: DividendsFixture;
  let base: {
    token: string;
    payoutToken: string;
    amount: bigint;
    recordDate: bigint;
    claimDeadline: bigint;
    addresses: DividendsFixture["addresses"];
  };
  before(async () => {
    f = await dividendsFixture();
    base = {
      token: f.distributions[0]!.token,
      payoutToken: await f.payout.getAddress(),
      amount: 1_000n,
      recordDate: f.recordDate,
      claimDeadline: (await now(f.provider)) + 86400n,
      addresses: f.addresses,
    };
  });
  after(() => f.provider.destroy());

  it("approves when the allowance is short, then creates, returning the id and deposit", async () => {
    const sim = await simulateCreateDistribution(f.admin, base);
    assert.ok(sim.approve, "approval needed");
    assert.equal(sim.result, undefined);
    const r = await createDistributionAndWait(f.admin, { ...base, excluded: [f.holders[2]!.address] });
    assert.ok(r.approval);
    assert.equal(r.approval.events[0]!.eventName, "Approval");
    assert.equal(r.distributionId, 3n);
    assert.equal(r.amount, 1_000n);
    assert.equal(r.denominator, 300n * 10n ** 18n); // 600 minus the excluded holder's 300
  });

  it("skips the approval when the allowance suffices, and simulates the id", async () => {
    await (await f.payout.approve(f.addresses.DividendDistributor, 5_000n)).wait();
    const sim = await simulateCreateDistribution(f.admin, base);
    assert.equal(sim.approve, undefined);
    assert.equal(sim.result, 4n);
    const { approval, transaction } = await createDistribution(f.admin, base);
    assert.equal(approval, undefined);
    assert.equal((await transaction.wait())!.status, 1);
  });

  it("refuses an expired deadline, a future record date, a zero amount, more than the balance, duplicates", async () => {
    const t = await now(f.provider);
    const cases: [Partial<typeof base> & { excluded?: string[] }, string][] = [
      [{ claimDeadline: t - 1n }, "claimDeadline"],
      [{ recordDate: t + 100n }, "recordDate"],
      [{ amount: 0n }, "amount"],
      [{ amount: 10n ** 30n }, "amount"],
      [{ token: "0xnot" }, "token"],
      [{ excluded: [f.admin.address, f.admin.address] }, "excluded"],
    ];
    for (const [patch, parameter] of cases) {
      await assert.rejects(prepareCreateDistribution(f.admin, { ...base, ...patch }), (e: unknown) => {
        assert.ok(e instanceof InvalidParameterError, String(e));
        assert.equal(e.parameter, parameter);
        return true;
      });
    }
  });

  it("without approval the refusal is the token's ERC20InsufficientAllowance, decoded", async () => {
    await (await f.payout.approve(f.addresses.DividendDistributor, 0n)).wait();
    await assert.rejects(createDistribution(f.admin, { ...base, approve: false }), (e: unknown) => {
      assert.ok(e instanceof ContractRevertError);
      assert.equal(e.errorName, "ERC20InsufficientAllowance");
      assert.deepEqual(e.args, { spender: f.addresses.DividendDistributor, allowance: 0n, needed: 1_000n });
      assert.match(e.shortMessage, /approve first/);
      return true;
    });
  });

  it("a caller without the distributor role gets AccessControlUnauthorizedAccount", async () => {
    const holder = f.holders[0]!;
    await (await f.payout.mint(holder.address, 1_000n)).wait();
    await assert.rejects(createDistribution(holder, base), (e: unknown) => {
      assert.ok(e instanceof ContractRevertError);
      assert.equal(e.errorName, "AccessControlUnauthorizedAccount");
      assert.equal(e.args.account, holder.address);
      return true;
    });
  });
});
