/** scripts/abis.mjs and scripts/networks.mjs: the build inputs generated from the Hardhat artifacts and address books. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";

import { parse as parseYaml } from "yaml";

import { loadScenario, SUBGRAPH_DIR } from "./fixture.ts";
import { Subgraph } from "./harness/index.ts";

// @ts-expect-error: a plain ESM script without type declarations
const { networksFrom } = (await import("../scripts/networks.mjs")) as {
  networksFrom(dir: string): Record<string, unknown>;
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
        Offering: { address, blockNumber: 1 },
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
    const distributor = scenario.addressBook.contracts.DividendDistributor;
    assert.deepEqual(JSON.parse(readFileSync(out, "utf8")), {
      [scenario.addressBook.network]: {
        DividendDistributor: { address: distributor.address.toLowerCase(), startBlock: distributor.blockNumber },
      },
    });
  });
});

describe("scripts/graph-network.mjs (graph build --network over the generated networks.json)", () => {
  const buildDir = path.join(SUBGRAPH_DIR, "build", "test-cache", "network-build");

  it("wrote the scenario's address and start block into the built manifest, leaving subgraph.yaml untouched", () => {
    const scenario = loadScenario();
    const distributor = scenario.addressBook.contracts.DividendDistributor;
    const built = parseYaml(readFileSync(path.join(buildDir, "subgraph.yaml"), "utf8"));
    const source = built.dataSources[0];
    assert.equal(source.network, scenario.addressBook.network);
    assert.equal(source.source.address.toLowerCase(), distributor.address.toLowerCase());
    assert.equal(source.source.startBlock, distributor.blockNumber);
    const committed = parseYaml(readFileSync(path.join(SUBGRAPH_DIR, "subgraph.yaml"), "utf8"));
    assert.equal(committed.dataSources[0].source.address, "0x0000000000000000000000000000000000000000");
  });

  it("indexes the scenario from that build with no address injected", () => {
    const scenario = loadScenario();
    const sg = new Subgraph(buildDir);
    sg.processChain(scenario.blocks);
    assert.equal(sg.store.count("Distribution"), Number(scenario.chain.distributionCount));
    assert.ok(sg.store.count("Claim") > 40);
  });
});

describe("scripts/abis.mjs", () => {
  it("copies the ABI of the Hardhat artifact unchanged", () => {
    const artifact = JSON.parse(
      readFileSync(
        path.join(
          SUBGRAPH_DIR,
          "..",
          "artifacts",
          "contracts",
          "dividends",
          "DividendDistributor.sol",
          "DividendDistributor.json",
        ),
        "utf8",
      ),
    );
    const abi = JSON.parse(readFileSync(path.join(SUBGRAPH_DIR, "abis", "DividendDistributor.json"), "utf8"));
    assert.deepEqual(abi, artifact.abi);
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
