/** Compiles tests/probe/probe.ts with graph-cli's asc flags (cached in build/test-cache/probe.wasm while the source is unchanged). */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const subgraphDir = path.resolve(import.meta.dirname, "..", "..");

export function buildProbe(): string {
  const source = path.join(subgraphDir, "tests", "probe", "probe.ts");
  const out = path.join(subgraphDir, "build", "test-cache", "probe.wasm");
  if (existsSync(out) && statSync(out).mtimeMs > statSync(source).mtimeMs) return out;
  mkdirSync(path.dirname(out), { recursive: true });
  const require = createRequire(import.meta.url);
  const graphTs = path.dirname(require.resolve("@graphprotocol/graph-ts/package.json"));
  const asc = findUp(subgraphDir, path.join("node_modules", "assemblyscript", "bin", "asc"));
  const libs = path.dirname(path.dirname(graphTs)); // the node_modules that holds @graphprotocol/graph-ts
  const args = [
    asc,
    source,
    path.join(graphTs, "global", "global.ts"),
    "--explicitStart",
    "--exportRuntime",
    "--runtime",
    "stub",
    "--baseDir",
    subgraphDir,
    "--lib",
    libs,
    "--outFile",
    out,
    "--optimize",
    "--debug",
  ];
  const result = spawnSync(process.execPath, args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`asc failed:\n${result.stdout}\n${result.stderr}`);
  return out;
}

/** The first `relative` path that exists in `dir` or one of its parents (how node_modules are found). */
function findUp(dir: string, relative: string): string {
  for (let current = dir; ; current = path.dirname(current)) {
    const candidate = path.join(current, relative);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(current) === current) throw new Error(`${relative} not found above ${dir}`);
  }
}
