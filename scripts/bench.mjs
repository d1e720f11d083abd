#!/usr/bin/env node
// `npm run bench`: measures the SDK bundle sizes (bench/sdk-size.mjs, written to bench/sdk-size.json), then runs the
// gas benchmark (`hardhat run bench/gas.ts`, one in-process chain) and writes bench/gas.json and bench/gas.md.
// Under `--check` the SDK sizes are compared with bench/sdk-size.json: more than 1% growth of any figure fails the
// check (after the gas comparison has run and printed); figures over their budget are marked in the table.
// `npm run bench:check` (`--check`): runs the same measurement WITHOUT writing into bench/, compares it with the
// committed bench/gas.json and exits 1 when any stokit figure or scaling figure increased (a gas regression), or
// when an operation or holder count is missing from either side. Decreases pass, with a reminder to commit the new
// figures (`npm run bench`). Peer columns (trex, trex_bare, oz) are reported when they change, never gated.
// Both then print the size of every deployable contract (bench/contract-size.mjs) and fail when one is over the
// EIP-170 runtime or EIP-3860 creation-code limit.
// Both keep the README's gas figures generated from bench/gas.json (`bench/readme.ts`): `npm run bench` rewrites
// them, `bench:check` fails when they differ from the committed JSON.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { checkContractSizes, contractSizeTable, measureContractSizes } from "../bench/contract-size.mjs";
import { checkSdkSize, measureSdkSize, sizeTable } from "../bench/sdk-size.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const hardhat = path.join(root, "node_modules", ".bin", "hardhat");
const committedJson = path.join(root, "bench", "gas.json");
const check = process.argv.includes("--check");

/** Rewrites (or, with `--check`, compares) the README's figures block from the committed bench/gas.json. */
function readmeFigures(...flags) {
  const run = spawnSync(process.execPath, [path.join(root, "bench", "readme.ts"), ...flags], { stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

// SDK bundle sizes (bench/sdk-size.mjs): written to bench/sdk-size.json, or compared with it under --check.
const sdkSizeJson = path.join(root, "bench", "sdk-size.json");
const sdkSize = await measureSdkSize();
console.log(`\nSDK bundle sizes\n\n${sizeTable(sdkSize)}\n`);
if (check) {
  const sizeFailures = checkSdkSize(JSON.parse(readFileSync(sdkSizeJson, "utf8")), sdkSize);
  for (const line of sizeFailures) console.error(`bench:check: SDK size: ${line}`);
  if (sizeFailures.length > 0) process.exitCode = 1;
} else {
  writeFileSync(sdkSizeJson, JSON.stringify(sdkSize, null, 2) + "\n");
  console.log("bench: wrote bench/sdk-size.json");
}

/** Runs the benchmark; returns the path of the JSON it wrote. */
function runBenchmark(jsonPath, mdPath) {
  const env = { ...process.env, BENCH_JSON: jsonPath };
  if (mdPath) env.BENCH_MD = mdPath;
  else delete env.BENCH_MD;
  const run = spawnSync(hardhat, ["run", "bench/gas.ts"], { cwd: root, stdio: "inherit", env });
  if (run.status !== 0) {
    console.error(`bench: the benchmark run failed (exit ${run.status ?? run.signal}).`);
    process.exit(run.status ?? 1);
  }
  return jsonPath;
}

/** Prints the contract sizes from the artifacts the gas run just built; a contract over a limit fails the run. */
function contractSizes() {
  const rows = measureContractSizes();
  console.log(
    `\nContract sizes (artifacts/, EIP-170 runtime and EIP-3860 creation code limits)\n\n${contractSizeTable(rows)}\n`,
  );
  const failures = checkContractSizes(rows);
  for (const line of failures) console.error(`bench: contract size: ${line}`);
  if (failures.length > 0) process.exitCode = 1;
}

/** Reads a result file and checks its shape: { operations: { name: { stokit: int, ... } }, scaling: { ... } }. */
function readResult(file) {
  const data = JSON.parse(readFileSync(file, "utf8"));
  const isGas = (v) => Number.isSafeInteger(v) && v > 0;
  if (typeof data?.operations !== "object" || typeof data?.scaling !== "object") {
    throw new Error(`${file}: expected { operations, scaling }`);
  }
  for (const [name, row] of Object.entries(data.operations)) {
    if (!isGas(row?.stokit)) throw new Error(`${file}: operations.${name}.stokit is not a gas figure`);
    for (const peer of ["trex", "trex_bare", "oz"]) {
      if (row[peer] !== null && !isGas(row[peer])) throw new Error(`${file}: operations.${name}.${peer}`);
    }
  }
  for (const [name, row] of Object.entries(data.scaling)) {
    for (const [count, value] of Object.entries(row)) {
      if (!isGas(value)) throw new Error(`${file}: scaling.${name}.${count} is not a gas figure`);
    }
  }
  return data;
}

/** Every figure as [key, value, gated]: stokit and scaling figures are gated, peer columns are informational. */
function figures(result) {
  const out = new Map();
  for (const [name, row] of Object.entries(result.operations)) {
    for (const [peer, value] of Object.entries(row))
      out.set(`operations.${name}.${peer}`, { value, gated: peer === "stokit" });
  }
  for (const [name, row] of Object.entries(result.scaling)) {
    for (const [count, value] of Object.entries(row)) out.set(`scaling.${name}.${count}`, { value, gated: true });
  }
  return out;
}

function compare(committed, measured) {
  const before = figures(committed);
  const after = figures(measured);
  const rows = [];
  let failures = 0;
  let decreases = 0;
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(key);
    const a = after.get(key);
    const gated = (a ?? b).gated;
    let status;
    if (b === undefined) status = gated ? "NEW (not in the committed JSON)" : "new peer figure";
    else if (a === undefined) status = gated ? "MISSING from the run" : "peer figure gone";
    else if (a.value === b.value) continue;
    else if (a.value === null || b.value === null) status = "peer availability changed";
    else if (a.value > b.value) status = gated ? "REGRESSION" : "peer changed";
    else status = gated ? "improved" : "peer changed";
    if (gated && (status === "REGRESSION" || status.startsWith("NEW") || status.startsWith("MISSING"))) failures++;
    if (status === "improved") decreases++;
    const delta = a && b && a.value !== null && b.value !== null ? a.value - b.value : null;
    const percent = delta !== null ? ` (${delta > 0 ? "+" : ""}${((100 * delta) / b.value).toFixed(2)}%)` : "";
    rows.push(
      `| ${key} | ${b?.value ?? "-"} | ${a?.value ?? "-"} | ${delta === null ? "-" : `${delta > 0 ? "+" : ""}${delta}${percent}`} | ${status} |`,
    );
  }
  return { rows, failures, decreases };
}

if (!check) {
  runBenchmark(committedJson, path.join(root, "bench", "gas.md"));
  contractSizes();
  readResult(committedJson);
  readmeFigures();
  console.log("bench: wrote bench/gas.json and bench/gas.md (commit them with the change that moved the figures).");
  process.exit(process.exitCode ?? 0);
}

const committed = readResult(committedJson);
readmeFigures("--check");
const dir = mkdtempSync(path.join(tmpdir(), "stokit-bench-"));
let measured;
try {
  measured = readResult(runBenchmark(path.join(dir, "gas.json"), undefined));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
contractSizes();
const { rows, failures, decreases } = compare(committed, measured);
if (rows.length === 0) {
  console.log("bench:check: every figure equals the committed bench/gas.json.");
  process.exit(process.exitCode ?? 0);
}
console.log("\nbench:check: figures that differ from the committed bench/gas.json\n");
console.log("| figure | committed | measured | delta | status |\n|---|--:|--:|--:|---|");
for (const row of rows) console.log(row);
console.log("");
if (failures > 0) {
  console.error(
    `bench:check: FAILED: ${failures} gated figure(s) increased, appeared or disappeared. If the change is ` +
      "intended, run `npm run bench` and commit bench/gas.json and bench/gas.md in the same commit.",
  );
  process.exit(1);
}
if (decreases > 0) {
  console.log(
    `bench:check: ok, ${decreases} figure(s) decreased: run \`npm run bench\` and commit bench/gas.json and ` +
      "bench/gas.md so the gate keeps the gain.",
  );
} else {
  console.log("bench:check: ok (only peer figures changed; run `npm run bench` to refresh them).");
}
