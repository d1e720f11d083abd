// Defects of issue 15: an address without code, an unknown distribution id and a token that is not a stokit token
// each get their own error (not a revert "without a reason", not zeros and a zero token).
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { Wallet } from "ethers";

import { fullSuite, type FullSuite } from "../../test/suite.js";
import { claim } from "../actions/dividends/claim.js";
import { getClaimable } from "../actions/dividends/getClaimable.js";
import { getClaimableMany } from "../actions/dividends/getClaimableMany.js";
import { getPortfolio } from "../actions/portfolio/getPortfolio.js";
import { checkTransfer } from "../actions/token/checkTransfer.js";
import { ContractRevertError } from "./contract.js";
import { ContractNotFoundError, DistributionNotFoundError, NotAStokitTokenError } from "./notFound.js";

describe("not-found errors", () => {
  let f: FullSuite;
  let nobody: string; // an address without code
  before(async () => {
    f = await fullSuite();
    nobody = Wallet.createRandom().address;
  });

  const isNoCode = (address: string) => (e: unknown) => {
    assert.ok(e instanceof ContractNotFoundError, String(e));
    assert.ok(!(e instanceof ContractRevertError));
    assert.equal(e.address, address);
    assert.equal(e.shortMessage, `There is no contract at ${address} on this chain (no code).`);
    return true;
  };

  it("a read from an address without code is ContractNotFoundError (direct call, multicall, portfolio)", async () => {
    const holder = f.holders[0]!.address;
    await assert.rejects(
      getClaimable(f.provider, { distributor: nobody, distributionId: 1n, account: holder }),
      isNoCode(nobody),
    );
    await assert.rejects(
      checkTransfer(f.provider, { token: nobody, from: holder, to: holder, amount: 1n, addresses: f.addresses }),
      isNoCode(nobody),
    );
    await assert.rejects(
      getPortfolio(f.provider, { account: holder, tokens: [f.tokenAddresses[0]!, nobody], addresses: f.addresses }),
      isNoCode(nobody),
    );
  });

  it("a write to an address without code is refused before anything is signed", async () => {
    const before = await f.provider.getTransactionCount(f.holders[0]!.address);
    await assert.rejects(
      claim(f.holders[0]!, { distributor: nobody, distributionId: 1n, gasLimit: 100_000n }),
      isNoCode(nobody),
    );
    assert.equal(await f.provider.getTransactionCount(f.holders[0]!.address), before, "nothing sent");
  });

  it("an unknown distribution id is DistributionNotFoundError in getClaimable, getClaimableMany and getPortfolio", async () => {
    const { distributor } = f.distributions[0]!;
    const holder = f.holders[0]!.address;
    const notFound = (e: unknown) => {
      assert.ok(e instanceof DistributionNotFoundError, String(e));
      assert.equal(e.distributor, distributor);
      assert.equal(e.distributionId, 99n);
      assert.equal(e.shortMessage, `Distribution 99 does not exist on the distributor ${distributor}.`);
      return true;
    };
    await assert.rejects(getClaimable(f.provider, { distributor, distributionId: 99n, account: holder }), notFound);
    await assert.rejects(
      getClaimableMany(f.provider, {
        account: holder,
        distributions: [f.distributions[0]!, { distributor, distributionId: 99n }],
        addresses: f.addresses,
      }),
      notFound,
    );
    await assert.rejects(
      getPortfolio(f.provider, {
        account: holder,
        tokens: [],
        distributions: [{ distributor, distributionId: 99n }],
        addresses: f.addresses,
      }),
      notFound,
    );
    // A known id still reads (whatever earlier tests claimed).
    const [, , net] = await f.distributor.claimable(f.distributions[0]!.distributionId, holder);
    assert.equal((await getClaimable(f.provider, { ...f.distributions[0]!, account: holder })).net, net);
  });

  it("a plain ERC-20 among the portfolio's tokens is NotAStokitTokenError naming it", async () => {
    const plain = await f.payout.getAddress();
    await assert.rejects(
      getPortfolio(f.provider, {
        account: f.holders[0]!.address,
        tokens: [f.tokenAddresses[0]!, plain],
        addresses: f.addresses,
      }),
      (e: unknown) => {
        assert.ok(e instanceof NotAStokitTokenError, String(e));
        assert.equal(e.token, plain);
        assert.equal(
          e.shortMessage,
          `${plain} is not a stokit SecurityToken: it does not implement getFrozenTokens().`,
        );
        return true;
      },
    );
  });
});
