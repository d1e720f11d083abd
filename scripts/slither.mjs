#!/usr/bin/env node
// `npm run slither`: static analysis with Slither over Hardhat 3's production build.
//
// Slither reads compilations through crytic-compile, which understands Hardhat 2's build-info layout (input and
// output in one file, source names that are file paths). Hardhat 3 splits input and output and names sources
// `project/...` and `npm/<pkg>@<version>/...`. This script converts Hardhat 3's build info into Hardhat 2's layout
// under cache/slither/, runs Slither on it without recompiling, and then gates the result:
//   - any High or Medium finding fails;
//   - every Low / Informational / Optimization finding must be triaged, with a reason, in slither-triage.json:
//     either the whole detector (`detectors`: for checks such as `timestamp` that flag intended design across the
//     code) or the single finding (`findings`, keyed by check and description without line numbers, so edits
//     elsewhere in a file do not invalidate the triage).
// Usage: node scripts/slither.mjs
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const hardhat = path.join(root, "node_modules", ".bin", "hardhat");
const outDir = path.join(root, "cache", "slither");
const buildInfoOut = path.join(outDir, "artifacts", "build-info");
const triagePath = path.join(root, "slither-triage.json");

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 30, ...options });
  if (result.error) throw result.error;
  return result;
}

const slitherCheck = run("slither", ["--version"]);
if (slitherCheck.status !== 0) {
  console.error("slither: not installed. Install it with `pip install slither-analyzer` (PyPI).");
  process.exit(1);
}

const build = run(hardhat, ["build", "--build-profile", "production", "--no-tests"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

/** `project/contracts/X.sol` -> `contracts/X.sol`; `npm/@scope/pkg@1.2.3/x.sol` -> `node_modules/@scope/pkg/x.sol`. */
function toFilePaths(text) {
  return text.replaceAll('"project/', '"').replace(/"npm\/((?:@[^/"@]+\/)?[^/"@]+)@[^/"]+\//g, '"node_modules/$1/');
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(buildInfoOut, { recursive: true });
/** The build infos that the contracts' artifacts come from (tests are not analysed). */
function contractBuildInfoIds(dir, ids = new Set()) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) contractBuildInfoIds(full, ids);
    else if (entry.name.endsWith(".json") && !entry.name.endsWith(".dbg.json")) {
      const { buildInfoId } = JSON.parse(readFileSync(full, "utf8"));
      if (buildInfoId) ids.add(buildInfoId);
    }
  }
  return ids;
}

const buildInfoDir = path.join(root, "artifacts", "build-info");
const wanted = contractBuildInfoIds(path.join(root, "artifacts", "contracts"));
for (const file of readdirSync(buildInfoDir)) {
  if (!file.endsWith(".json") || file.endsWith(".output.json")) continue;
  if (!wanted.has(file.replace(/\.json$/, ""))) continue;
  const input = JSON.parse(toFilePaths(readFileSync(path.join(buildInfoDir, file), "utf8")));
  const output = JSON.parse(
    toFilePaths(readFileSync(path.join(buildInfoDir, file.replace(/\.json$/, ".output.json")), "utf8")),
  );
  const hh2 = {
    _format: "hh-sol-build-info-1",
    id: input.id,
    solcVersion: input.solcVersion,
    solcLongVersion: input.solcLongVersion,
    input: input.input,
    output: output.output,
  };
  writeFileSync(path.join(buildInfoOut, file), JSON.stringify(hh2));
}

const analysis = run("slither", [
  ".",
  "--compile-force-framework",
  "hardhat",
  "--hardhat-ignore-compile",
  "--hardhat-artifacts-directory",
  path.relative(root, path.join(outDir, "artifacts")),
  "--hardhat-cache-directory",
  path.relative(root, path.join(outDir, "cache")),
  "--filter-paths",
  "node_modules|contracts/mocks|test/",
  "--exclude-dependencies",
  "--json",
  "-",
]);
let report;
try {
  report = JSON.parse(analysis.stdout);
} catch {
  console.error(analysis.stdout, analysis.stderr);
  console.error("slither: could not read Slither's JSON output.");
  process.exit(1);
}
if (!report.success) {
  console.error(report.error ?? analysis.stderr);
  process.exit(1);
}

/** A finding's key: its check and first description line, without the `#line` references that move with edits. */
const keyOf = (check, description) =>
  `${check}: ${description
    .trim()
    .split("\n")[0]
    .replace(/ \([^()]*#\d+(?:-\d+)?\)/g, "")}`;

const findings = (report.results?.detectors ?? []).map((d) => ({
  key: keyOf(d.check, d.description),
  check: d.check,
  impact: d.impact,
  confidence: d.confidence,
}));
const triage = existsSync(triagePath) ? JSON.parse(readFileSync(triagePath, "utf8")) : {};
const byDetector = triage.detectors ?? {};
const byFinding = triage.findings ?? {};
const reasonFor = (f) => byDetector[f.check] ?? byFinding[f.key];

const blocking = findings.filter((f) => f.impact === "High" || f.impact === "Medium");
const untriaged = findings.filter((f) => !blocking.includes(f) && !reasonFor(f));
const stale = Object.keys(byFinding).filter((key) => !findings.some((f) => f.key === key));

console.log(`\nslither: ${findings.length} findings (${blocking.length} high/medium, ${untriaged.length} untriaged)`);
for (const f of findings) {
  const mark = blocking.includes(f) ? "BLOCKING " : reasonFor(f) ? "triaged  " : "UNTRIAGED";
  console.log(`  [${mark}] ${f.impact}/${f.confidence} ${f.key}`);
}
if (stale.length)
  console.log(`slither: triage entries that match no finding any more (remove them):\n  ${stale.join("\n  ")}`);
if (blocking.length || untriaged.length) {
  console.error("slither: failed (fix high/medium findings; fix or triage with a reason every other one).");
  process.exit(1);
}
console.log("slither: ok");
