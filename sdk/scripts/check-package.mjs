#!/usr/bin/env node
// `npm run check:package` (in sdk/, and in CI): packs the SDK exactly as `npm publish` would (`prepack` builds
// dist/ with tsup), then lints the tarball: publint (package.json fields, exports map, files present) and
// Are-The-Types-Wrong (every entrypoint resolves to the right JavaScript and declarations under node10, node16 CJS,
// node16 ESM and bundler resolution). Exits non-zero on any error from either. Prints the tarball's path and size.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const sdkDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(sdkDir, "..", "node_modules", ".bin", name);
const dir = mkdtempSync(path.join(tmpdir(), "stokit-sdk-pack-"));
try {
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", dir], {
    cwd: sdkDir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  // `prepack` (the build) prints to stdout before npm's JSON.
  const [packed] = JSON.parse(out.slice(out.search(/^\[/m)));
  const tarball = path.join(dir, packed.filename);
  console.log(`check:package: ${packed.filename}, ${packed.entryCount} files, ${statSync(tarball).size} bytes`);
  execFileSync(bin("publint"), ["run", tarball, "--strict"], { stdio: "inherit" });
  execFileSync(bin("attw"), [tarball, "--profile", "strict", "--format", "table-flipped", "--no-color"], {
    stdio: "inherit",
  });
  console.log("check:package: publint and attw found no problem in the packed tarball");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
