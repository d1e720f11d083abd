import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { prepareClaim } from "../actions/dividends/claim.js";
import { TransactionReplacedError } from "../errors/transaction.js";
import { InvalidParameterError } from "../errors/parameter.js";
import { dividendsFixture, type DividendsFixture } from "../../test/fixtures.js";
import { replaceTransaction } from "./replace.js";
import { sendRequest, waitForTransaction } from "./write.js";

describe("stuck transaction replacement", () => {
  let f: DividendsFixture;
  before(async () => {
    f = await dividendsFixture();
  });
  after(async () => {
    await f.provider.send("evm_setAutomine", [true]);
    f.provider.destroy();
  });

  it("speeds up a pending claim with the same nonce and bumped gas price; the original reports the replacement", async () => {
    const holder = f.holders[0]!;
    const request = await prepareClaim(holder, { ...f.distributions[0]! });
    await f.provider.send("evm_setAutomine", [false]);
    const stuck = await sendRequest(holder, request, { fees: { type: 0, gasPrice: 1_000_000_000n } });
    const { replacement, fees, nonce } = await replaceTransaction(holder, { transaction: stuck.hash, bumpPercent: 20 });
    assert.equal(nonce, stuck.nonce);
    assert.ok(fees.type === 0 && fees.gasPrice >= 1_200_000_001n);
    assert.notEqual(replacement.hash, stuck.hash);
    await f.provider.send("evm_mine", []);
    const mined = await waitForTransaction(holder, { transaction: replacement });
    assert.equal(mined.receipt.status, 1);
    assert.ok(mined.events.some((e) => e.eventName === "Claimed"));
    assert.equal(await f.provider.getTransactionReceipt(stuck.hash), null);
    await assert.rejects(waitForTransaction(holder, { transaction: stuck }), (e: unknown) => {
      assert.ok(e instanceof TransactionReplacedError, String(e));
      assert.equal(e.replacement, replacement.hash);
      assert.equal(e.reason, "repriced");
      return true;
    });
  });

  it("cancels a pending transaction with a 0-value self-transfer", async () => {
    const holder = f.holders[1]!;
    const request = await prepareClaim(holder, { ...f.distributions[0]! });
    const stuck = await sendRequest(holder, request, { fees: { type: 0, gasPrice: 1_000_000_000n } });
    const { replacement } = await replaceTransaction(holder, { transaction: stuck, mode: "cancel" });
    await f.provider.send("evm_mine", []);
    await waitForTransaction(holder, { transaction: replacement });
    assert.equal((await f.provider.getTransaction(replacement.hash))!.to, holder.address);
    await assert.rejects(
      waitForTransaction(holder, { transaction: stuck }),
      (e: unknown) => e instanceof TransactionReplacedError && e.reason === "cancelled",
    );
    await f.provider.send("evm_setAutomine", [true]);
  });

  it("refuses a bump under 10% and a mined transaction", async () => {
    await assert.rejects(
      replaceTransaction(f.holders[0]!, { transaction: "0x" + "11".repeat(32), bumpPercent: 5 }),
      InvalidParameterError,
    );
    const tx = await f.holders[2]!.sendTransaction({ to: f.holders[2]!.address, value: 0n });
    await tx.wait();
    await assert.rejects(
      replaceTransaction(f.holders[2]!, { transaction: tx }),
      (e: unknown) => e instanceof InvalidParameterError && /mined/.test(e.shortMessage),
    );
  });
});
