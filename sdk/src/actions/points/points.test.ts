import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { TypedDataEncoder, getAddress } from "ethers";

import { fullSuite, type FullSuite } from "../../../test/suite.js";
import { now } from "../../../test/chain.js";
import { ContractRevertError } from "../../errors/contract.js";
import { InvalidParameterError } from "../../errors/parameter.js";
import { getPointsBalance } from "./getPointsBalance.js";
import { reconcilePoints, type PointsLedgerEntry } from "./reconcilePoints.js";
import { redeemVoucherAndWait, simulateRedeemVoucher } from "./redeemVoucher.js";
import { POINTS_VOUCHER_TYPES, holderRefId } from "./shared.js";
import { signPointsVoucher } from "./signPointsVoucher.js";
import { spendPointsAndWait } from "./spendPoints.js";

describe("points", () => {
  let f: FullSuite;
  let points: string;
  before(async () => {
    f = await fullSuite();
    points = f.addresses.Points!;
  });

  it("backend signs a voucher (digest equals hashVoucher), the user redeems it, balance follows; replay refused", async () => {
    const user = f.holders[0]!;
    const t = await now(f.provider);
    const signed = await signPointsVoucher(f.admin, {
      addresses: f.addresses,
      points,
      voucher: { programId: 1n, account: user.address, amount: 50n, refId: 1001n, deadline: t + 3600n },
      now: t,
    });
    assert.deepEqual(signed.domain, {
      name: "stokit Points",
      version: "1",
      chainId: f.chainId,
      verifyingContract: points,
    });
    const v = signed.voucher;
    assert.equal(
      TypedDataEncoder.hash(
        signed.domain,
        POINTS_VOUCHER_TYPES as unknown as Record<string, { name: string; type: string }[]>,
        v,
      ),
      await f.points.hashVoucher([v.programId, v.account, v.amount, v.refId, v.deadline]),
    );
    const { granted } = await redeemVoucherAndWait(user, { addresses: f.addresses, points, ...signed });
    assert.deepEqual(granted, {
      programId: 1n,
      account: user.address,
      refId: 1001n,
      amount: 50n,
      balance: 50n,
      issuer: f.admin.address,
    });
    const bal = await getPointsBalance(f.provider, { addresses: f.addresses, points, account: user.address });
    assert.deepEqual(bal.programs, [{ programId: 1n, balance: 50n, open: true, eligible: true }]);
    assert.equal(bal.total, 50n);
    await assert.rejects(simulateRedeemVoucher(user, { addresses: f.addresses, points, ...signed }), (e: unknown) => {
      assert.ok(e instanceof ContractRevertError);
      assert.equal(e.errorName, "PointsRefIdUsed");
      assert.equal(e.reason, "Reference id 1001 was already used.");
      return true;
    });
  });

  it("a voucher signed by a key without ISSUER_ROLE is refused with PointsVoucherInvalidSigner", async () => {
    const t = await now(f.provider);
    const signed = await signPointsVoucher(f.outsider, {
      addresses: f.addresses,
      points,
      voucher: { programId: 1n, account: f.holders[1]!.address, amount: 5n, refId: 1999n, deadline: t + 3600n },
      now: t,
    });
    await assert.rejects(
      simulateRedeemVoucher(f.holders[1]!, { addresses: f.addresses, points, ...signed }),
      (e: unknown) => {
        assert.ok(e instanceof ContractRevertError);
        assert.equal(e.errorName, "PointsVoucherInvalidSigner");
        assert.equal(e.args.signer, f.outsider.address);
        return true;
      },
    );
    await assert.rejects(
      signPointsVoucher(f.admin, {
        addresses: f.addresses,
        points,
        voucher: { programId: 1n, account: f.holders[1]!.address, amount: 0n, refId: 1n, deadline: t + 3600n },
      }),
      (e: unknown) => e instanceof InvalidParameterError && e.parameter === "voucher.amount",
    );
  });

  it("spends own points with a holder refId; overspending is refused with PointsInsufficientBalance", async () => {
    const user = f.holders[2]!;
    await (await f.points.grant(1n, user.address, 30n, 2001n)).wait();
    const refId = holderRefId(user.address, 1n);
    assert.equal(refId, await f.points.holderRefId(user.address, 1n));
    const { spent } = await spendPointsAndWait(user, {
      addresses: f.addresses,
      points,
      programId: 1n,
      amount: 10n,
      refId,
    });
    assert.deepEqual(spent, {
      programId: 1n,
      account: user.address,
      refId,
      amount: 10n,
      balance: 20n,
      totalPoints: spent.totalPoints,
    });
    await assert.rejects(
      spendPointsAndWait(user, {
        addresses: f.addresses,
        points,
        programId: 1n,
        amount: 21n,
        refId: holderRefId(user.address, 2n),
      }),
      (e: unknown) => {
        assert.ok(e instanceof ContractRevertError);
        assert.equal(e.errorName, "PointsInsufficientBalance");
        assert.deepEqual(e.argList, [1n, user.address, 20n, 21n]);
        return true;
      },
    );
    await assert.rejects(
      spendPointsAndWait(user, {
        addresses: f.addresses,
        points,
        programId: 1n,
        amount: 1n,
        refId: holderRefId(f.holders[0]!.address, 9n),
      }),
      (e: unknown) => e instanceof ContractRevertError && e.errorName === "PointsRefIdNotOwned",
    );
  });

  it("reconciles a ledger with a missing, an extra and a mismatched entry against the events, in block ranges", async () => {
    const [a, b] = f.holders;
    // On chain: three grants and a spend.
    await (await f.points.grant(1n, a!.address, 70n, 3001n)).wait();
    await (await f.points.grant(1n, b!.address, 80n, 3002n)).wait();
    await (await f.points.grant(1n, b!.address, 90n, 3003n)).wait(); // not in the ledger: extra
    const spendRef = holderRefId(b!.address, 77n);
    await spendPointsAndWait(b!, { addresses: f.addresses, points, programId: 1n, amount: 5n, refId: spendRef });
    const ledger: PointsLedgerEntry[] = [
      { refId: 3001n, kind: "grant", programId: 1n, account: a!.address, amount: 70n }, // matches
      { refId: 3002n, kind: "grant", programId: 1n, account: b!.address.toLowerCase(), amount: 85n }, // mismatched amount
      { refId: spendRef, kind: "spend", programId: 1n, account: b!.address, amount: 5n }, // matches
      { refId: 3004n, kind: "grant", programId: 1n, account: a!.address, amount: 10n }, // missing (never redeemed)
    ];
    const fromBlock = f.pointsDeployBlock;
    const head = await f.provider.getBlockNumber();
    f.provider.resetStats();
    const report = await reconcilePoints(f.provider, {
      addresses: f.addresses,
      points,
      ledger,
      fromBlock,
      blockRange: 10,
    });
    const ranges = Math.ceil((head - fromBlock + 1) / 10);
    assert.equal(report.logRequests, ranges);
    assert.equal(report.toBlock, head);
    assert.deepEqual(
      report.missing.map((m) => m.refId),
      [3004n],
    );
    assert.equal(report.mismatched.length, 1);
    assert.equal(report.mismatched[0]!.refId, 3002n);
    assert.deepEqual(report.mismatched[0]!.fields, ["amount"]);
    assert.equal(report.mismatched[0]!.onChain.amount, 80n);
    assert.equal(report.matched, 2);
    // Extra: 3003 and every other event of this deployment not in this ledger (earlier tests' grants and spends).
    const extraRefs = report.extra.map((e) => e.refId);
    assert.ok(extraRefs.includes(3003n));
    const onChainRefs = new Set([...report.extra.map((e) => e.refId), 3001n, 3002n, spendRef]);
    const logs = (await f.points.queryFilter("*", fromBlock, head)) as unknown as {
      eventName?: string;
      args: { refId: bigint };
    }[];
    const eventRefs = new Set(
      logs.filter((l) => l.eventName === "PointsGranted" || l.eventName === "PointsSpent").map((l) => l.args.refId),
    );
    assert.deepEqual([...onChainRefs].sort(), [...eventRefs].sort());
    const extra3003 = report.extra.find((e) => e.refId === 3003n)!;
    assert.deepEqual(
      { kind: extra3003.kind, account: extra3003.account, amount: extra3003.amount },
      { kind: "grant", account: getAddress(b!.address), amount: 90n },
    );
    // A program filter and explicit toBlock; bad input refused.
    const none = await reconcilePoints(f.provider, {
      addresses: f.addresses,
      points,
      ledger,
      fromBlock,
      toBlock: head,
      programId: 2n,
    });
    assert.deepEqual([none.missing.length, none.extra.length, none.matched], [0, 0, 0]);
    await assert.rejects(
      reconcilePoints(f.provider, {
        addresses: f.addresses,
        points,
        ledger: [{ ...ledger[0]!, account: "0x1" }],
        fromBlock,
      }),
      (e: unknown) => e instanceof InvalidParameterError && e.parameter === "ledger[0].account",
    );
  });
});
