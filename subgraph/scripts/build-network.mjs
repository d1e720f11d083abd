#!/usr/bin/env node
// Builds the subgraph for one network without touching subgraph.yaml:
//
//   node scripts/build-network.mjs <network> [--network-file networks.json] [--output-dir build]
//
// `graph build --network` rewrites the manifest it builds in place (addresses and start blocks from networks.json).
// This script lets it rewrite a temporary copy (subgraph.<network>.yaml, next to the original so relative paths hold)
// and removes the copy afterwards, so the committed manifest stays network-neutral.
import { spawnSync } from "node:child_process";
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const subgraphDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const network = args[0];
if (!network || network.startsWith("-")) {
  console.error("usage: node scripts/build-network.mjs <network> [--network-file <file>] [--output-dir <dir>]");
  process.exit(2);
}
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? path.resolve(args[i + 1]) : fallback;
};
const networkFile = option("--network-file", path.join(subgraphDir, "networks.json"));
const outputDir = option("--output-dir", path.join(subgraphDir, "build"));
const manifest = path.join(subgraphDir, `subgraph.${network}.yaml`);

copyFileSync(path.join(subgraphDir, "subgraph.yaml"), manifest);
try {
  const graph = spawnSync(
    "graph",
    ["build", "--network", network, "--network-file", networkFile, "--output-dir", outputDir, manifest],
    { cwd: subgraphDir, stdio: "inherit", shell: process.platform === "win32" },
  );
  process.exitCode = graph.status ?? 1;
} finally {
  rmSync(manifest, { force: true });
}
