import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { prepareClaim, claimAndWait } from "../actions/dividends/claim.js";
import { ContractRevertError } from "../errors/contract.js";
import { NonceTakenError, TransactionFailedError } from "../errors/transaction.js";
import { dividendsFixture, type DividendsFixture } from "../../test/fixtures.js";
import { sendRequest, waitForTransaction } from "./write.js";

describe("transaction lifecycle", () => {
  let f: DividendsFixture;
  before(async () => {
    f = await dividendsFixture();
  });
  after(() => f.provider.destroy());

  it("a mined failure is a TransactionFailedError carrying the replayed, decoded revert", async () => {
    const holder = f.holders[0]!;
    await claimAndWait(holder, { ...f.distributions[0]! });
    // Skip estimation with an explicit gas limit so the doomed transaction is mined (with automine off: a Hardhat
    // node otherwise answers the broadcast of a reverting transaction with the revert itself).
    const request = await prepareClaim(holder, { ...f.distributions[0]! });
    await f.provider.send("evm_setAutomine", [false]);
    const tx = await sendRequest(holder, request, { gasLimit: 200_000n });
    await f.provider.send("evm_mine", []);
    await f.provider.send("evm_setAutomine", [true]);
    await assert.rejects(waitForTransaction(holder, { transaction: tx }), (e: unknown) => {
      assert.ok(e instanceof TransactionFailedError, String(e));
      assert.equal(e.hash, tx.hash);
      assert.equal(e.receipt?.status, 0);
      assert.equal(e.revert?.errorName, "DividendAlreadyClaimed");
      assert.equal(e.shortMessage, `Transaction ${tx.hash} failed: ${holder.address} already claimed distribution 1.`);
      return true;
    });
  });

  it("a nonce used by another transaction is a NonceTakenError naming both hashes, not a ContractRevertError", async () => {
    const holder = f.holders[2]!;
    await claimAndWait(holder, { ...f.distributions[0]! }); // nonce 0 is used (by this or an earlier transaction)
    const request = await prepareClaim(holder, { ...f.distributions[1]! }); // estimates fine
    let otherHash: string | undefined;
    await assert.rejects(sendRequest(holder, request, { nonce: 0 }), (e: unknown) => {
      assert.ok(e instanceof NonceTakenError, String(e));
      assert.ok(!(e instanceof ContractRevertError));
      assert.equal(e.nonce, 0);
      assert.equal(e.account, holder.address);
      otherHash = e.otherHash;
      return true;
    });
    const other = await f.provider.getTransaction(otherHash!);
    assert.equal(other?.from, holder.address, "the named transaction is the one that used nonce 0");
    assert.equal(other?.nonce, 0);
  });

  it("waits for N confirmations", async () => {
    const holder = f.holders[1]!;
    const pending = claimAndWait(holder, { ...f.distributions[0]!, confirmations: 3 });
    let done = false;
    void pending.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(done, false, "not confirmed with one block");
    await f.provider.send("evm_mine", []);
    await f.provider.send("evm_mine", []);
    const { receipt } = await pending;
    assert.ok((await f.provider.getBlockNumber()) - receipt.blockNumber >= 2);
  });
});
