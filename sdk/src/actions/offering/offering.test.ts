import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { ZeroAddress } from "ethers";

import { E18, fullSuite, type FullSuite } from "../../../test/suite.js";
import { deploy, now } from "../../../test/chain.js";
import { ContractRevertError } from "../../errors/contract.js";
import { InvalidParameterError } from "../../errors/parameter.js";
import { StokitRpcProvider } from "../../providers/rpc.js";
import { formatAmount } from "../../utils/units.js";
import { getTokenBalance } from "../token/getTokenBalance.js";
import { claimOfferingAndWait, simulateClaimOffering } from "./claimOffering.js";
import { getOffering } from "./getOffering.js";
import { prepareSubscribe, simulateSubscribe, subscribeAndWait } from "./subscribe.js";

describe("offering", () => {
  let f: FullSuite;
  let offering: string;
  before(async () => {
    f = await fullSuite();
    offering = f.addresses.Offering!;
  });

  async function openWindow(start: bigint) {
    const t = await now(f.provider);
    if (t < start) {
      await f.provider.send("evm_increaseTime", [Number(start - t)]);
      await f.provider.send("evm_mine", []);
    }
  }

  it("reads terms, status and phase in one round trip; refuses to subscribe before the window opens", async () => {
    f.provider.resetStats();
    const o = await getOffering(f.provider, { addresses: f.addresses, offering, account: f.holders[0]!.address });
    assert.ok(f.provider.stats.roundTrips <= 2, "terms, then the units if this provider has not read them yet");
    f.provider.resetStats();
    await getOffering(f.provider, { addresses: f.addresses, offering, account: f.holders[0]!.address });
    assert.equal(f.provider.stats.roundTrips, 1);
    assert.equal(o.terms.token, f.tokenAddresses[0]);
    assert.equal(o.terms.price, 2n * E18);
    assert.equal(o.terms.softCap, 100n * E18);
    assert.equal(o.status, "Active");
    assert.equal(o.allocation!.stableAmount, 0n);
    if (o.phase === "Upcoming") {
      await assert.rejects(
        subscribeAndWait(f.holders[0]!, { addresses: f.addresses, offering, amount: 100n * E18 }),
        (e: unknown) => {
          assert.ok(e instanceof InvalidParameterError);
          assert.equal(e.parameter, "offering");
          assert.equal(e.expected, "an offering in phase Open");
          return true;
        },
      );
    }
    await openWindow(o.terms.startTime);
    assert.equal((await getOffering(f.provider, { addresses: f.addresses, offering })).phase, "Open");
  });

  it("units: payment amounts carry the payment token's decimals and symbol, read once per provider", async () => {
    const provider = new StokitRpcProvider(f.provider.urls, f.chainId);
    try {
      const o = await getOffering(provider, { addresses: f.addresses, offering });
      assert.equal(provider.stats.roundTrips, 2, "terms and totals, then the two tokens' units");
      assert.deepEqual([o.paymentDecimals, o.paymentSymbol, o.tokenDecimals, o.tokenSymbol], [18, "USDC", 18, "SWA"]);
      assert.equal(formatAmount(o.terms.price, { decimals: o.paymentDecimals, symbol: o.paymentSymbol }), "2 USDC");
      assert.equal(formatAmount(o.terms.softCap, { decimals: o.paymentDecimals, symbol: o.paymentSymbol }), "100 USDC");
      provider.resetStats();
      assert.equal((await getOffering(provider, { addresses: f.addresses, offering })).paymentSymbol, "USDC");
      assert.equal(provider.stats.roundTrips, 1, "units remembered");
    } finally {
      provider.destroy();
    }
  });

  it("subscribes with approve (approval sent first) and with a permit (one transaction)", async () => {
    const [a, b] = f.holders;
    const plan = await prepareSubscribe(a!, { addresses: f.addresses, offering, amount: 100n * E18 });
    assert.ok(plan.approval);
    assert.equal(plan.approval.functionName, "approve");
    assert.equal(plan.subscription.functionName, "subscribe");
    const { result: approved } = (await simulateSubscribe(a!, {
      addresses: f.addresses,
      offering,
      amount: 100n * E18,
    })) as { result: boolean };
    assert.equal(approved, true);
    const viaApprove = await subscribeAndWait(a!, { addresses: f.addresses, offering, amount: 100n * E18 });
    assert.ok(viaApprove.approval);
    assert.equal(viaApprove.approval.receipt.status, 1);
    assert.equal(viaApprove.subscribed.investor, a!.address);
    assert.equal(viaApprove.subscribed.amount, 100n * E18);
    assert.equal(viaApprove.subscribed.investorValue, 100n * E18);

    const before = await f.provider.getTransactionCount(b!.address);
    const viaPermit = await subscribeAndWait(b!, {
      addresses: f.addresses,
      offering,
      amount: 300n * E18,
      method: "permit",
    });
    assert.equal(viaPermit.approval, null);
    assert.equal(await f.provider.getTransactionCount(b!.address), before + 1, "one transaction");
    assert.equal(viaPermit.receipt.status, 1);
    assert.equal(viaPermit.subscribed.totalValue, 400n * E18);
    const o = await getOffering(f.provider, { addresses: f.addresses, offering, account: b!.address });
    assert.equal(o.allocation!.stableAmount, 300n * E18);
    assert.equal(o.totalSubscribedValue, 400n * E18);
  });

  it("surfaces refusals: unverified investor (restriction 4), below minimum, above balance", async () => {
    await assert.rejects(
      subscribeAndWait(f.outsider, { addresses: f.addresses, offering, amount: 100n * E18, method: "permit" }),
      (e: unknown) => {
        assert.ok(e instanceof ContractRevertError, String(e));
        assert.equal(e.errorName, "OfferingInvestorRestricted");
        assert.deepEqual(e.argList, [f.outsider.address, 4n, "Receiver is not verified"]);
        assert.equal(
          e.reason,
          `${f.outsider.address} cannot receive the token (restriction 4, ReceiverNotVerified: Receiver is not verified).`,
        );
        return true;
      },
    );
    await assert.rejects(
      subscribeAndWait(f.holders[2]!, { addresses: f.addresses, offering, amount: 5n * E18, method: "permit" }),
      (e: unknown) => {
        assert.ok(e instanceof ContractRevertError);
        assert.equal(e.errorName, "OfferingBelowMinimum");
        return true;
      },
    );
    await assert.rejects(
      prepareSubscribe(f.holders[2]!, { addresses: f.addresses, offering, amount: 10n ** 30n }),
      (e: unknown) => e instanceof InvalidParameterError && e.parameter === "amount",
    );
  });

  it("after finalisation the investors claim their tokens; claiming twice is refused", async () => {
    const [a] = f.holders;
    const o = await getOffering(f.provider, { addresses: f.addresses, offering, account: a!.address });
    await assert.rejects(simulateClaimOffering(a!, { addresses: f.addresses, offering }), (e: unknown) => {
      assert.ok(e instanceof ContractRevertError);
      assert.equal(e.errorName, "OfferingNotSettleable");
      return true;
    });
    await openWindow(o.terms.endTime);
    await (await f.offering.finalise()).wait();
    const done = await getOffering(f.provider, { addresses: f.addresses, offering, account: a!.address });
    assert.deepEqual([done.status, done.phase], ["Succeeded", "Succeeded"]);
    assert.equal(done.allocation!.tokens, 50n * E18); // 100 at 2 per token
    const before = await getTokenBalance(f.provider, {
      addresses: f.addresses,
      token: f.tokenAddresses[0]!,
      account: a!.address,
    });
    const { settlement } = await claimOfferingAndWait(a!, { addresses: f.addresses, offering });
    assert.equal(settlement.kind, "claimed");
    assert.equal(settlement.args.tokens, 50n * E18);
    const after = await getTokenBalance(f.provider, {
      addresses: f.addresses,
      token: f.tokenAddresses[0]!,
      account: a!.address,
    });
    assert.equal(after.balance - before.balance, 50n * E18);
    await assert.rejects(claimOfferingAndWait(a!, { addresses: f.addresses, offering }), (e: unknown) => {
      assert.ok(e instanceof ContractRevertError);
      assert.equal(e.errorName, "OfferingNoSubscription");
      return true;
    });
  });

  it("a failed offering refunds in full through the same claim", async () => {
    const start = (await now(f.provider)) + 10n;
    const failing = await deploy("Offering", f.admin, [
      {
        token: f.tokenAddresses[1],
        paymentToken: await f.stablecoin.getAddress(),
        price: 2n * E18,
        minSubscription: 10n * E18,
        maxSubscription: 10_000n * E18,
        softCap: 900n * E18,
        hardCap: 1_000n * E18,
        startTime: start,
        endTime: start + 3600n,
        lockupEnd: start + 3600n,
        treasury: f.admin.address,
        oracle: ZeroAddress,
        oracleAsset: ZeroAddress,
      },
      f.admin.address,
      0,
      f.admin.address,
      f.admin.address,
    ]);
    const address = await failing.getAddress();
    await openWindow(start);
    const investor = f.holders[1]!;
    await subscribeAndWait(investor, {
      addresses: f.addresses,
      offering: address,
      amount: 20n * E18,
      method: "permit",
    });
    await openWindow(start + 3600n);
    await (await failing.finalise()).wait();
    assert.equal((await getOffering(f.provider, { addresses: f.addresses, offering: address })).phase, "Failed");
    const balance = await f.stablecoin.balanceOf(investor.address);
    const { settlement } = await claimOfferingAndWait(investor, { addresses: f.addresses, offering: address });
    assert.equal(settlement.kind, "refunded");
    assert.equal(settlement.args.stableAmount, 20n * E18);
    assert.equal((await f.stablecoin.balanceOf(investor.address)) - balance, 20n * E18);
  });
});
