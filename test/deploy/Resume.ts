/**
 * Resumability over real JSON-RPC: starts `hardhat node` on a free loopback port, runs scripts/deploy.ts against it
 * as a child process, kills it half-way (once some contracts exist on the chain), reruns it, and checks that the
 * rerun completed from the Ignition journal with no duplicate contract and an address book that matches the chain.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { JsonRpcProvider, Network } from "ethers";
import hre, { network } from "hardhat";

import { checkSuite } from "../../scripts/lib/check.js";
import { ROOT } from "../../scripts/lib/config.js";
import type { AddressBook } from "../../scripts/lib/deploy.js";

const { networkName } = await network.create();
const HARDHAT = realpathSync(path.join(ROOT, "node_modules", ".bin", "hardhat"));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function hardhat(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [HARDHAT, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function collect(child: ChildProcess): { out: () => string } {
  let out = "";
  child.stdout?.on("data", (d) => (out += String(d)));
  child.stderr?.on("data", (d) => (out += String(d)));
  return { out: () => out };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
}

/** Every successful contract creation on the chain, as address -> tx hash. */
async function creations(provider: JsonRpcProvider): Promise<Map<string, { txHash: string; blockNumber: number }>> {
  const found = new Map<string, { txHash: string; blockNumber: number }>();
  const latest = await provider.getBlockNumber();
  for (let n = 0; n <= latest; n++) {
    const block = await provider.getBlock(n, true);
    for (const tx of block?.prefetchedTransactions ?? []) {
      if (tx.to !== null) continue;
      const receipt = await provider.getTransactionReceipt(tx.hash);
      if (receipt?.status === 1 && receipt.contractAddress) {
        found.set(receipt.contractAddress, { txHash: tx.hash, blockNumber: n });
      }
    }
  }
  return found;
}

describe(`deploy: resumable over JSON-RPC (test run on ${networkName})`, function () {
  this.timeout(120_000);
  let node: ChildProcess | undefined;
  let url = "";
  let provider: JsonRpcProvider;
  const tmp = mkdtempSync(path.join(os.tmpdir(), "stokit-resume-"));
  let deploymentId = "";

  before(async function () {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    deploymentId = `stokit-test-local-${port}`;
    node = hardhat(["node", "--hostname", "127.0.0.1", "--port", String(port)]);
    const log = collect(node);
    let chainId: bigint;
    for (let i = 0; ; i++) {
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
        });
        chainId = BigInt(((await response.json()) as { result: string }).result);
        break;
      } catch {
        if (i > 300 || node.exitCode !== null) throw new Error(`hardhat node did not start:\n${log.out()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    provider = new JsonRpcProvider(url, undefined, { staticNetwork: Network.from(chainId) });
  });

  after(async function () {
    provider?.destroy();
    if (node !== undefined && node.exitCode === null) {
      node.kill("SIGTERM");
      await exited(node);
    }
    rmSync(tmp, { recursive: true, force: true });
    if (deploymentId !== "") {
      for (const dir of [deploymentId, `${deploymentId}-wrong`]) {
        rmSync(path.join(ROOT, "ignition", "deployments", dir), { recursive: true, force: true });
      }
    }
  });

  it("refuses to deploy when the node's chain id differs from the parameter file's", async function () {
    const chainId = Number(await provider.send("eth_chainId", []));
    const params = JSON.parse(readFileSync(path.join(ROOT, "ignition", "parameters", "local.json"), "utf8"));
    params.chainId = chainId + 1; // e.g. a Besu genesis whose chainId differs from the configured one
    const wrongParams = path.join(tmp, "wrong-chain.json");
    writeFileSync(wrongParams, JSON.stringify(params));
    const child = hardhat(["run", "scripts/deploy.ts", "--network", "localhost"], {
      STOKIT_RPC_URL: url,
      STOKIT_PARAMS: wrongParams,
      STOKIT_DEPLOYMENT_ID: `${deploymentId}-wrong`,
      STOKIT_ADDRESS_BOOK: path.join(tmp, "wrong.json"),
    });
    const log = collect(child);
    expect(await exited(child)).to.equal(1);
    expect(log.out()).to.contain(`ChainIdMismatchError: network "localhost": the node reports chain id ${chainId}`);
    expect(log.out()).to.contain(`expects ${chainId + 1}`);
    expect(await provider.getBlockNumber()).to.equal(0); // nothing was sent
  });

  it("completes after being killed half-way, without duplicate contracts", async function () {
    const env = {
      STOKIT_RPC_URL: url,
      STOKIT_DEPLOYMENT_ID: deploymentId,
      STOKIT_ADDRESS_BOOK: path.join(tmp, "book.json"),
    };
    const first = hardhat(["run", "scripts/deploy.ts", "--network", "localhost"], env);
    const firstLog = collect(first);
    // Kill the deployment once three contracts exist (of sixteen), while it is still sending transactions.
    for (;;) {
      const blocks = await provider.getBlockNumber();
      if (blocks >= 3) break;
      if (first.exitCode !== null) throw new Error(`the deploy ended before it could be killed:\n${firstLog.out()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    first.kill("SIGKILL");
    await exited(first);
    const partial = await creations(provider);
    expect(partial.size).to.be.greaterThan(0);
    expect(partial.size).to.be.lessThan(16);
    expect(firstLog.out()).to.not.contain("Done:");

    const second = hardhat(["run", "scripts/deploy.ts", "--network", "localhost"], env);
    const secondLog = collect(second);
    expect(await exited(second), secondLog.out()).to.equal(0);
    expect(secondLog.out()).to.contain("Done: 16 contracts");

    const book = JSON.parse(readFileSync(env.STOKIT_ADDRESS_BOOK, "utf8")) as AddressBook;
    const all = await creations(provider);
    // No duplicates: exactly one creation per contract of the book, and the partial run's contracts were reused.
    expect(all.size).to.equal(Object.keys(book.contracts).length);
    expect(all.size).to.equal(16);
    for (const address of partial.keys()) {
      expect(Object.values(book.contracts).map((c) => c.address)).to.include(address);
    }
    for (const [name, entry] of Object.entries(book.contracts)) {
      expect(all.get(entry.address), name).to.deep.equal({ txHash: entry.txHash, blockNumber: entry.blockNumber });
      expect(await provider.getCode(entry.address), name).to.not.equal("0x");
    }
    expect(book.network).to.equal("localhost");
    expect(book.chainId).to.equal(Number(await provider.send("eth_chainId", [])));

    // The check agrees with the chain (over the same JSON-RPC node).
    const remote = await network.create({ network: "localhost", override: { url } });
    const report = await checkSuite(hre, remote, book);
    expect(report.drift).to.deep.equal([]);
    await remote.close();
  });
});
