// Packaging, as an integrator gets the SDK: `npm pack` (its `prepack` builds dist/ with tsup), install the tarball
// with ethers into a fresh project outside the repo (online, through whatever npm cache the machine has, which may be
// empty), and use it from plain ESM JavaScript, CommonJS JavaScript, and strict TypeScript in both module kinds.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import { root, sdkDir } from "./chain.js";
import { dividendsFixture, AMOUNT, type DividendsFixture } from "./fixtures.js";

type SizeModule = { BUDGETS: { action: number }; bundleSize(code: string): Promise<number> };
const { BUDGETS, bundleSize } = (await import(path.join(root, "bench", "sdk-size.mjs"))) as SizeModule;

const npm = (args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) =>
  execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env });

/** `npm pack --json` output, after whatever `prepack` printed. */
function parsePack(out: string): { filename: string; files: { path: string }[] }[] {
  return JSON.parse(out.slice(out.search(/^\[/m)));
}

const tsc = (cwd: string, args: string[]) =>
  execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), ...args], {
    cwd,
    encoding: "utf8",
  });

describe("package", () => {
  let project: string;
  let tarball: string;
  let f: DividendsFixture;
  let files: string[];
  before(async () => {
    f = await dividendsFixture();
    project = mkdtempSync(path.join(tmpdir(), "stokit-integrator-"));
    const packed = parsePack(npm(["pack", "--json", "--pack-destination", project], sdkDir));
    tarball = path.join(project, packed[0]!.filename);
    files = packed[0]!.files.map((x) => x.path);
    const ethersVersion = JSON.parse(readFileSync(path.join(root, "node_modules/ethers/package.json"), "utf8"))
      .version as string;
    writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ name: "integrator", version: "1.0.0", private: true, type: "module" }),
    );
    // Online: a fresh machine's npm cache holds no ethers metadata (`--offline` failed there). `--prefer-offline`
    // still uses a warm cache when there is one.
    npm(
      [
        "install",
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--ignore-scripts",
        tarball,
        `ethers@${ethersVersion}`,
      ],
      project,
    );
  });
  after(() => {
    f.provider.destroy();
    rmSync(project, { recursive: true, force: true });
  });

  it("ships dist with declarations and the generated layer, without tests", () => {
    for (const needed of [
      "dist/esm/index.js",
      "dist/index.d.ts",
      "dist/index.cjs",
      "dist/index.d.cts",
      "dist/esm/bytecode.js",
      "dist/bytecode.d.ts",
      "dist/bytecode.cjs",
      "dist/bytecode.d.cts",
      "bytecode/package.json",
      "dist/esm/platform.js",
      "dist/platform.d.ts",
      "dist/platform.cjs",
      "dist/platform.d.cts",
      "platform/package.json",
      "dist/esm/market.js",
      "dist/market.d.ts",
      "dist/market.cjs",
      "dist/market.d.cts",
      "market/package.json",
      "package.json",
    ]) {
      assert.ok(files.includes(needed), `${needed} in the tarball`);
    }
    assert.ok(!files.some((p) => p.endsWith(".test.ts") || p.endsWith(".test.js")), "no tests shipped");
    assert.ok(!files.some((p) => p.startsWith("test/") || p.startsWith("test-fixtures/")));
    const pkg = JSON.parse(readFileSync(path.join(sdkDir, "package.json"), "utf8"));
    assert.equal(pkg.sideEffects, false);
    for (const entry of [".", "./bytecode", "./platform", "./market"]) {
      assert.deepEqual(Object.keys(pkg.exports[entry]), ["import", "require"]);
      for (const kind of ["import", "require"])
        assert.deepEqual(Object.keys(pkg.exports[entry][kind]), ["types", "default"]);
    }
    assert.equal(pkg.scripts.prepack, "npm run build", "npm pack builds dist/ first");
    const { version } = JSON.parse(readFileSync(path.join(project, "node_modules/@stokit/sdk/package.json"), "utf8"));
    assert.equal(version, pkg.version);
  });

  it("ships ESM one module per file: one action from the installed package bundles within its budget", async () => {
    const installed = path.join(project, "node_modules/@stokit/sdk/dist/esm");
    assert.ok(existsSync(path.join(installed, "actions/offering/subscribe.js")), "per-module ESM");
    // What an app's bundler ships from the tarball equals what bench/sdk-size.mjs measures from the sources.
    for (const action of ["subscribe", "checkTransfer", "getPortfolio"]) {
      const published = await bundleSize(
        `export { ${action} } from ${JSON.stringify(path.join(installed, "index.js"))};`,
      );
      const source = await bundleSize(
        `export { ${action} } from ${JSON.stringify(path.join(sdkDir, "src/index.ts"))};`,
      );
      assert.ok(published <= BUDGETS.action, `${action} from the package: ${published} bytes`);
      assert.ok(Math.abs(published - source) <= 500, `${action}: package ${published} vs sources ${source} bytes`);
    }
    // The market's heaviest action, from its own entry.
    const published = await bundleSize(
      `export { getOrderBook } from ${JSON.stringify(path.join(installed, "market.js"))};`,
    );
    const source = await bundleSize(
      `export { getOrderBook } from ${JSON.stringify(path.join(sdkDir, "src/market.ts"))};`,
    );
    assert.ok(published <= BUDGETS.action, `getOrderBook from the package: ${published} bytes`);
    assert.ok(Math.abs(published - source) <= 500, `getOrderBook: package ${published} vs sources ${source} bytes`);
  });

  it("imports from plain ESM JavaScript and reads a live distribution", () => {
    writeFileSync(
      path.join(project, "index.mjs"),
      `import { Interface, id } from "ethers";
import { createStokitClient, createRpcProvider, decodeRevertData, dividendDistributorAbi, version } from "@stokit/sdk";
import { offeringBytecode } from "@stokit/sdk/bytecode";
import { listIps, toIpId } from "@stokit/sdk/platform";
import { ORDER_TYPES, getOrderBook, hashOrder } from "@stokit/sdk/market";

const chainId = Number(process.env.CHAIN_ID);
const provider = createRpcProvider({ urls: [process.env.RPC_URL], chainId });
const client = createStokitClient({ runner: provider, chainId, addresses: { DividendDistributor: process.env.DISTRIBUTOR } });
const d = await client.dividends.getDistribution({ distributionId: 1n });
const { net } = await client.dividends.getClaimable({ distributionId: 1n, account: process.env.HOLDER });
const data = new Interface(dividendDistributorAbi).encodeErrorResult("DividendNothingToClaim", [1n, process.env.HOLDER]);
console.log(JSON.stringify({ version, status: d.status, amount: String(d.amount), net: String(net), reason: decodeRevertData(data).reason, bytecode: /^0x[0-9a-f]{2000,}$/.test(offeringBytecode), platform: typeof listIps === "function" && toIpId("ip") === id("ip"), market: typeof getOrderBook === "function" && ORDER_TYPES.Order.length === 9 && /^0x[0-9a-f]{64}$/.test(hashOrder({ maker: process.env.HOLDER, side: "sell", token: process.env.HOLDER, paymentToken: process.env.HOLDER, price: 1n, amount: 1n, expiry: 1n, nonce: 0n, salt: 0n }, { chainId, market: process.env.HOLDER })) }));
provider.destroy();
`,
    );
    const out = execFileSync(process.execPath, ["index.mjs"], {
      cwd: project,
      encoding: "utf8",
      env: {
        ...process.env,
        CHAIN_ID: String(f.chainId),
        RPC_URL: f.provider.urls[0],
        DISTRIBUTOR: f.addresses.DividendDistributor,
        HOLDER: f.holders[0]!.address,
      },
    });
    const r = JSON.parse(out.trim().split("\n").pop()!);
    assert.deepEqual(r, {
      version: "0.1.0",
      status: "Active",
      amount: String(AMOUNT),
      net: String(AMOUNT / 6n),
      reason: `${f.holders[0]!.address} has nothing to claim in distribution 1.`,
      bytecode: true,
      platform: true,
      market: true,
    });
  });

  it("requires from CommonJS JavaScript (the same API, the CJS build)", () => {
    writeFileSync(
      path.join(project, "index.cjs"),
      `const { createRpcProvider, getClaimable, ContractRevertError, StokitError, version } = require("@stokit/sdk");
const { offeringBytecode } = require("@stokit/sdk/bytecode");
const { signOrder, FillStatus } = require("@stokit/sdk/market");
const provider = createRpcProvider({ urls: [process.env.RPC_URL], chainId: Number(process.env.CHAIN_ID) });
getClaimable(provider, { distributor: process.env.DISTRIBUTOR, distributionId: 1n, account: process.env.HOLDER }).then((c) => {
  console.log(JSON.stringify({ version, net: String(c.net), revertIsStokit: ContractRevertError.prototype instanceof StokitError, bytecode: offeringBytecode.startsWith("0x"), market: typeof signOrder === "function" && FillStatus.TokenRestricted === 7 }));
  provider.destroy();
});
`,
    );
    const out = execFileSync(process.execPath, ["index.cjs"], {
      cwd: project,
      encoding: "utf8",
      env: {
        ...process.env,
        CHAIN_ID: String(f.chainId),
        RPC_URL: f.provider.urls[0],
        DISTRIBUTOR: f.addresses.DividendDistributor,
        HOLDER: f.holders[0]!.address,
      },
    });
    assert.deepEqual(JSON.parse(out.trim().split("\n").pop()!), {
      version: "0.1.0",
      net: String(AMOUNT / 6n),
      revertIsStokit: true,
      bytecode: true,
      market: true,
    });
  });

  const CHECK_TS = `import { createStokitClient, ContractRevertError, type GetClaimableManyReturnType } from "@stokit/sdk";
import { getOrderBook, type OrderBookEntry, type SignedOrder } from "@stokit/sdk/market";
import { JsonRpcProvider } from "ethers";
const client = createStokitClient({ runner: new JsonRpcProvider("http://127.0.0.1:8545"), chainId: 56 });
export async function total(account: string): Promise<bigint> {
  const r: GetClaimableManyReturnType = await client.dividends.getClaimableMany({ account });
  return r.items.reduce((sum, i) => sum + i.net, 0n);
}
export function reason(e: unknown): string | undefined {
  return e instanceof ContractRevertError ? e.errorName : undefined;
}
export async function bestAsk(orders: SignedOrder[]): Promise<OrderBookEntry | undefined> {
  const { asks } = await getOrderBook(new JsonRpcProvider("http://127.0.0.1:8545"), { market: "0x0000000000000000000000000000000000000001", orders });
  return asks[0];
}
`;
  const STRICT = ["--noEmit", "--strict", "--target", "es2022", "--lib", "es2023,dom"];

  it("type-checks an integrator's strict TypeScript, ESM (module node20, type: module)", () => {
    writeFileSync(path.join(project, "check.ts"), CHECK_TS);
    tsc(project, [...STRICT, "--module", "node20", "check.ts"]);
  });

  it("type-checks an integrator's strict TypeScript, CommonJS (module node16, type: commonjs): no TS1479", () => {
    const cjs = path.join(project, "cjs");
    mkdirSync(cjs, { recursive: true });
    writeFileSync(path.join(cjs, "package.json"), JSON.stringify({ name: "integrator-cjs", type: "commonjs" }));
    writeFileSync(path.join(cjs, "check.ts"), CHECK_TS);
    tsc(cjs, [...STRICT, "--module", "node16", "check.ts"]);
  });
});
