#!/usr/bin/env node
// `npm test`: every test the project has, in one command, with one closing line of counts.
//
//   1. Solidity tests (unit, fuzz, invariant);
//   2. TypeScript (mocha) flows on each simulated chain: BSC-like l1, Base (OP stack), Besu (London, zero base fee);
//   3. every workspace that has a `test` script (the SDK, the subgraph build and mapping harness).
//
// Options: `--chain <bscSim|baseSim|besuSim>` (repeatable) limits the mocha runs; `--quick` runs mocha on the
// default chain only. Under CI (`CI=true`) the Solidity tests use the `ci` profile (larger fuzz/invariant budget).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CHAINS = ["bscSim", "baseSim", "besuSim"];

const args = process.argv.slice(2);
const chains = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--chain") chains.push(args[++i]);
  else if (args[i] === "--quick") chains.push(CHAINS[0]);
  else {
    console.error(`test: unknown argument ${args[i]}`);
    process.exit(2);
  }
}
for (const chain of chains) {
  if (!CHAINS.includes(chain)) {
    console.error(`test: unknown chain ${chain}; expected one of ${CHAINS.join(", ")}`);
    process.exit(2);
  }
}

const totals = { passed: 0, failed: 0, phases: [] };

/** Runs a command, streaming its output, and returns { code, output }. */
function run(cmd, cmdArgs, cwd = root) {
  return new Promise((resolve) => {
    console.log(`\n$ ${[cmd, ...cmdArgs].join(" ")}${cwd === root ? "" : `   (in ${path.relative(root, cwd)})`}`);
    const child = spawn(cmd, cmdArgs, { cwd, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const forward = (stream, sink) =>
      stream.on("data", (chunk) => {
        output += chunk;
        sink.write(chunk);
      });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Reads pass/fail counts from a runner's output (Hardhat/mocha "N passing", node:test "# pass N"). */
function countsOf(output) {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\x1b\[[0-9;]*m/g, "");
  const last = (re) => {
    const all = [...plain.matchAll(re)];
    return all.length ? Number(all[all.length - 1][1]) : 0;
  };
  return {
    passed: last(/^\s*(\d+) passing/gm) + last(/^# pass (\d+)/gm),
    failed: last(/^\s*(\d+) failing/gm) + last(/^# fail (\d+)/gm),
  };
}

async function phase(name, cmd, cmdArgs, cwd) {
  const { code, output } = await run(cmd, cmdArgs, cwd);
  const { passed, failed } = countsOf(output);
  // A runner that exits non-zero without reporting a failing test (compile error, crash) counts as one failure.
  const failures = code !== 0 && failed === 0 ? 1 : failed;
  totals.passed += passed;
  totals.failed += failures;
  totals.phases.push({ name, passed, failed: failures, code });
}

const hardhat = path.join(root, "node_modules", ".bin", "hardhat");
const solidityArgs = ["test", "solidity"];
if (process.env.CI) solidityArgs.push("--test-profile", "ci");

await run(hardhat, ["build"]);
await phase("solidity", hardhat, [...solidityArgs, "--no-compile"]);
for (const chain of chains.length ? chains : CHAINS) {
  await phase(`mocha@${chain}`, hardhat, ["test", "mocha", "--network", chain, "--no-compile"]);
}

const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
for (const workspace of pkg.workspaces ?? []) {
  const dir = path.join(root, workspace);
  const wsPkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
  if (wsPkg.scripts?.test) await phase(workspace, "npm", ["test", "--silent"], dir);
}

console.log("\nSummary");
for (const p of totals.phases) {
  console.log(`  ${p.name.padEnd(16)} ${String(p.passed).padStart(4)} passed ${String(p.failed).padStart(3)} failed`);
}
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
