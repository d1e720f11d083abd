/** scripts/abis.mjs and scripts/networks.mjs: the build inputs generated from the Hardhat artifacts and address books. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";

import { parse as parseYaml } from "yaml";

import { harnessFor, loadScenario, SUBGRAPH_DIR } from "./fixture.ts";
import { Subgraph } from "./harness/index.ts";

// @ts-expect-error: a plain ESM script without type declarations
const { CONTRACTS } = (await import("../scripts/abis.mjs")) as { CONTRACTS: Record<string, string> };
// @ts-expect-error: a plain ESM script without type declarations
const { networksFrom, DATA_SOURCES } = (await import("../scripts/networks.mjs")) as {
  networksFrom(dir: string, options?: { local?: boolean }): Record<string, unknown>;
  DATA_SOURCES: string[];
};

function book(network: string, chainId: number, contracts: Record<string, unknown>) {
  return JSON.stringify({ network, chainId, contracts });
}

describe("scripts/networks.mjs", () => {
  it("maps every address book to graph-cli's networks.json, data sources only", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "deployments-"));
    const address = "0x" + "Ab".repeat(20);
    writeFileSync(
      path.join(dir, "bsc.json"),
      book("bsc", 56, {
        DividendDistributor: { address, blockNumber: 123, txHash: "0x01" },
        OfferingMockStablecoin: { address, blockNumber: 1 }, // a mock: not a data source
      }),
    );
    writeFileSync(
      path.join(dir, "base.json"),
      book("base", 8453, { DividendDistributor: { address: "0x" + "12".repeat(20), blockNumber: 9, txHash: "0x02" } }),
    );
    writeFileSync(path.join(dir, "empty.json"), book("besu", 1337, {}));
    writeFileSync(path.join(dir, "notes.txt"), "ignored");
    assert.deepEqual(networksFrom(dir), {
      base: { DividendDistributor: { address: "0x" + "12".repeat(20), startBlock: 9 } },
      bsc: { DividendDistributor: { address: address.toLowerCase(), startBlock: 123 } },
    });
    assert.deepEqual(networksFrom(path.join(dir, "missing")), {});
  });

  it("reads the local books (deployments/local/) with { local: true }, including the demo's Offering", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "deployments-"));
    const entry = (byte: string, blockNumber: number) => ({
      address: "0x" + byte.repeat(20),
      blockNumber,
      txHash: "0x01",
    });
    writeFileSync(path.join(dir, "bsc.json"), book("bsc", 56, { Points: entry("11", 5) }));
    mkdirSync(path.join(dir, "local"));
    writeFileSync(
      path.join(dir, "local", "localhost.json"),
      book("localhost", 1337, { SecurityToken: entry("22", 3), Offering: entry("33", 40) }),
    );
    assert.deepEqual(networksFrom(dir), { bsc: { Points: { address: "0x" + "11".repeat(20), startBlock: 5 } } });
    assert.deepEqual(networksFrom(dir, { local: true }), {
      bsc: { Points: { address: "0x" + "11".repeat(20), startBlock: 5 } },
      localhost: {
        SecurityToken: { address: "0x" + "22".repeat(20), startBlock: 3 },
        Offering: { address: "0x" + "33".repeat(20), startBlock: 40 },
      },
    });
  });

  it("refuses an address book with a bad address or start block, or a network twice", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "deployments-"));
    writeFileSync(
      path.join(dir, "bsc.json"),
      book("bsc", 56, { DividendDistributor: { address: "0x1234", blockNumber: 1 } }),
    );
    assert.throws(() => networksFrom(dir), /DividendDistributor.address is not an address/);
    writeFileSync(
      path.join(dir, "bsc.json"),
      book("bsc", 56, { DividendDistributor: { address: "0x" + "11".repeat(20) } }),
    );
    assert.throws(() => networksFrom(dir), /blockNumber must be the deployment block/);
    writeFileSync(path.join(dir, "bsc.json"), book("bsc", 56, {}));
    writeFileSync(path.join(dir, "bsc-copy.json"), book("bsc", 56, {}));
    assert.throws(() => networksFrom(dir), /network bsc appears in two address books/);
  });

  it("turns the scenario's local address book into the network entry the harness replays", () => {
    const scenario = loadScenario();
    const out = path.join(mkdtempSync(path.join(tmpdir(), "networks-")), "networks.json");
    const deployments = path.join(SUBGRAPH_DIR, "build", "test-cache", "deployments");
    const run = spawnSync(
      process.execPath,
      [path.join(SUBGRAPH_DIR, "scripts", "networks.mjs"), "--deployments", deployments, "--out", out],
      { encoding: "utf8" },
    );
    assert.equal(run.status, 0, run.stderr);
    const expected = Object.fromEntries(
      Object.entries(scenario.addressBook.contracts).map(([name, c]) => [
        name,
        { address: c.address.toLowerCase(), startBlock: c.blockNumber },
      ]),
    );
    assert.deepEqual(
      Object.keys(expected).sort(),
      [...DATA_SOURCES].sort(),
      "every data source is in the address book",
    );
    assert.deepEqual(JSON.parse(readFileSync(out, "utf8")), { [scenario.addressBook.network]: expected });
  });
});

describe("scripts/graph-network.mjs (graph build --network over the generated networks.json)", () => {
  const buildDir = path.join(SUBGRAPH_DIR, "build", "test-cache", "network-build");

  it("wrote the scenario's address and start block into the built manifest, leaving subgraph.yaml untouched", () => {
    const scenario = loadScenario();
    const built = parseYaml(readFileSync(path.join(buildDir, "subgraph.yaml"), "utf8"));
    const committed = parseYaml(readFileSync(path.join(SUBGRAPH_DIR, "subgraph.yaml"), "utf8"));
    assert.deepEqual(
      built.dataSources.map((d: { name: string }) => d.name),
      committed.dataSources.map((d: { name: string }) => d.name),
    );
    for (const [i, source] of built.dataSources.entries()) {
      const deployed = scenario.addressBook.contracts[source.name];
      assert.ok(deployed, `${source.name} is in the address book`);
      assert.equal(source.network, scenario.addressBook.network);
      assert.equal(source.source.address.toLowerCase(), deployed.address.toLowerCase());
      assert.equal(source.source.startBlock, deployed.blockNumber);
      assert.equal(committed.dataSources[i].source.address, "0x0000000000000000000000000000000000000000");
    }
  });

  it("indexes the scenario from that build with no address injected", () => {
    const scenario = loadScenario();
    const sg = new Subgraph(buildDir);
    sg.processChain(scenario.blocks);
    const harnessed = harnessFor(scenario);
    harnessed.processChain(scenario.blocks);
    assert.equal(sg.store.count("Distribution"), Number(scenario.chain.distributionCount));
    assert.ok(sg.store.count("Claim") > 40);
    assert.equal(sg.store.count("Transfer"), harnessed.store.count("Transfer"));
    assert.equal(sg.store.count("PointsEntry"), harnessed.store.count("PointsEntry"));
    assert.equal(sg.store.count("BreakerEvent"), harnessed.store.count("BreakerEvent"));
  });
});

describe("scripts/abis.mjs", () => {
  it("copies the ABI of every indexed contract's Hardhat artifact unchanged", () => {
    for (const [name, source] of Object.entries(CONTRACTS)) {
      const artifact = JSON.parse(
        readFileSync(path.join(SUBGRAPH_DIR, "..", "artifacts", source, `${name}.json`), "utf8"),
      );
      const abi = JSON.parse(readFileSync(path.join(SUBGRAPH_DIR, "abis", `${name}.json`), "utf8"));
      assert.deepEqual(abi, artifact.abi, name);
    }
    // every data source of the manifest has its ABI in the list
    const manifest = parseYaml(readFileSync(path.join(SUBGRAPH_DIR, "subgraph.yaml"), "utf8"));
    for (const source of manifest.dataSources) assert.ok(source.source.abi in CONTRACTS, source.source.abi);
  });

  it("fails with a hint when the artifacts are missing", () => {
    const run = spawnSync(
      process.execPath,
      [path.join(SUBGRAPH_DIR, "scripts", "abis.mjs"), "--artifacts", path.join(tmpdir(), "no-artifacts-here")],
      { encoding: "utf8" },
    );
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /run `npx hardhat build` first/);
  });
});
