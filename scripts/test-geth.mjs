#!/usr/bin/env node
// `npm run test:geth`: the deployer's path on a real client. Builds the pinned geth when it is missing (Go module
// proxy, ~11 min; `node scripts/geth.mjs install`), then runs test-geth/ with Hardhat's mocha runner. The tests start
// `geth --dev --dev.period 0` themselves on loopback ports and stop it. Not part of `npm test` (which needs no geth).
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { gethBinary, gethVersionOf, GETH_VERSION, installGeth } from "./geth.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
if (!gethVersionOf()?.startsWith(GETH_VERSION.replace(/^v/, ""))) installGeth();
console.log(`test:geth: ${gethBinary()} (${gethVersionOf()})`);

const hardhat = path.join(root, "node_modules", ".bin", "hardhat");
const run = (args) => spawnSync(hardhat, args, { cwd: root, stdio: "inherit" }).status ?? 1;
if (run(["build"]) !== 0) process.exit(1);
const files = readdirSync(path.join(root, "test-geth"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => path.join("test-geth", f));
process.exit(run(["test", "mocha", "--no-compile", ...files]));
