#!/usr/bin/env node
/* global fetch, setTimeout */
// A pinned go-ethereum for the real-client tests: built from the Go module proxy into the git-ignored `.tools/`, and
// started in `--dev` mode with on-demand mining (`--dev.period 0`: a block only when a transaction arrives) on a
// loopback port.
//
//   node scripts/geth.mjs install            # builds geth GETH_VERSION into .tools/geth-<version>/bin (needs Go)
//   node scripts/geth.mjs start [--port N]   # runs `geth --dev` in the foreground until Ctrl-C
//
// The tests import `startGeth()`, which starts a throwaway node (in memory, or on `datadir` to survive a restart)
// and returns its URL and a `stop()`; `installGeth()` is what `install` runs. Dependency-free on purpose.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The go-ethereum release the project tests against. */
export const GETH_VERSION = "v1.17.10";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Where `install` puts the binary (`GETH` overrides it with another binary). */
export function gethBinary() {
  if (process.env.GETH) return process.env.GETH;
  return path.join(root, ".tools", `geth-${GETH_VERSION.replace(/^v/, "")}`, "bin", "geth");
}

/** The version line of a geth binary, or undefined when it does not run. */
export function gethVersionOf(binary = gethBinary()) {
  if (!existsSync(binary)) return undefined;
  const result = spawnSync(binary, ["version"], { encoding: "utf8" });
  if (result.status !== 0) return undefined;
  return /^Version: (.*)$/m.exec(result.stdout)?.[1];
}

/** Builds the pinned geth with `go install` (Go module proxy), unless that version is already installed. */
export function installGeth({ log = console.log } = {}) {
  const binary = gethBinary();
  const wanted = GETH_VERSION.replace(/^v/, "");
  const found = gethVersionOf(binary);
  if (found?.startsWith(wanted)) {
    log(`geth: ${binary} is ${found}`);
    return binary;
  }
  const go = spawnSync("go", ["version"], { encoding: "utf8" });
  if (go.status !== 0) throw new Error("geth: `go` is not on PATH: install Go 1.24+ to build geth");
  mkdirSync(path.dirname(binary), { recursive: true });
  log(`geth: building github.com/ethereum/go-ethereum/cmd/geth@${GETH_VERSION} (${go.stdout.trim()}), ~11 min`);
  const started = Date.now();
  const result = spawnSync("go", ["install", `github.com/ethereum/go-ethereum/cmd/geth@${GETH_VERSION}`], {
    env: { ...process.env, GOBIN: path.dirname(binary), GOFLAGS: "-mod=mod" },
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`geth: go install failed (exit ${result.status ?? result.signal})`);
  log(`geth: built ${gethVersionOf(binary)} in ${Math.round((Date.now() - started) / 1000)} s`);
  return binary;
}

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** One JSON-RPC call over http; throws on a JSON-RPC error. */
export async function rpc(url, method, params = []) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = await response.json();
  if (body.error) throw Object.assign(new Error(`${method}: ${body.error.message}`), { code: body.error.code });
  return body.result;
}

/**
 * Starts `geth --dev --dev.period 0` on a free loopback port and waits until it answers `eth_chainId`.
 *
 * @param {{ port?: number, datadir?: string, binary?: string }} options `datadir` keeps the chain on disk (a
 *   restart on the same datadir continues the chain); without it the chain lives in memory.
 * @returns {Promise<{ url: string, port: number, process: import("node:child_process").ChildProcess,
 *   output: () => string, stop: (signal?: NodeJS.Signals) => Promise<void> }>}
 */
export async function startGeth({ port, datadir, binary = gethBinary() } = {}) {
  if (!existsSync(binary)) throw new Error(`geth: ${binary} not found: run \`node scripts/geth.mjs install\``);
  const httpPort = port ?? (await freePort());
  const args = [
    "--dev",
    "--dev.period",
    "0",
    "--http",
    "--http.addr",
    "127.0.0.1",
    "--http.port",
    String(httpPort),
    "--http.api",
    "eth,net,web3,txpool,debug",
    "--ipcdisable",
    "--nodiscover",
    "--maxpeers",
    "0",
    "--port",
    "0",
    "--authrpc.port",
    String(await freePort()),
    "--verbosity",
    "2",
  ];
  if (datadir !== undefined) args.push("--datadir", datadir);
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += String(d)));
  child.stderr.on("data", (d) => (out += String(d)));
  const url = `http://127.0.0.1:${httpPort}`;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`geth exited (${child.exitCode}) on start:\n${out}`);
    try {
      await rpc(url, "eth_chainId");
      break;
    } catch {
      if (i > 300) {
        child.kill("SIGKILL");
        throw new Error(`geth did not answer on ${url} within 30 s:\n${out}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    port: httpPort,
    process: child,
    output: () => out,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, ...rest] = process.argv.slice(2);
  if (command === "install") {
    installGeth();
  } else if (command === "start") {
    const i = rest.indexOf("--port");
    const node = await startGeth({ port: i >= 0 ? Number(rest[i + 1]) : 8545 });
    console.log(`geth ${GETH_VERSION} --dev (on-demand mining) at ${node.url}; Ctrl-C stops it`);
    node.process.stdout.pipe(process.stdout);
    node.process.stderr.pipe(process.stderr);
    process.on("SIGINT", () => node.stop().then(() => process.exit(0)));
  } else {
    console.error("usage: node scripts/geth.mjs <install|start [--port N]>");
    process.exit(2);
  }
}
