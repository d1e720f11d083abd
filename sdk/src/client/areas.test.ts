import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { Wallet, id } from "ethers";

import { ASSET, E18, fullSuite, type FullSuite } from "../../test/suite.js";
import { now } from "../../test/chain.js";
import { offeringBytecode } from "../bytecode.js";
import { ContractRevertError } from "../errors/contract.js";
import { OraclePriceUnavailableError } from "../actions/oracle/priceOf.js";
import { RestrictionCode } from "../actions/token/restrictions.js";
import { createStokitClient } from "./createStokitClient.js";

// The client's areas on the whole suite, with contract addresses from `addresses` only (as from an address book).
describe("createStokitClient areas", () => {
  let f: FullSuite;
  before(async () => {
    f = await fullSuite();
  });

  it("token, identity, points, oracle and offering through one client", async () => {
    const holder = f.holders[1]!;
    const client = createStokitClient({
      runner: holder,
      chainId: f.chainId,
      addresses: f.addresses,
      subgraphUrl: "http://127.0.0.1:1",
    });
    const token = f.tokenAddresses[1]!; // SecurityToken override per call; the book's SecurityToken is token 0
    const bal = await client.token.getBalance({ token, account: holder.address });
    assert.equal(bal.balance, await f.tokens[1]!.balanceOf(holder.address));
    const check = await client.token.checkTransfer({
      token,
      from: holder.address,
      to: f.outsider.address,
      amount: E18,
    });
    assert.equal(check.code, RestrictionCode.ReceiverNotVerified);
    await assert.rejects(
      client.token.transfer({ token, to: f.outsider.address, amount: E18 }),
      (e: unknown) =>
        e instanceof ContractRevertError && e.errorName === "SecurityTokenRestricted" && e.args.code === 4n,
    );
    const sent = await client.token.transferAndWait({ token, to: f.holders[0]!.address, amount: E18 });
    assert.equal(sent.transfer.value, E18);

    const who = await client.identity.getInvestor({ account: holder.address });
    assert.equal(who.investorId, id("investor-1"));

    const t = await now(f.provider);
    const backend = createStokitClient({ runner: f.admin, chainId: f.chainId, addresses: f.addresses });
    const signed = await backend.points.signVoucher({
      voucher: { programId: 1n, account: holder.address, amount: 7n, refId: 5001n, deadline: t + 600n },
      now: t,
    });
    const { granted } = await client.points.redeemVoucherAndWait(signed);
    assert.equal(granted.amount, 7n);
    const ledger = [{ refId: 5001n, kind: "grant" as const, programId: 1n, account: holder.address, amount: 7n }];
    const report = await client.points.reconcile({ ledger, fromBlock: f.pointsDeployBlock });
    assert.equal(report.matched, 1);

    const price = await client.oracle.getPrice({ asset: ASSET });
    assert.ok(price.status === "Active" || price.status === "UsingFallback");
    const state = await client.oracle.getBreakerState({ asset: ASSET });
    assert.equal(state.price, price.lastPrice);
    const unknown = Wallet.createRandom().address;
    await assert.rejects(client.oracle.priceOf({ asset: unknown }), OraclePriceUnavailableError);

    const o = await client.offering.getOffering({ account: holder.address });
    assert.equal(o.terms.token, f.tokenAddresses[0]);
    // The issuer's console deploys a new offering of the same token through its own client.
    const issuer = createStokitClient({ runner: f.admin, chainId: f.chainId, addresses: f.addresses });
    const { offering } = await issuer.offering.deployOfferingAndWait({
      bytecode: offeringBytecode,
      terms: {
        ...o.terms,
        startTime: o.terms.endTime,
        endTime: o.terms.endTime + 86400n,
        lockupEnd: o.terms.endTime + 86400n,
      },
      adminDelay: 0,
    });
    assert.equal((await client.offering.getOffering({ offering })).terms.startTime, o.terms.endTime);

    const p = await client.getPortfolio({ account: holder.address, tokens: f.tokenAddresses });
    assert.equal(p.tokens.length, 3);
    assert.ok(client.subgraph);
    assert.equal(client.subgraph.url, "http://127.0.0.1:1");
  });
});
