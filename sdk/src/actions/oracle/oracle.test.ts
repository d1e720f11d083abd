import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { Wallet, ZeroAddress } from "ethers";

import { ASSET, E18, fullSuite, type FullSuite } from "../../../test/suite.js";
import { deploy } from "../../../test/chain.js";
import { ContractRevertError } from "../../errors/contract.js";
import { StokitError } from "../../errors/base.js";
import { getBreakerState } from "./getBreakerState.js";
import { getPrice } from "./getPrice.js";
import { OraclePriceUnavailableError, priceOf } from "./priceOf.js";

describe("oracle", () => {
  let f: FullSuite;
  let oracle: string;
  before(async () => {
    f = await fullSuite();
    oracle = f.addresses.OracleCircuitBreaker!;
  });

  /** A fresh asset on its own feed (8 decimals, 2000), priced once. */
  async function freshAsset(heartbeat = 3600) {
    const asset = Wallet.createRandom().address;
    const feed = await deploy("OracleMockFeed", f.admin, [8, 2000n * 10n ** 8n]);
    await (
      await f.oracle.setAssetConfig(asset, {
        primary: await feed.getAddress(),
        fallbackFeed: ZeroAddress,
        heartbeat,
        fallbackHeartbeat: 0,
        minPrice: E18,
        maxPrice: 1_000_000n * E18,
        maxDeviationBps: 1000,
        recoveryRounds: 2,
      })
    ).wait();
    await (await f.oracle.update(asset)).wait();
    return { asset, feed };
  }

  it("an active asset: price with status and reason in one round trip; priceOf agrees", async () => {
    // A fresh round at the same price (other tests move time past the heartbeat).
    await (await f.feed.setAnswer(2000n * 10n ** 8n)).wait();
    await (await f.oracle.update(ASSET)).wait();
    f.provider.resetStats();
    const p = await getPrice(f.provider, { addresses: f.addresses, oracle, asset: ASSET });
    assert.equal(f.provider.stats.roundTrips, 1);
    assert.equal(p.price, 2000n * E18);
    assert.equal(p.status, "Active");
    assert.equal(p.reason, "None");
    assert.equal(p.error, null);
    assert.equal(p.lastPrice, 2000n * E18);
    const direct = await priceOf(f.provider, { addresses: f.addresses, oracle, asset: ASSET });
    assert.deepEqual(direct, { price: p.price, updatedAt: p.updatedAt });
    const state = await getBreakerState(f.provider, { addresses: f.addresses, oracle, asset: ASSET });
    assert.equal(state.status, "Active");
    assert.equal(state.config.heartbeat, 3600);
    assert.equal(state.config.maxDeviationBps, 1000);
    assert.equal(state.recoveryRounds, 2);
    assert.equal(state.next.action, "None"); // same round: nothing new to accept
  });

  it("a deviation beyond the bound trips the breaker: getPrice reports it, priceOf throws OraclePriceUnavailableError", async () => {
    const { asset, feed } = await freshAsset();
    await (await feed.setAnswer(3000n * 10n ** 8n)).wait(); // +50% > 10%
    const peek = await getBreakerState(f.provider, { addresses: f.addresses, oracle, asset });
    assert.deepEqual([peek.next.action, peek.next.reason], ["Trip", "DeviationExceeded"]);
    await (await f.oracle.update(asset)).wait();

    const p = await getPrice(f.provider, { addresses: f.addresses, oracle, asset });
    assert.equal(p.price, null);
    assert.equal(p.status, "Tripped");
    assert.equal(p.reason, "DeviationExceeded");
    assert.equal(p.lastPrice, 2000n * E18);
    assert.ok(p.error instanceof ContractRevertError);
    assert.equal(p.error.errorName, "OracleAssetTripped");

    await assert.rejects(priceOf(f.provider, { addresses: f.addresses, oracle, asset }), (e: unknown) => {
      assert.ok(e instanceof OraclePriceUnavailableError);
      assert.ok(e instanceof StokitError);
      assert.equal(e.kind, "OracleAssetTripped");
      assert.equal(e.status, "Tripped");
      assert.equal(e.reason, "DeviationExceeded");
      assert.equal(e.asset, asset);
      assert.deepEqual(e.revert.argList, [asset, 2000n * E18, 3000n * E18, 11n]);
      assert.equal(
        e.shortMessage,
        `The circuit breaker for ${asset} is tripped (DeviationExceeded): last good price ${2000n * E18}, rejected ${3000n * E18}.`,
      );
      return true;
    });
    const state = await getBreakerState(f.provider, { addresses: f.addresses, oracle, asset });
    assert.equal(state.status, "Tripped");
    assert.equal(state.candidatePrice, 3000n * E18);
  });

  it("a manual trip by the guardian surfaces with reason ManualTrip", async () => {
    const { asset } = await freshAsset();
    await (await f.oracle.trip(asset)).wait();
    const p = await getPrice(f.provider, { addresses: f.addresses, oracle, asset });
    assert.deepEqual([p.price, p.status, p.reason], [null, "Tripped", "ManualTrip"]);
    await assert.rejects(
      priceOf(f.provider, { addresses: f.addresses, oracle, asset }),
      (e: unknown) => e instanceof OraclePriceUnavailableError && e.reason === "ManualTrip",
    );
  });

  it("a stale price and an unknown asset surface as their typed errors", async () => {
    const { asset } = await freshAsset(60);
    await f.provider.send("evm_increaseTime", [120]);
    await f.provider.send("evm_mine", []);
    const p = await getPrice(f.provider, { addresses: f.addresses, oracle, asset });
    assert.deepEqual([p.price, p.status, p.reason], [null, "Active", "StalePrice"]);
    assert.equal(p.error!.errorName, "OracleStalePrice");
    await assert.rejects(priceOf(f.provider, { addresses: f.addresses, oracle, asset }), (e: unknown) => {
      assert.ok(e instanceof OraclePriceUnavailableError);
      assert.deepEqual([e.kind, e.reason], ["OracleStalePrice", "StalePrice"]);
      return true;
    });
    const unknown = Wallet.createRandom().address;
    const u = await getPrice(f.provider, { addresses: f.addresses, oracle, asset: unknown });
    assert.deepEqual(
      [u.price, u.status, u.reason, u.error!.errorName],
      [null, "Unset", "UnknownAsset", "OracleUnknownAsset"],
    );
    await assert.rejects(
      priceOf(f.provider, { addresses: f.addresses, oracle, asset: unknown }),
      (e: unknown) =>
        e instanceof OraclePriceUnavailableError && e.kind === "OracleUnknownAsset" && e.reason === "UnknownAsset",
    );
    await assert.rejects(
      getBreakerState(f.provider, { addresses: f.addresses, oracle, asset: unknown }),
      (e: unknown) => {
        assert.ok(e instanceof ContractRevertError);
        assert.equal(e.errorName, "OracleUnknownAsset");
        return true;
      },
    );
  });
});
