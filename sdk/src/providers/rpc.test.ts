import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, it } from "node:test";

import { Wallet, parseEther } from "ethers";

import { getClaimable } from "../actions/dividends/getClaimable.js";
import { ContractRevertError } from "../errors/contract.js";
import { ChainMismatchError, NetworkError, RpcError } from "../errors/rpc.js";
import { NonceTakenError } from "../errors/transaction.js";
import { freePort } from "../../test/chain.js";
import { fakeRpc, type FakeMode } from "../../test/fake-rpc.js";
import { dividendsFixture, type DividendsFixture } from "../../test/fixtures.js";
import { DEFAULT_TIMEOUT_MS, StokitRpcProvider, createRpcProvider } from "./rpc.js";

describe("StokitRpcProvider (fallback RPC, round-trip counter)", () => {
  let f: DividendsFixture;
  let url: string;
  let deadUrl: string;
  let broken: http.Server;
  let brokenUrl: string;
  before(async () => {
    f = await dividendsFixture();
    url = f.provider.urls[0]!;
    deadUrl = `http://127.0.0.1:${await freePort()}`; // nothing listens there
    broken = http.createServer((_req, res) => {
      res.writeHead(503).end("upstream down");
    });
    await new Promise<void>((r) => broken.listen(0, "127.0.0.1", r));
    brokenUrl = `http://127.0.0.1:${(broken.address() as { port: number }).port}`;
  });
  after(() => {
    f.provider.destroy();
    broken.close();
  });

  it("fails over from a dead first URL and a 503 second URL to the third, then sticks to it", async () => {
    const provider = createRpcProvider({ urls: [deadUrl, brokenUrl, url], chainId: f.chainId, timeoutMs: 2_000 });
    const { net, payoutSymbol } = await getClaimable(provider, {
      ...f.distributions[0]!,
      account: f.holders[0]!.address,
    });
    assert.equal(net, 100n * 10n ** 18n);
    assert.equal(payoutSymbol, await f.payout.symbol());
    assert.equal(provider.currentUrl, url);
    assert.equal(provider.stats.failovers, 2);
    await provider.getBlockNumber();
    assert.equal(provider.stats.failovers, 2, "no new failover once on a healthy URL");
    assert.equal(provider.stats.roundTrips, 3, "the claimable batch, the payout token's units (first use), the block");
    provider.destroy();
  });

  it("a network failure surfaces as NetworkError, not as a revert", async () => {
    const provider = new StokitRpcProvider([deadUrl, brokenUrl], f.chainId, { timeoutMs: 2_000 });
    await assert.rejects(
      getClaimable(provider, { ...f.distributions[0]!, account: f.holders[0]!.address }),
      (e: unknown) => {
        assert.ok(e instanceof NetworkError, String(e));
        assert.ok(!(e instanceof ContractRevertError));
        assert.deepEqual(e.urls, [deadUrl, brokenUrl]);
        assert.equal(e.shortMessage, "None of the 2 RPC endpoints could be reached.");
        return true;
      },
    );
    provider.destroy();
  });

  it("a JSON-RPC error answer is not failed over: a revert stays a revert, a refusal an RpcError", async () => {
    const provider = new StokitRpcProvider([url, deadUrl], f.chainId);
    await assert.rejects(
      getClaimable(provider, {
        ...f.distributions[0]!,
        distributionId: 1n,
        account: "0x0000000000000000000000000000000000000001",
        distributor: f.holders[0]!.address,
      }),
      () => true,
    );
    assert.equal(provider.stats.failovers, 0);
    await assert.rejects(provider.send("eth_sendRawTransaction", ["0x1234"]), () => true);
    assert.equal(provider.currentUrl, url);
    const { toStokitError } = await import("../errors/normalize.js");
    const err = await provider.send("eth_sendRawTransaction", ["0x1234"]).catch((e: unknown) => toStokitError(e));
    assert.ok(err instanceof RpcError, String(err));
    provider.destroy();
  });

  /** A funded throwaway account (no other test shares its nonces). */
  async function freshWallet(provider: StokitRpcProvider): Promise<Wallet> {
    const w = new Wallet(Wallet.createRandom().privateKey, provider);
    await f.provider.send("hardhat_setBalance", [w.address, "0x56BC75E2D63100000"]);
    return w;
  }

  for (const mode of ["late", "5xx", "drop"] as FakeMode[]) {
    it(`sends a transaction once when the first URL takes it, then ${mode === "late" ? "answers late" : mode === "5xx" ? "answers HTTP 502" : "drops the connection"}: the hash is returned as sent`, async () => {
      const fake = await fakeRpc(url, { mode, methods: ["eth_sendRawTransaction"], delayMs: 4_000 });
      const provider = createRpcProvider({ urls: [fake.url, url], chainId: f.chainId, timeoutMs: 1_500 });
      const sentTo: string[] = [];
      const counting = new StokitRpcProvider(provider.urls, f.chainId, {
        timeoutMs: 1_500,
        onRequest: (u, p) => {
          if ((Array.isArray(p) ? p : [p]).some((x) => x.method === "eth_sendRawTransaction")) sentTo.push(u);
        },
      });
      provider.destroy();
      try {
        const wallet = await freshWallet(counting);
        const nonce = await f.provider.getTransactionCount(wallet.address);
        const tx = await wallet.sendTransaction({ to: f.holders[0]!.address, value: 1n, gasLimit: 21_000n });
        const receipt = await f.provider.waitForTransaction(tx.hash);
        assert.equal(receipt?.status, 1, "mined once, successfully");
        assert.equal(await f.provider.getTransactionCount(wallet.address), nonce + 1, "one transaction, one nonce");
        assert.deepEqual(sentTo, [fake.url], "never sent to the second URL: the hash was found there instead");
        assert.equal(fake.forwarded.eth_sendRawTransaction, 1);
      } finally {
        counting.destroy();
        await fake.close();
      }
    });
  }

  it("sends to the next URL when the first one never took the transaction (connection refused)", async () => {
    const fake = await fakeRpc(url, { mode: "down", methods: ["eth_sendRawTransaction"] });
    const provider = createRpcProvider({ urls: [fake.url, url], chainId: f.chainId, timeoutMs: 1_500 });
    try {
      const wallet = await freshWallet(provider);
      const tx = await wallet.sendTransaction({ to: f.holders[0]!.address, value: 1n, gasLimit: 21_000n });
      assert.equal((await f.provider.waitForTransaction(tx.hash))?.status, 1);
      assert.equal(fake.forwarded.eth_sendRawTransaction ?? 0, 0);
      assert.equal(provider.currentUrl, url);
    } finally {
      provider.destroy();
      await fake.close();
    }
  });

  it("a node answering 'nonce too low' for the transaction just sent (already mined) returns its hash", async () => {
    const provider = createRpcProvider({ urls: [url], chainId: f.chainId });
    try {
      const wallet = await freshWallet(provider);
      const raw = await wallet.signTransaction(
        await wallet.populateTransaction({ to: f.holders[0]!.address, value: 1n, gasLimit: 21_000n }),
      );
      const first = (await provider.send("eth_sendRawTransaction", [raw])) as string;
      const again = (await provider.send("eth_sendRawTransaction", [raw])) as string;
      assert.equal(again, first);
    } finally {
      provider.destroy();
    }
  });

  it("a nonce used by a different transaction is a NonceTakenError naming both hashes", async () => {
    const provider = createRpcProvider({ urls: [url], chainId: f.chainId });
    try {
      const wallet = await freshWallet(provider);
      const base = await wallet.populateTransaction({ to: f.holders[0]!.address, value: 1n, gasLimit: 21_000n });
      const a = await wallet.sendTransaction(base);
      await a.wait();
      const b = await wallet.signTransaction({ ...base, value: 2n });
      await assert.rejects(provider.send("eth_sendRawTransaction", [b]), (e: unknown) => {
        assert.ok(e instanceof NonceTakenError, String(e));
        assert.equal(e.otherHash, a.hash);
        assert.equal(e.nonce, base.nonce);
        assert.equal(e.account, wallet.address);
        assert.match(
          e.shortMessage,
          new RegExp(
            `Nonce ${base.nonce} of ${wallet.address} was already used by another transaction \\(${a.hash}\\)`,
          ),
        );
        assert.match(e.shortMessage, new RegExp(e.hash));
        return true;
      });
    } finally {
      provider.destroy();
    }
  });

  it("backs off from a dead URL: after a failover it is not tried again while another one answers", async () => {
    const hang = await fakeRpc(url, { mode: "late", delayMs: 5_000 });
    const b = await fakeRpc(url);
    const c = await fakeRpc(url);
    const provider = createRpcProvider({ urls: [hang.url, b.url, c.url], chainId: f.chainId, timeoutMs: 1_000 });
    try {
      await provider.getBlockNumber(); // hang times out once, b answers
      assert.equal(provider.currentUrl, b.url);
      b.mode = "down";
      await provider.getBlockNumber(); // b refuses, c answers
      assert.equal(provider.currentUrl, c.url);
      c.mode = "down";
      b.mode = "forward";
      const started = Date.now();
      await provider.getBlockNumber(); // c refuses; b and hang back off: b (refused, cheap) before hang (timed out)
      assert.ok(Date.now() - started < 900, `took ${Date.now() - started} ms`);
      assert.equal(provider.currentUrl, b.url);
      assert.equal(hang.received.eth_blockNumber, 1, "the dead URL was asked once");
      assert.equal(DEFAULT_TIMEOUT_MS, 10_000);
    } finally {
      provider.destroy();
      await Promise.all([hang.close(), b.close(), c.close()]);
    }
  });

  it("checks the chain id once per URL, batched with the first request: a wrong chain fails reads and writes", async () => {
    const wrong = f.chainId === 1 ? 2 : 1;
    const provider = createRpcProvider({ urls: [url], chainId: wrong });
    try {
      await assert.rejects(
        getClaimable(provider, { ...f.distributions[0]!, account: f.holders[0]!.address }),
        (e: unknown) => {
          assert.ok(e instanceof ChainMismatchError, String(e));
          assert.equal(e.expected, wrong);
          assert.equal(e.actual, f.chainId);
          assert.equal(
            e.shortMessage,
            `The RPC endpoint ${url} serves chain ${f.chainId}, not chain ${wrong} as configured.`,
          );
          return true;
        },
      );
      const wallet = new Wallet(Wallet.createRandom().privateKey, provider);
      await assert.rejects(wallet.sendTransaction({ to: wallet.address, value: parseEther("0") }), ChainMismatchError);
    } finally {
      provider.destroy();
    }
    const right = createRpcProvider({ urls: [url], chainId: f.chainId });
    await right.getBlockNumber();
    await right.getBlockNumber();
    assert.equal(right.stats.roundTrips, 2, "the check rides along the first request");
    assert.deepEqual(right.stats.byMethod, { eth_chainId: 1, eth_blockNumber: 2 });
    right.destroy();
  });
});
