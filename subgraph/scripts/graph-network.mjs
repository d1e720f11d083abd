#!/usr/bin/env node
// Runs `graph build` or `graph deploy` for one network without touching subgraph.yaml:
//
//   node scripts/graph-network.mjs <network> build  [--network-file networks.json] [--output-dir build]
//   node scripts/graph-network.mjs <network> deploy [graph deploy flags...] <subgraph name or Studio slug>
//
// graph-cli's `--network` rewrites the manifest it is given in place (addresses and start blocks from networks.json).
// This script gives it a temporary copy (subgraph.<network>.yaml, next to the original so relative paths hold) and
// removes the copy afterwards, so the committed manifest stays network-neutral.
import { spawnSync } from "node:child_process";
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const subgraphDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [network, command, ...rest] = process.argv.slice(2);
if (!network || network.startsWith("-") || !["build", "deploy"].includes(command)) {
  console.error("usage: node scripts/graph-network.mjs <network> <build|deploy> [graph flags...]");
  process.exit(2);
}
const args = [...rest];
if (!args.includes("--network-file")) args.push("--network-file", path.join(subgraphDir, "networks.json"));
const manifest = path.join(subgraphDir, `subgraph.${network}.yaml`);

copyFileSync(path.join(subgraphDir, "subgraph.yaml"), manifest);
try {
  const graph = spawnSync("graph", [command, "--network", network, ...args, manifest], {
    cwd: subgraphDir,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  process.exitCode = graph.status ?? 1;
} finally {
  rmSync(manifest, { force: true });
}
