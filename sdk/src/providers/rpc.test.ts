import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, it } from "node:test";

import { getClaimable } from "../actions/dividends/getClaimable.js";
import { ContractRevertError } from "../errors/contract.js";
import { NetworkError, RpcError } from "../errors/rpc.js";
import { freePort } from "../../test/chain.js";
import { dividendsFixture, type DividendsFixture } from "../../test/fixtures.js";
import { StokitRpcProvider, createRpcProvider } from "./rpc.js";

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
    const { net } = await getClaimable(provider, { ...f.distributions[0]!, holder: f.holders[0]!.address });
    assert.equal(net, 100n * 10n ** 18n);
    assert.equal(provider.currentUrl, url);
    assert.equal(provider.stats.failovers, 2);
    await provider.getBlockNumber();
    assert.equal(provider.stats.failovers, 2, "no new failover once on a healthy URL");
    assert.equal(provider.stats.roundTrips, 2);
    provider.destroy();
  });

  it("a network failure surfaces as NetworkError, not as a revert", async () => {
    const provider = new StokitRpcProvider([deadUrl, brokenUrl], f.chainId, { timeoutMs: 2_000 });
    await assert.rejects(
      getClaimable(provider, { ...f.distributions[0]!, holder: f.holders[0]!.address }),
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
        holder: "0x0000000000000000000000000000000000000001",
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
});
