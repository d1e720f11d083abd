import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { Wallet } from "ethers";

import { fullSuite, E18, type FullSuite } from "../../../test/suite.js";
import { ContractRevertError } from "../../errors/contract.js";
import { InvalidParameterError } from "../../errors/parameter.js";
import { checkTransfer } from "./checkTransfer.js";
import { forcedTransferAndWait } from "./forcedTransfer.js";
import { freezeAddressAndWait } from "./freezeAddress.js";
import { freezeTokensAndWait } from "./freezeTokens.js";
import { getTokenBalance } from "./getTokenBalance.js";
import { mintAndWait, simulateMint } from "./mint.js";
import { recoverWalletAndWait } from "./recoverWallet.js";
import { RestrictionCode, explainRestriction, restrictionMessages, restrictionName } from "./restrictions.js";
import { transfer, transferAndWait } from "./transfer.js";

describe("token", () => {
  let f: FullSuite;
  let token: string;
  before(async () => {
    f = await fullSuite();
    token = f.tokenAddresses[2]!; // token 2 is this file's (token 0 belongs to the offering tests)
  });

  it("restriction texts equal the token's messageForTransferRestriction for all 15 codes", async () => {
    const c = f.tokens[2]!;
    for (let code = 0; code <= 14; code++) {
      assert.equal(
        restrictionMessages[code as keyof typeof restrictionMessages],
        await c.messageForTransferRestriction(code),
      );
      assert.notEqual(restrictionName(code), "Unknown");
    }
    assert.equal(restrictionName(15), "Unknown");
    assert.equal(explainRestriction(15), "Unknown restriction code 15.");
  });

  it("checkTransfer: allowed, receiver not verified (4), insufficient balance, paused (1), in one round trip", async () => {
    const [a, b] = f.holders;
    f.provider.resetStats();
    const ok = await checkTransfer(f.provider, {
      addresses: f.addresses,
      token,
      from: a!.address,
      to: b!.address,
      amount: E18,
    });
    assert.equal(f.provider.stats.roundTrips, 1);
    assert.deepEqual(
      { allowed: ok.allowed, code: ok.code, name: ok.name, message: ok.message },
      { allowed: true, code: 0, name: "None", message: "No restriction" },
    );
    const refused = await checkTransfer(f.provider, {
      addresses: f.addresses,
      token,
      from: a!.address,
      to: f.outsider.address,
      amount: E18,
    });
    assert.equal(refused.allowed, false);
    assert.equal(refused.code, RestrictionCode.ReceiverNotVerified);
    assert.equal(refused.name, "ReceiverNotVerified");
    assert.equal(refused.message, "Receiver is not verified");
    assert.equal(
      refused.reason,
      `${f.outsider.address} is not a verified investor (unknown wallet, KYC expired or revoked).`,
    );
    const tooMuch = await checkTransfer(f.provider, {
      addresses: f.addresses,
      token,
      from: a!.address,
      to: b!.address,
      amount: 10n ** 30n,
    });
    assert.equal(tooMuch.code, 0);
    assert.equal(tooMuch.insufficientBalance, true);
    assert.equal(tooMuch.allowed, false);
    const spender = await checkTransfer(f.provider, {
      addresses: f.addresses,
      token,
      from: a!.address,
      to: b!.address,
      amount: E18,
      spender: f.outsider.address,
    });
    assert.equal(spender.code, RestrictionCode.SpenderNotAllowed);
    await (await f.tokens[2]!.pause()).wait();
    try {
      const paused = await checkTransfer(f.provider, {
        addresses: f.addresses,
        token,
        from: a!.address,
        to: b!.address,
        amount: E18,
      });
      assert.equal(paused.code, RestrictionCode.Paused);
      assert.equal(paused.reason, "Holder transfers of this token are paused by its pauser.");
    } finally {
      await (await f.tokens[2]!.unpause()).wait();
    }
  });

  it("a compliance refusal surfaces as SecurityTokenRestricted with its code and sentence, before signing", async () => {
    const holder = f.holders[0]!;
    const nonce = await f.provider.getTransactionCount(holder.address);
    await assert.rejects(
      transfer(holder, { addresses: f.addresses, token, to: f.outsider.address, amount: E18 }),
      (e: unknown) => {
        assert.ok(e instanceof ContractRevertError, String(e));
        assert.equal(e.errorName, "SecurityTokenRestricted");
        assert.equal(e.args.code, 4n);
        assert.equal(e.args.to, f.outsider.address);
        assert.equal(
          e.reason,
          `Transfer refused with restriction 4 (ReceiverNotVerified): ${f.outsider.address} is not a verified investor (unknown wallet, KYC expired or revoked).`,
        );
        return true;
      },
    );
    assert.equal(await f.provider.getTransactionCount(holder.address), nonce);
  });

  it("transfers, and agent operations: mint, freeze tokens, freeze address, forced transfer", async () => {
    const [a, b] = f.holders;
    const { transfer: t, receipt } = await transferAndWait(a!, {
      addresses: f.addresses,
      token,
      to: b!.address,
      amount: E18,
    });
    assert.equal(receipt.status, 1);
    assert.deepEqual(t, { from: a!.address, to: b!.address, value: E18 });

    await simulateMint(f.admin, { addresses: f.addresses, token, to: a!.address, amount: 5n * E18 });
    await assert.rejects(
      simulateMint(f.admin, { addresses: f.addresses, token, to: f.outsider.address, amount: E18 }),
      (e: unknown) => {
        assert.ok(e instanceof ContractRevertError);
        assert.equal(e.errorName, "SecurityTokenRestricted");
        assert.deepEqual(e.argList, [4n, "0x0000000000000000000000000000000000000000", f.outsider.address, E18]);
        return true;
      },
    );
    const before = await getTokenBalance(f.provider, { addresses: f.addresses, token, account: a!.address });
    const minted = await mintAndWait(f.admin, { addresses: f.addresses, token, to: a!.address, amount: 5n * E18 });
    assert.equal(minted.transfer.value, 5n * E18);

    const frozen = await freezeTokensAndWait(f.admin, {
      addresses: f.addresses,
      token,
      account: a!.address,
      amount: 10n * E18,
    });
    assert.deepEqual(frozen.frozen, { account: a!.address, amount: 10n * E18 });
    const bal = await getTokenBalance(f.provider, { addresses: f.addresses, token, account: a!.address });
    assert.equal(bal.balance, before.balance + 5n * E18);
    assert.equal(bal.frozen, 10n * E18);
    assert.equal(bal.available, bal.balance - 10n * E18);
    assert.equal(bal.addressFrozen, false);

    // Above the unfrozen part: ERC-7943's error, restriction 7 in the pre-check.
    const check = await checkTransfer(f.provider, {
      addresses: f.addresses,
      token,
      from: a!.address,
      to: b!.address,
      amount: bal.available + 1n,
    });
    assert.equal(check.code, RestrictionCode.ExceedsUnfrozenBalance);
    await assert.rejects(
      transfer(a!, { addresses: f.addresses, token, to: b!.address, amount: bal.available + 1n }),
      (e: unknown) => {
        assert.ok(e instanceof ContractRevertError);
        assert.equal(e.errorName, "ERC7943InsufficientUnfrozenBalance");
        assert.deepEqual(e.argList, [a!.address, bal.available + 1n, bal.available]);
        return true;
      },
    );

    // A forced transfer beyond the unfrozen part eats into the frozen amount.
    const amount = bal.available + 4n * E18;
    const forced = await forcedTransferAndWait(f.admin, {
      addresses: f.addresses,
      token,
      from: a!.address,
      to: b!.address,
      amount,
    });
    assert.deepEqual(forced.forced, { from: a!.address, to: b!.address, amount });
    const afterForced = await getTokenBalance(f.provider, { addresses: f.addresses, token, account: a!.address });
    assert.deepEqual([afterForced.balance, afterForced.frozen, afterForced.available], [6n * E18, 6n * E18, 0n]);
    await mintAndWait(f.admin, { addresses: f.addresses, token, to: a!.address, amount: 100n * E18 });
    await freezeTokensAndWait(f.admin, { addresses: f.addresses, token, account: a!.address, amount: 0n });

    const fz = await freezeAddressAndWait(f.admin, {
      addresses: f.addresses,
      token,
      account: b!.address,
      frozen: true,
    });
    assert.deepEqual(fz.frozen, { account: b!.address, frozen: true, agent: f.admin.address });
    const b2 = await getTokenBalance(f.provider, { addresses: f.addresses, token, account: b!.address });
    assert.equal(b2.addressFrozen, true);
    assert.equal(b2.available, 0n);
    const c = await checkTransfer(f.provider, {
      addresses: f.addresses,
      token,
      from: a!.address,
      to: b!.address,
      amount: E18,
    });
    assert.equal(c.code, RestrictionCode.ReceiverFrozen);
    await freezeAddressAndWait(f.admin, { addresses: f.addresses, token, account: b!.address, frozen: false });
  });

  it("agent operations by a non-agent are refused with AccessControlUnauthorizedAccount", async () => {
    await assert.rejects(
      mintAndWait(f.holders[0]!, { addresses: f.addresses, token, to: f.holders[0]!.address, amount: E18 }),
      (e: unknown) => {
        assert.ok(e instanceof ContractRevertError);
        assert.equal(e.errorName, "AccessControlUnauthorizedAccount");
        assert.equal(e.args.account, f.holders[0]!.address);
        return true;
      },
    );
  });

  it("recovers a lost wallet to a new wallet of the same investor", async () => {
    const lost = f.holders[2]!;
    const fresh = Wallet.createRandom(f.provider);
    const investorId = await f.registry.investorOf(lost.address);
    await (await f.registry.addWallet(investorId, fresh.address)).wait();
    const balance = await f.tokens[2]!.balanceOf(lost.address);
    const { receipt, recovered } = await recoverWalletAndWait(f.admin, {
      addresses: f.addresses,
      token,
      lostWallet: lost.address,
      newWallet: fresh.address,
    });
    assert.equal(receipt.status, 1);
    assert.ok(Object.keys(recovered).length > 0);
    const after = await getTokenBalance(f.provider, { addresses: f.addresses, token, account: fresh.address });
    assert.equal(after.balance, balance);
    assert.equal(
      (await getTokenBalance(f.provider, { addresses: f.addresses, token, account: lost.address })).addressFrozen,
      true,
    );
    // A wallet of another investor is refused.
    await assert.rejects(
      recoverWalletAndWait(f.admin, {
        addresses: f.addresses,
        token,
        lostWallet: f.holders[0]!.address,
        newWallet: f.holders[1]!.address,
      }),
      (e: unknown) => {
        assert.ok(e instanceof ContractRevertError);
        assert.equal(e.errorName, "SecurityTokenRecoveryMismatch");
        return true;
      },
    );
  });

  it("refuses bad input before any call", async () => {
    await assert.rejects(
      transfer(f.holders[0]!, { addresses: f.addresses, token, to: "0x12", amount: E18 }),
      InvalidParameterError,
    );
    await assert.rejects(
      mintAndWait(f.admin, { addresses: f.addresses, token, to: f.holders[0]!.address, amount: 0n }),
      (e: unknown) => {
        assert.ok(e instanceof InvalidParameterError);
        assert.equal(e.parameter, "amount");
        return true;
      },
    );
    await assert.rejects(
      getTokenBalance(f.provider, { account: f.holders[0]!.address, chainId: f.chainId }),
      (e: unknown) => {
        assert.equal((e as Error).name, "UnsupportedChainError");
        return true;
      },
    );
  });
});
