import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { ContractRevertError } from "../errors/contract.js";
import { ContractNotFoundError } from "../errors/notFound.js";
import { UnsupportedChainError } from "../errors/parameter.js";
import { DividendDistributor__factory } from "../generated/types/factories/DividendDistributor__factory.js";
import { installMulticall } from "../../test/chain.js";
import { dividendsFixture, type DividendsFixture } from "../../test/fixtures.js";
import { abiCall, contractCall, multicall } from "./multicall.js";

describe("multicall", () => {
  let f: DividendsFixture;
  before(async () => {
    f = await dividendsFixture();
  });
  after(() => f.provider.destroy());

  it("batches typed calls into one aggregate3 eth_call (canonical address on BSC/Base, deployed on Besu)", async () => {
    const d = DividendDistributor__factory.connect(f.distributions[0]!.distributor, f.provider);
    f.provider.resetStats();
    const [count, claimable, rate] = await multicall(f.provider, {
      addresses: f.addresses,
      calls: [
        contractCall(d, "distributionCount", []),
        contractCall(d, "claimable", [1n, f.holders[0]!.address]),
        abiCall<bigint>(
          await d.getAddress(),
          ["function withholdingRateOf(address) view returns (uint16)"],
          "withholdingRateOf",
          [f.admin.address],
        ),
      ],
    });
    assert.equal(f.provider.stats.roundTrips, 1);
    assert.equal(count, 2n);
    assert.equal(claimable.net, 100n * 10n ** 18n);
    assert.equal(rate, 0n);
  });

  it("splits large batches into aggregate3 chunks of batchSize, in order", async () => {
    const d = DividendDistributor__factory.connect(f.distributions[0]!.distributor, f.provider);
    f.provider.resetStats();
    const holders = [f.admin, ...f.holders, f.admin].map((w) => w.address);
    const results = await multicall(f.provider, {
      addresses: f.addresses,
      batchSize: 2,
      calls: holders.map((h) => contractCall(d, "entitlementOf", [1n, h])),
    });
    assert.equal(f.provider.stats.byMethod.eth_call, 3, "5 calls in chunks of 2");
    assert.deepEqual(results, [0n, 100n * 10n ** 18n, 200n * 10n ** 18n, 300n * 10n ** 18n, 0n]);
  });

  it("allowFailure returns decoded failures; without it the first failure throws", async () => {
    const d = DividendDistributor__factory.connect(f.distributions[0]!.distributor, f.provider);
    const results = await multicall(f.provider, {
      addresses: f.addresses,
      allowFailure: true,
      calls: [contractCall(d, "entitlementOf", [9n, f.admin.address]), contractCall(d, "distributionCount", [])],
    });
    assert.equal(results[0].status, "failure");
    assert.ok(
      results[0].status === "failure" &&
        "errorName" in results[0].error &&
        results[0].error.errorName === "DividendUnknownDistribution",
    );
    assert.deepEqual(results[1], { status: "success", result: 2n });
    await assert.rejects(
      multicall(f.provider, {
        addresses: f.addresses,
        calls: [contractCall(d, "entitlementOf", [9n, f.admin.address])],
      }),
      (e: unknown) => {
        assert.ok(e instanceof ContractRevertError);
        assert.equal(e.shortMessage, "Distribution 9 does not exist.");
        assert.equal(e.functionName, "entitlementOf");
        return true;
      },
    );
  });

  it("uses a configured Multicall3 address (Besu/local deployments) and refuses an address without code", async () => {
    const deployed = await installMulticall(f.provider, f.admin, "deploy");
    const d = DividendDistributor__factory.connect(f.distributions[0]!.distributor, f.provider);
    const [count] = await multicall(f.provider, {
      multicallAddress: deployed,
      calls: [contractCall(d, "distributionCount", [])],
    });
    assert.equal(count, 2n);
    const [again] = await multicall(f.provider, {
      addresses: { Multicall3: deployed },
      calls: [contractCall(d, "distributionCount", [])],
    });
    assert.equal(again, 2n);
    await assert.rejects(
      multicall(f.provider, {
        multicallAddress: f.holders[0]!.address,
        calls: [contractCall(d, "distributionCount", [])],
      }),
      (e: unknown) => e instanceof ContractNotFoundError && e.address === f.holders[0]!.address,
    );
  });

  it("a chain without a known Multicall3 is an UnsupportedChainError", async () => {
    const d = DividendDistributor__factory.connect(f.distributions[0]!.distributor, f.provider);
    await assert.rejects(
      multicall(f.provider, {
        chain: { id: f.chainId, name: "bare", feeModel: "legacy" },
        calls: [contractCall(d, "distributionCount", [])],
      }),
      (e: unknown) => e instanceof UnsupportedChainError && e.missing === "Multicall3 address",
    );
  });
});
