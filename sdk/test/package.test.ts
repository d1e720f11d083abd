// Packaging: build to dist/, `npm pack`, install the tarball (ethers from the npm cache, offline) into a fresh
// project outside the repo, and use it from plain ESM JavaScript and from strict TypeScript, as an integrator would.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import { root, sdkDir } from "./chain.js";
import { dividendsFixture, AMOUNT, type DividendsFixture } from "./fixtures.js";

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describe("package", () => {
  let project: string;
  let tarball: string;
  let f: DividendsFixture;
  let files: string[];
  before(async () => {
    f = await dividendsFixture();
    npm(["run", "build", "--silent"], sdkDir);
    project = mkdtempSync(path.join(tmpdir(), "stokit-integrator-"));
    const packed = JSON.parse(npm(["pack", "--json", "--pack-destination", project], sdkDir)) as {
      filename: string;
      files: { path: string }[];
    }[];
    tarball = path.join(project, packed[0]!.filename);
    files = packed[0]!.files.map((x) => x.path);
    const ethersVersion = JSON.parse(readFileSync(path.join(root, "node_modules/ethers/package.json"), "utf8"))
      .version as string;
    writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ name: "integrator", version: "1.0.0", private: true, type: "module" }),
    );
    npm(
      ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball, `ethers@${ethersVersion}`],
      project,
    );
  });
  after(() => {
    f.provider.destroy();
    rmSync(project, { recursive: true, force: true });
  });

  it("ships dist with declarations and the generated layer, without tests", () => {
    for (const needed of [
      "dist/index.js",
      "dist/index.d.ts",
      "dist/generated/types/index.d.ts",
      "dist/actions/dividends/claim.js",
      "package.json",
    ]) {
      assert.ok(files.includes(needed), `${needed} in the tarball`);
    }
    assert.ok(!files.some((p) => p.endsWith(".test.ts") || p.endsWith(".test.js")), "no tests shipped");
    assert.ok(!files.some((p) => p.startsWith("test/") || p.startsWith("test-fixtures/")));
    const pkg = JSON.parse(readFileSync(path.join(sdkDir, "package.json"), "utf8"));
    assert.equal(pkg.sideEffects, false);
    assert.deepEqual(Object.keys(pkg.exports["."]), ["types", "default"], "types first");
    const { version } = JSON.parse(readFileSync(path.join(project, "node_modules/@stokit/sdk/package.json"), "utf8"));
    assert.equal(version, pkg.version);
  });

  it("imports from plain ESM JavaScript and reads a live distribution", () => {
    writeFileSync(
      path.join(project, "index.mjs"),
      `import { Interface } from "ethers";
import { createStokitClient, createRpcProvider, decodeRevertData, dividendDistributorAbi, version } from "@stokit/sdk";

const chainId = Number(process.env.CHAIN_ID);
const provider = createRpcProvider({ urls: [process.env.RPC_URL], chainId });
const client = createStokitClient({ runner: provider, chainId, addresses: { DividendDistributor: process.env.DISTRIBUTOR } });
const d = await client.dividends.getDistribution({ distributionId: 1n });
const { net } = await client.dividends.getClaimable({ distributionId: 1n, holder: process.env.HOLDER });
const data = new Interface(dividendDistributorAbi).encodeErrorResult("DividendNothingToClaim", [1n, process.env.HOLDER]);
console.log(JSON.stringify({ version, status: d.status, amount: String(d.amount), net: String(net), reason: decodeRevertData(data).reason }));
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
    });
  });

  it("type-checks an integrator's strict TypeScript against the shipped declarations", () => {
    writeFileSync(
      path.join(project, "check.ts"),
      `import { createStokitClient, ContractRevertError, type GetClaimableManyReturnType } from "@stokit/sdk";
import { JsonRpcProvider } from "ethers";
const client = createStokitClient({ runner: new JsonRpcProvider("http://127.0.0.1:8545"), chainId: 56 });
export async function total(holder: string): Promise<bigint> {
  const r: GetClaimableManyReturnType = await client.dividends.getClaimableMany({ holder });
  return r.items.reduce((sum, i) => sum + i.net, 0n);
}
export function reason(e: unknown): string | undefined {
  return e instanceof ContractRevertError ? e.errorName : undefined;
}
`,
    );
    execFileSync(
      process.execPath,
      [
        path.join(root, "node_modules/typescript/bin/tsc"),
        "--noEmit",
        "--strict",
        "--module",
        "node20",
        "--target",
        "es2022",
        "--lib",
        "es2023,dom",
        "check.ts",
      ],
      { cwd: project, encoding: "utf8" },
    );
  });
});
