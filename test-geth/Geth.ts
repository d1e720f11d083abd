/**
 * The deployer's path on a real client: go-ethereum (the version pinned in scripts/geth.mjs) in `--dev` mode with
 * on-demand mining (`--dev.period 0`), started by the test on a loopback port and stopped after. Every command runs
 * as a deployer would run it (`hardhat run scripts/<x>.ts --network localhost`, child processes):
 *
 *   deploy, kill -9 half-way, a resume with changed parameters (refused), the resume; check (clean, then drift);
 *   a second confirmation that never comes (no-block watchdog); a fresh chain behind the leftover journal (refused,
 *   with the command that starts over); a nonce clash and its recovery; the demo.
 *
 * Run with `npm run test:geth` (builds geth first when it is missing); not part of `npm test`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { Contract, getAddress, id, JsonRpcProvider, Network, Wallet } from "ethers";
import hre, { network } from "hardhat";

import { checkSuite } from "../scripts/lib/check.js";
import { ROOT } from "../scripts/lib/config.js";
import type { AddressBook } from "../scripts/lib/deploy.js";

// @ts-expect-error: a plain ESM script without type declarations
const geth = (await import("../scripts/geth.mjs")) as {
  GETH_VERSION: string;
  startGeth(options?: { port?: number }): Promise<{ url: string; stop(): Promise<void>; output(): string }>;
};

const HARDHAT = realpathSync(path.join(ROOT, "node_modules", ".bin", "hardhat"));
const LOCAL_PARAMS = JSON.parse(readFileSync(path.join(ROOT, "ignition", "parameters", "local.json"), "utf8"));

interface Run {
  child: ChildProcess;
  out: () => string;
  done: Promise<number | null>;
}

function hardhat(args: string[], env: NodeJS.ProcessEnv): Run {
  const child = spawn(process.execPath, [HARDHAT, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => (out += String(d)));
  child.stderr?.on("data", (d) => (out += String(d)));
  const done = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, out: () => out, done };
}

/** Every successful contract creation on the chain: address -> creation. */
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

async function waitForBlock(provider: JsonRpcProvider, run: Run, atLeast: number): Promise<void> {
  for (;;) {
    if ((await provider.getBlockNumber()) >= atLeast) return;
    if (run.child.exitCode !== null) throw new Error(`the command ended before block ${atLeast}:\n${run.out()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe(`deploy on geth ${geth.GETH_VERSION} --dev (on-demand mining)`, function () {
  this.timeout(600_000);
  let node: Awaited<ReturnType<typeof geth.startGeth>>;
  let provider: JsonRpcProvider;
  let deployer = "";
  const tmp = mkdtempSync(path.join(os.tmpdir(), "stokit-geth-"));
  const deploymentId = `stokit-geth-test-${process.pid}-${Date.now()}`;
  const journalDir = path.join(ROOT, "ignition", "deployments", deploymentId);
  const bookFile = path.join(tmp, "localhost.json");
  const env = () => ({
    LOCALHOST_RPC_URL: node.url,
    STOKIT_DEPLOYMENT_ID: deploymentId,
    STOKIT_ADDRESS_BOOK: bookFile,
  });
  const params = (change: (p: typeof LOCAL_PARAMS) => void, name: string) => {
    const p = structuredClone(LOCAL_PARAMS);
    change(p);
    const file = path.join(tmp, `${name}.json`);
    writeFileSync(file, JSON.stringify(p));
    return file;
  };

  const start = async () => {
    node = await geth.startGeth();
    provider?.destroy();
    provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: Network.from(1337), pollingInterval: 100 });
    deployer = getAddress(((await provider.send("eth_accounts", [])) as string[])[0]);
  };

  before(start);

  after(async function () {
    provider?.destroy();
    await node?.stop();
    rmSync(tmp, { recursive: true, force: true });
    for (const dir of [deploymentId, `${deploymentId}-noblock`]) {
      rmSync(path.join(ROOT, "ignition", "deployments", dir), { recursive: true, force: true });
    }
  });

  it("deploys with progress per transaction, is killed half-way, refuses changed parameters, then resumes", async function () {
    const first = hardhat(["run", "scripts/deploy.ts", "--network", "localhost"], env());
    await waitForBlock(provider, first, 4);
    first.child.kill("SIGKILL");
    await first.done;
    const partial = await creations(provider);
    expect(partial.size).to.be.within(1, 14);
    expect(first.out()).to.contain(`deployer ${deployer}: the node's first unlocked account (eth_accounts)`);
    expect(first.out()).to.match(/sent {6}\S+ +0x[0-9a-f]{64}/);
    expect(first.out()).to.not.contain("Done:");

    // A resume with another token name would build a mixed suite: refused, nothing sent.
    const blocks = await provider.getBlockNumber();
    const renamed = params((p) => (p.token.name = "Renamed Rights"), "renamed");
    const refused = hardhat(["run", "scripts/deploy.ts", "--network", "localhost"], {
      ...env(),
      STOKIT_PARAMS: renamed,
    });
    expect(await refused.done, refused.out()).to.equal(1);
    expect(refused.out()).to.contain("ParametersChangedError");
    expect(refused.out()).to.contain("token.name: was stokit Revenue Rights, now Renamed Rights");
    expect(await provider.getBlockNumber()).to.equal(blocks);

    const second = hardhat(["run", "scripts/deploy.ts", "--network", "localhost"], env());
    expect(await second.done, second.out()).to.equal(0);
    expect(second.out()).to.contain("resuming from ignition/deployments/");
    expect(second.out()).to.match(/confirmed \S+ +0x[0-9a-f]{64} block \d+, 1\/1 confirmations/);
    expect(second.out()).to.contain("Done: 16 contracts");

    const book = JSON.parse(readFileSync(bookFile, "utf8")) as AddressBook;
    const all = await creations(provider);
    expect(all.size).to.equal(Object.keys(book.contracts).length); // no duplicates
    expect(all.size).to.equal(16);
    for (const address of partial.keys()) {
      expect(Object.values(book.contracts).map((c) => c.address)).to.include(address);
    }
    for (const [name, entry] of Object.entries(book.contracts)) {
      expect(all.get(entry.address), name).to.deep.equal({ txHash: entry.txHash, blockNumber: entry.blockNumber });
    }
    let gas = 0n;
    for (let n = 1; n <= (await provider.getBlockNumber()); n++) {
      for (const hash of (await provider.getBlock(n))!.transactions) {
        gas += (await provider.getTransactionReceipt(hash))!.gasUsed;
      }
    }
    console.log(`      gas of the whole deployment on geth --dev: ${gas}`);
  });

  it("check finds no drift, then a revoked role and a changed parameter", async function () {
    const clean = hardhat(["run", "scripts/check.ts", "--network", "localhost"], env());
    expect(await clean.done, clean.out()).to.equal(0);
    expect(clean.out()).to.contain("no drift");

    const book = JSON.parse(readFileSync(bookFile, "utf8")) as AddressBook;
    const signer = await provider.getSigner(deployer);
    const token = new Contract(book.contracts.SecurityToken.address, ["function revokeRole(bytes32,address)"], signer);
    await (await token.revokeRole(id("PAUSER_ROLE"), deployer)).wait();
    const resymboled = params((p) => (p.token.symbol = "XXX"), "resymboled");
    const drift = hardhat(["run", "scripts/check.ts", "--network", "localhost"], {
      ...env(),
      STOKIT_PARAMS: resymboled,
    });
    expect(await drift.done, drift.out()).to.equal(1);
    expect(drift.out(), drift.out()).to.contain(
      `DRIFT SecurityToken.PAUSER_ROLE(pauser ${deployer}): expected granted, found missing`,
    );
    expect(drift.out(), drift.out()).to.contain("DRIFT SecurityToken.symbol: expected XXX, found STRR");

    // The same over an in-process connection to the node (what the tests and scripts share).
    const remote = await network.create({ network: "localhost", override: { url: node.url } });
    const report = await checkSuite(hre, remote, book);
    expect(report.drift.map((d) => d.subject)).to.deep.equal([`SecurityToken.PAUSER_ROLE(pauser ${deployer})`]);
    await remote.close();
  });

  it("gives up with a clear message when a confirmation never comes (no block arrives)", async function () {
    // Ignition first waits for the deployer's own last transaction to have 2 confirmations (HHE10402): give it two
    // blocks from another account, so that the wait that never ends is the deployment's own.
    const other = Wallet.createRandom(provider);
    const signer = await provider.getSigner(deployer);
    await (await signer.sendTransaction({ to: other.address, value: 10n ** 17n })).wait();
    await (await other.sendTransaction({ to: other.address, value: 0n })).wait();
    const twoConfirmations = params((p) => (p.confirmations = 2), "two-confirmations");
    const run = hardhat(["run", "scripts/deploy.ts", "--network", "localhost"], {
      ...env(),
      STOKIT_PARAMS: twoConfirmations,
      STOKIT_DEPLOYMENT_ID: `${deploymentId}-noblock`,
      STOKIT_ADDRESS_BOOK: path.join(tmp, "noblock.json"),
      STOKIT_BLOCK_TIMEOUT_SECONDS: "3",
    });
    expect(await run.done, run.out()).to.equal(1);
    expect(run.out(), run.out()).to.match(
      /NoBlockError: no new block for 3 s \(the chain is at block \d+\) while \d+ transaction\(s\) wait for 2 confirmation/,
    );
    expect(run.out()).to.contain('set "confirmations": 1 in the parameter file');
    expect(existsSync(path.join(tmp, "noblock.json"))).to.equal(false);
  });

  it("refuses a fresh chain behind the leftover journal, then starts over; a nonce clash never deploys twice", async function () {
    await node.stop();
    await start(); // same chain id (1337), new genesis, no contracts
    rmSync(bookFile);
    const refused = hardhat(["run", "scripts/deploy.ts", "--network", "localhost"], env());
    expect(await refused.done, refused.out()).to.equal(1);
    expect(refused.out()).to.contain("ChainChangedError");
    expect(refused.out()).to.contain(`rm -r ignition/deployments/${deploymentId} && rerun the same command`);
    expect(existsSync(bookFile)).to.equal(false);
    expect(await provider.getBlockNumber()).to.equal(0);

    // Start over as told, and send a transaction from the deployer's key while the deployment runs.
    rmSync(journalDir, { recursive: true });
    const first = hardhat(["run", "scripts/deploy.ts", "--network", "localhost"], env());
    await waitForBlock(provider, first, 3);
    const signer = await provider.getSigner(deployer);
    const foreign = await signer.sendTransaction({ to: deployer, value: 0n });
    await foreign.wait();
    const code = await first.done;
    if (code !== 0) {
      expect(first.out()).to.contain("NonceClashError");
      expect(first.out()).to.contain("rerun the same command");
    }
    // The documented recovery: rerun the same command. Whatever the timing (the foreign transaction took a nonce
    // Ignition was about to use, or the nonce of a step whose transaction was being prepared), the rerun finishes
    // the deployment, and nothing is deployed twice.
    const second = hardhat(["run", "scripts/deploy.ts", "--network", "localhost"], env());
    expect(await second.done, second.out()).to.equal(0);
    expect(second.out()).to.contain("Done: 16 contracts");
    const all = await creations(provider);
    const book = JSON.parse(readFileSync(bookFile, "utf8")) as AddressBook;
    expect(all.size).to.equal(Object.keys(book.contracts).length); // nothing deployed twice
    for (const entry of Object.values(book.contracts)) {
      expect(all.has(entry.address), entry.address).to.equal(true);
      expect(await provider.getCode(entry.address)).to.not.equal("0x");
    }
    expect((await provider.getTransactionReceipt(foreign.hash))?.status).to.equal(1);
    console.log(`      first run with the foreign transaction: exit ${code}`);
  });

  it("runs the demo: npm run demo -- --network localhost", async function () {
    const demoBook = path.join(tmp, "demo.json");
    const child = spawn("npm", ["run", "demo", "--", "--network", "localhost"], {
      cwd: ROOT,
      env: { ...process.env, LOCALHOST_RPC_URL: node.url, STOKIT_ADDRESS_BOOK: demoBook },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += String(d)));
    child.stderr.on("data", (d) => (out += String(d)));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code, out).to.equal(0);
    expect(out).to.contain("time travel no");
    expect(out).to.contain("6 demo account(s) created and funded");
    expect(out).to.match(/drift\s+\| 0/);
    const book = JSON.parse(readFileSync(demoBook, "utf8")) as AddressBook;
    expect(Object.keys(book.contracts)).to.include("Offering");
    const offering = book.contracts.Offering;
    expect((await provider.getTransactionReceipt(offering.txHash))?.contractAddress).to.equal(offering.address);
    for (const dir of readdirSync(path.join(ROOT, "ignition", "deployments"))) {
      if (dir.startsWith("stokit-localhost-demo-")) {
        const record = JSON.parse(readFileSync(path.join(ROOT, "ignition", "deployments", dir, "stokit.json"), "utf8"));
        if (record.genesisHash === (await provider.getBlock(0))!.hash) {
          rmSync(path.join(ROOT, "ignition", "deployments", dir), { recursive: true, force: true });
        }
      }
    }
  });
});
