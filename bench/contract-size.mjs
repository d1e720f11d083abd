#!/usr/bin/env node
// Contract sizes: the runtime and creation code of every deployable contract (everything under contracts/ except
// contracts/mocks/ and contracts/interfaces/, abstract contracts left out), read from the build artifacts, against
// the limits chains enforce: 24,576 bytes of runtime code (EIP-170) and 49,152 bytes of creation code (EIP-3860).
//
//   node bench/contract-size.mjs     prints the table (markdown) from artifacts/ (run `npx hardhat build` first)
//
// `npm run bench` and `npm run bench:check` print the same table after the gas run (which builds) and fail when a
// contract is over a limit.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** EIP-170: the largest runtime code a chain accepts. */
export const RUNTIME_LIMIT = 24_576;
/** EIP-3860: the largest creation code (initcode) a chain accepts. */
export const INITCODE_LIMIT = 49_152;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Bytes of a hex string ("0x..."), link placeholders included. */
const byteLength = (hex) => (hex.length - 2) / 2;

/** Every artifact JSON under `dir` (recursively), skipping debug and type files. */
function artifactFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...artifactFiles(full));
    else if (entry.name.endsWith(".json") && !entry.name.endsWith(".dbg.json")) out.push(full);
  }
  return out;
}

/**
 * Sizes of the deployable contracts in `artifactsDir` (default `artifacts/`): [{ name, source, runtime, initcode }],
 * sorted by source path then name. Contracts without runtime code (abstract contracts, interfaces) are left out.
 */
export function measureContractSizes(artifactsDir = path.join(root, "artifacts")) {
  const rows = [];
  for (const file of artifactFiles(path.join(artifactsDir, "contracts"))) {
    const artifact = JSON.parse(readFileSync(file, "utf8"));
    const source = artifact.sourceName;
    if (typeof source !== "string" || typeof artifact.deployedBytecode !== "string") continue;
    if (!source.startsWith("contracts/") || /^contracts\/(mocks|interfaces)\//.test(source)) continue;
    const runtime = byteLength(artifact.deployedBytecode);
    if (runtime === 0) continue;
    rows.push({ name: artifact.contractName, source, runtime, initcode: byteLength(artifact.bytecode) });
  }
  return rows.sort((a, b) => a.source.localeCompare(b.source) || a.name.localeCompare(b.name));
}

/** The failing lines: every contract over a limit. */
export function checkContractSizes(rows) {
  const failures = [];
  for (const r of rows) {
    if (r.runtime > RUNTIME_LIMIT) failures.push(`${r.name}: runtime ${r.runtime} bytes > ${RUNTIME_LIMIT}`);
    if (r.initcode > INITCODE_LIMIT) failures.push(`${r.name}: creation code ${r.initcode} bytes > ${INITCODE_LIMIT}`);
  }
  return failures;
}

const fmt = (n) => n.toLocaleString("en-US");

/** The table in markdown; a contract over a limit is marked `OVER`. */
export function contractSizeTable(rows) {
  const lines = [
    `| contract | runtime (limit ${fmt(RUNTIME_LIMIT)}) | margin | creation code (limit ${fmt(INITCODE_LIMIT)}) |`,
    "|---|--:|--:|--:|",
  ];
  for (const r of rows) {
    const over = r.runtime > RUNTIME_LIMIT ? " OVER" : "";
    const initOver = r.initcode > INITCODE_LIMIT ? " OVER" : "";
    lines.push(
      `| ${r.name} | ${fmt(r.runtime)}${over} | ${fmt(RUNTIME_LIMIT - r.runtime)} | ${fmt(r.initcode)}${initOver} |`,
    );
  }
  return lines.join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = measureContractSizes();
  console.log(contractSizeTable(rows));
  const failures = checkContractSizes(rows);
  for (const line of failures) console.error(`contract size: ${line}`);
  process.exit(failures.length > 0 ? 1 : 0);
}
