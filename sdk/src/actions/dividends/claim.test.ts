import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { ContractRevertError } from "../../errors/contract.js";
import { InvalidParameterError } from "../../errors/parameter.js";
import { estimateRequest } from "../../transactions/write.js";
import { getChain } from "../../chains.js";
import { dividendsFixture, type DividendsFixture } from "../../../test/fixtures.js";
import { claim, claimAndWait, prepareClaim, simulateClaim } from "./claim.js";

describe("dividends/claim", () => {
  let f: DividendsFixture;
  before(async () => {
    f = await dividendsFixture();
  });
  after(() => f.provider.destroy());

  it("simulates the net amount, estimates, then claims and returns the Claimed values", async () => {
    const holder = f.holders[0]!;
    const { distributor, distributionId } = f.distributions[0]!;
    const { result } = await simulateClaim(holder, { distributor, distributionId });
    assert.equal(result, 100n * 10n ** 18n); // 100 of 600 shares of a 600 deposit
    const estimate = await estimateRequest(holder, await prepareClaim(holder, { distributor, distributionId }));
    assert.ok(estimate.gas > 21_000n);
    assert.equal(estimate.fees.type, getChain(f.chainId).feeModel === "eip1559" ? 2 : 0); // BSC/Besu legacy, Base 1559
    assert.equal(estimate.l1Fee === undefined, getChain(f.chainId).l1GasPriceOracle === undefined);
    const before = await f.payout.balanceOf(holder.address);
    const { claimed, receipt, events } = await claimAndWait(holder, { distributor, distributionId });
    assert.equal(receipt.status, 1);
    assert.equal(claimed.account, holder.address);
    assert.equal(claimed.net, result);
    assert.equal(claimed.withheld, 0n);
    assert.deepEqual(
      events.map((e) => e.eventName),
      ["Claimed", "Transfer"],
    );
    assert.equal((await f.payout.balanceOf(holder.address)) - before, result);
  });

  it("surfaces a second claim as DividendAlreadyClaimed with its arguments and sentence, before signing", async () => {
    const holder = f.holders[0]!;
    const { distributor, distributionId } = f.distributions[0]!;
    const nonce = await f.provider.getTransactionCount(holder.address);
    await assert.rejects(claim(holder, { distributor, distributionId }), (error: unknown) => {
      assert.ok(error instanceof ContractRevertError);
      assert.equal(error.errorName, "DividendAlreadyClaimed");
      assert.deepEqual(error.args, { distributionId, holder: holder.address });
      assert.equal(error.shortMessage, `${holder.address} already claimed distribution ${distributionId}.`);
      assert.equal(error.functionName, "claim");
      return true;
    });
    assert.equal(await f.provider.getTransactionCount(holder.address), nonce, "nothing was sent");
  });

  it("works with a node-managed JsonRpcSigner (the path browser wallets take: eth_sendTransaction)", async () => {
    const signer = await f.provider.getSigner(f.holders[1]!.address);
    const { distributor, distributionId } = f.distributions[0]!;
    const { claimed } = await claimAndWait(signer, { distributor, distributionId });
    assert.equal(claimed.account, f.holders[1]!.address);
    assert.equal(claimed.net, 200n * 10n ** 18n);
    await assert.rejects(claim(signer, { distributor, distributionId }), (e: unknown) => {
      assert.ok(e instanceof ContractRevertError, String(e));
      assert.equal(e.errorName, "DividendAlreadyClaimed");
      return true;
    });
  });

  it("decodes DividendUnknownDistribution and DividendNothingToClaim", async () => {
    const { distributor } = f.distributions[0]!;
    await assert.rejects(simulateClaim(f.holders[1]!, { distributor, distributionId: 99n }), (e: unknown) => {
      assert.ok(e instanceof ContractRevertError);
      assert.equal(e.errorName, "DividendUnknownDistribution");
      assert.equal(e.reason, "Distribution 99 does not exist.");
      return true;
    });
    await assert.rejects(simulateClaim(f.admin, { distributor, distributionId: 1n }), (e: unknown) => {
      assert.ok(e instanceof ContractRevertError);
      assert.equal(e.errorName, "DividendNothingToClaim");
      assert.deepEqual(e.argList, [1n, f.admin.address]);
      return true;
    });
  });

  it("refuses bad input before any call", async () => {
    await assert.rejects(
      prepareClaim(f.holders[0]!, { distributor: "0x1234", distributionId: 1n }),
      InvalidParameterError,
    );
    await assert.rejects(
      prepareClaim(f.holders[0]!, { distributor: f.distributions[0]!.distributor, distributionId: -1n }),
      (e: unknown) => {
        assert.ok(e instanceof InvalidParameterError);
        assert.equal(e.parameter, "distributionId");
        return true;
      },
    );
    await assert.rejects(
      prepareClaim(f.holders[0]!, {
        distributor: f.distributions[0]!.distributor,
        distributionId: 1n,
        chainId: f.chainId + 1,
      }),
      (e: unknown) => {
        assert.ok(e instanceof InvalidParameterError);
        assert.equal(e.parameter, "chainId");
        assert.equal(
          e.shortMessage,
          `Invalid chainId: expected the runner's chain id ${f.chainId}, got ${f.chainId + 1}.`,
        );
        return true;
      },
    );
  });
});
