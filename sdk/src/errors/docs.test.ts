// Every `docsPath` an error carries resolves to a heading of the README that ships with the package (sdk/README.md),
// and every error class the SDK defines is listed in its "Errors" section.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";

import { sdkDir } from "../../test/chain.js";

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sources(p);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [p] : [];
  });
}

describe("docs links", () => {
  const readme = readFileSync(path.join(sdkDir, "README.md"), "utf8");
  const anchors = new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) => `#${slug(m[1]!)}`));
  const files = sources(path.join(sdkDir, "src"));

  it("every docsPath in the SDK's errors is a heading of sdk/README.md", () => {
    const used = new Map<string, string>();
    for (const file of files) {
      for (const m of readFileSync(file, "utf8").matchAll(/docsPath: "([^"]+)"/g)) used.set(m[1]!, file);
    }
    assert.ok(used.size >= 5, `found ${used.size} docs paths`);
    for (const [docsPath, file] of used) {
      assert.ok(
        anchors.has(docsPath),
        `${docsPath} (${path.relative(sdkDir, file)}) is not a heading of sdk/README.md`,
      );
    }
  });

  it("every error class is named in the Errors section", () => {
    const section = readme.slice(readme.indexOf("## Errors"), readme.indexOf("\n## ", readme.indexOf("## Errors") + 1));
    for (const file of files) {
      for (const m of readFileSync(file, "utf8").matchAll(/export class (\w+Error) extends/g)) {
        assert.ok(section.includes(`\`${m[1]}\``), `${m[1]} is not in the README's Errors section`);
      }
    }
  });
});
