// Test harness: Hardhat nodes started from the repo root (the SDK itself never imports Hardhat), the suite deployed
// with ethers ContractFactory from the root artifacts, and Multicall3 compiled from test-fixtures/ with npm solc.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { ContractFactory, Wallet, type BaseContract, type Signer } from "ethers";

import { StokitRpcProvider } from "../src/providers/rpc.js";

export const sdkDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const root = path.resolve(sdkDir, "..");
const hardhatCli = path.join(root, "node_modules", "hardhat", "dist", "src", "cli.js");

/** Hardhat's default accounts (public test keys). */
export const KEYS = [
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
  "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
  "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
  "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
] as const;

export type ChainName = "bscSim" | "baseSim" | "besuSim";
export type TestChain = { name: ChainName; url: string; chainId: number; stop: () => void };

const children: ChildProcess[] = [];
const chains = new Map<ChainName, Promise<TestChain>>();
process.on("exit", () => {
  for (const child of children) {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function ensureArtifacts(): void {
  const probes = [
    "artifacts/contracts/dividends/DividendDistributor.sol/DividendDistributor.json",
    "artifacts/contracts/token/SecurityToken.sol/SecurityToken.json",
    "artifacts/contracts/points/Points.sol/Points.json",
    "artifacts/contracts/factory/TokenFactory.sol/TokenFactory.json",
  ];
  if (probes.every((p) => existsSync(path.join(root, p)))) return;
  const r = spawnSync(process.execPath, [hardhatCli, "build"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) throw new Error("hardhat build failed");
}

async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(body.error.message);
  return body.result;
}

async function start(name: ChainName): Promise<TestChain> {
  ensureArtifacts();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [hardhatCli, "node", "--network", name, "--hostname", "127.0.0.1", "--port", String(port)],
    {
      cwd: root,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(child);
  // Never keep the test process alive: the exit handler stops the node.
  child.unref();
  (child.stdout as unknown as { unref(): void }).unref();
  (child.stderr as unknown as { unref(): void }).unref();
  let log = "";
  child.stdout!.on("data", (d) => (log += String(d)));
  child.stderr!.on("data", (d) => (log += String(d)));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hardhat node exited: ${log}`);
    try {
      const chainId = Number(await rpc(url, "eth_chainId"));
      const stop = () => {
        try {
          process.kill(-child.pid!, "SIGTERM");
        } catch {
          /* gone */
        }
      };
      return { name, url, chainId, stop };
    } catch {
      if (Date.now() > deadline) throw new Error(`hardhat node did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** A Hardhat node for `name`, started once per test process. */
export function getChain(name: ChainName = "bscSim"): Promise<TestChain> {
  let chain = chains.get(name);
  if (!chain) {
    chain = start(name);
    chains.set(name, chain);
  }
  return chain;
}

/** Stops every node this process started. */
export function stopChains(): void {
  for (const [, c] of chains) void c.then((x) => x.stop());
  chains.clear();
}

/** A provider with fast polling (tests mine instantly). */
export function providerFor(chain: TestChain, options: { urls?: string[] } = {}): StokitRpcProvider {
  return new StokitRpcProvider(options.urls ?? [chain.url], chain.chainId, { pollingInterval: 50 });
}

export function artifact(name: string): { abi: unknown[]; bytecode: string } {
  const file = {
    DividendDistributor: "dividends/DividendDistributor.sol/DividendDistributor.json",
    DividendsMockToken: "mocks/DividendsMockToken.sol/DividendsMockToken.json",
    DividendsMockPayout: "mocks/DividendsMockPayout.sol/DividendsMockPayout.json",
    SecurityToken: "token/SecurityToken.sol/SecurityToken.json",
    IdentityRegistry: "token/IdentityRegistry.sol/IdentityRegistry.json",
    Offering: "offering/Offering.sol/Offering.json",
    Points: "points/Points.sol/Points.json",
    OracleCircuitBreaker: "oracle/OracleCircuitBreaker.sol/OracleCircuitBreaker.json",
    OracleMockFeed: "mocks/OracleMockFeed.sol/OracleMockFeed.json",
    OfferingMockStablecoin: "mocks/OfferingMockStablecoin.sol/OfferingMockStablecoin.json",
    InitcodeChunk: "factory/InitcodeChunk.sol/InitcodeChunk.json",
    IpSecurityToken: "factory/IpSecurityToken.sol/IpSecurityToken.json",
    TokenFactory: "factory/TokenFactory.sol/TokenFactory.json",
    OfferingFactory: "factory/OfferingFactory.sol/OfferingFactory.json",
    Market: "market/Market.sol/Market.json",
    MarketMockWallet: "mocks/MarketMockWallet.sol/MarketMockWallet.json",
  }[name];
  if (!file) throw new Error(`unknown artifact ${name}`);
  return JSON.parse(readFileSync(path.join(root, "artifacts/contracts", file), "utf8"));
}

let multicallBuild: { abi: unknown[]; bytecode: string; runtime: string } | undefined;
/** Compiles test-fixtures/Multicall3.sol with the repo's npm solc (wasm), once. */
export function multicallArtifact(): { abi: unknown[]; bytecode: string; runtime: string } {
  if (multicallBuild) return multicallBuild;
  const require = createRequire(path.join(root, "package.json"));
  const solc = require("solc") as { compile: (input: string) => string };
  const input = {
    language: "Solidity",
    sources: { "Multicall3.sol": { content: readFileSync(path.join(sdkDir, "test-fixtures/Multicall3.sol"), "utf8") } },
    settings: {
      evmVersion: "paris",
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors ?? []).filter((e: { severity: string }) => e.severity === "error");
  if (errors.length) throw new Error(JSON.stringify(errors));
  const c = output.contracts["Multicall3.sol"].Multicall3;
  multicallBuild = {
    abi: c.abi,
    bytecode: `0x${c.evm.bytecode.object}`,
    runtime: `0x${c.evm.deployedBytecode.object}`,
  };
  return multicallBuild;
}

export async function send(provider: StokitRpcProvider, method: string, params: unknown[] = []): Promise<unknown> {
  return provider.send(method, params);
}

/**
 * Puts Multicall3 at its canonical address (as on BSC/Base) with `hardhat_setCode`, or deploys it at a fresh
 * address (as our scripts will on Besu). Returns its address.
 */
export async function installMulticall(
  provider: StokitRpcProvider,
  deployer: Signer,
  mode: "canonical" | "deploy",
): Promise<string> {
  const m = multicallArtifact();
  if (mode === "canonical") {
    const address = "0xcA11bde05977b3631167028862bE2a173976CA11";
    await provider.send("hardhat_setCode", [address, m.runtime]);
    return address;
  }
  const c = await new ContractFactory(m.abi as never, m.bytecode, deployer).deploy();
  await c.waitForDeployment();
  return c.getAddress();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyContract = BaseContract & Record<string, any>;

export async function deploy(name: string, signer: Signer, args: unknown[] = []): Promise<AnyContract> {
  const a = artifact(name);
  const c = await new ContractFactory(a.abi as never, a.bytecode, signer).deploy(...args);
  await c.waitForDeployment();
  return c as AnyContract;
}

export type Suite = {
  provider: StokitRpcProvider;
  admin: Wallet;
  holders: Wallet[];
  distributors: AnyContract[];
  tokens: AnyContract[];
  payout: AnyContract;
  multicall: string;
  recordDate: bigint;
};

/**
 * Deploys two distributors, three security tokens and a payout token; mints `holders[0..2]` 100/200/300 of each
 * token; moves time 10 s forward so the mint time is a past record date. `admin` holds every role and 1e24 payout.
 */
export async function deploySuite(
  chain: TestChain,
  options: { multicall?: "canonical" | "deploy" } = {},
): Promise<Suite> {
  const provider = providerFor(chain);
  const admin = new Wallet(KEYS[0], provider);
  const holders = KEYS.slice(1, 4).map((k) => new Wallet(k, provider));
  const multicall = await installMulticall(
    provider,
    admin,
    options.multicall ?? (chain.name === "besuSim" ? "deploy" : "canonical"),
  );
  const distributors = [
    await deploy("DividendDistributor", admin, [admin.address, 0]),
    await deploy("DividendDistributor", admin, [admin.address, 0]),
  ];
  for (const d of distributors) {
    await (await d.grantRole(await d.DISTRIBUTOR_ROLE(), admin.address)).wait();
    await (await d.grantRole(await d.TAX_ADMIN_ROLE(), admin.address)).wait();
  }
  const tokens = [
    await deploy("DividendsMockToken", admin),
    await deploy("DividendsMockToken", admin),
    await deploy("DividendsMockToken", admin),
  ];
  const payout = await deploy("DividendsMockPayout", admin, [18]);
  await (await payout.mint(admin.address, 10n ** 24n)).wait();
  for (const token of tokens) {
    for (const [i, h] of holders.entries())
      await (await token.mint(h.address, BigInt(100 * (i + 1)) * 10n ** 18n)).wait();
  }
  const block = await provider.getBlock("latest");
  const recordDate = BigInt(block!.timestamp);
  await provider.send("evm_increaseTime", [10]);
  await provider.send("evm_mine", []);
  return { provider, admin, holders, distributors, tokens, payout, multicall, recordDate };
}

/** Latest block timestamp. */
export async function now(provider: StokitRpcProvider): Promise<bigint> {
  return BigInt((await provider.getBlock("latest"))!.timestamp);
}
