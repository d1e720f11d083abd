#!/usr/bin/env node
// `npm run coverage`: Hardhat 3's built-in coverage (it replaces Hardhat 2's solidity-coverage) over the Solidity
// and TypeScript tests, writing coverage/lcov.info and coverage/html. Prints line coverage per contract and fails
// when the deployable contracts (everything under contracts/ except contracts/mocks/) are below the gate.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const GATE = Number(process.env.COVERAGE_GATE ?? 95);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const hardhat = path.join(root, "node_modules", ".bin", "hardhat");

const run = spawnSync(hardhat, ["test", "--coverage"], { cwd: root, stdio: "inherit" });
if (run.status !== 0) {
  console.error(`coverage: the test run failed (exit ${run.status ?? run.signal}).`);
  process.exit(run.status ?? 1);
}

/** Parses lcov.info into { file: { found, hit } } using the LF/LH line counters. */
function parseLcov(text) {
  const files = {};
  let current;
  for (const line of text.split("\n")) {
    if (line.startsWith("SF:"))
      current = files[path.relative(root, path.resolve(root, line.slice(3)))] = { found: 0, hit: 0 };
    else if (line.startsWith("LF:")) current.found = Number(line.slice(3));
    else if (line.startsWith("LH:")) current.hit = Number(line.slice(3));
  }
  return files;
}

const files = parseLcov(readFileSync(path.join(root, "coverage", "lcov.info"), "utf8"));
const gated = Object.entries(files).filter(
  ([file]) => file.startsWith("contracts/") && !file.startsWith("contracts/mocks/"),
);
const scope = gated.length ? gated : Object.entries(files);
let found = 0;
let hit = 0;
console.log("\nLine coverage (gate applies to contracts/ outside contracts/mocks/)");
for (const [file, c] of scope.sort()) {
  found += c.found;
  hit += c.hit;
  console.log(
    `  ${file.padEnd(56)} ${((100 * c.hit) / Math.max(c.found, 1)).toFixed(2).padStart(7)}%  (${c.hit}/${c.found})`,
  );
}
const total = (100 * hit) / Math.max(found, 1);
console.log(`  ${"total".padEnd(56)} ${total.toFixed(2).padStart(7)}%  (${hit}/${found})`);
if (total < GATE) {
  console.error(`coverage: ${total.toFixed(2)}% of lines is below the ${GATE}% gate.`);
  process.exit(1);
}
console.log(`coverage: ${total.toFixed(2)}% of lines, gate ${GATE}%: ok`);
