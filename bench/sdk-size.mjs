#!/usr/bin/env node
// SDK bundle size: what an integrator's bundler ships for one action, and for the whole SDK, minified, with ethers
// external (it is a peer dependency the app bundles once whatever it uses). Each figure is an esbuild bundle of a
// one-line entry (`export { checkTransfer } from "<sdk>"`), ESM, minified, tree-shaken as an app bundler does
// (`sideEffects: false`), built from sdk/src so no build step is needed.
//
//   node bench/sdk-size.mjs            prints the table (markdown)
//   node bench/sdk-size.mjs --json F   also writes the figures to F
//
// Budgets (issue 15): every action alone <= 25 KB, the whole SDK <= 120 KB (1 KB = 1000 bytes). They are a gate:
// `checkSdkSize` (run by `npm run bench:check`) and the SDK's test/size.test.ts fail on a figure over its budget.
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entry = path.join(root, "sdk", "src", "index.ts");
/** `@stokit/sdk/platform`: the factories' actions (`sdk/src/actions/factory/`) are exported from there. */
const platformEntry = path.join(root, "sdk", "src", "platform.ts");
/** `@stokit/sdk/market`: the secondary market's actions (`sdk/src/actions/market/`) are exported from there. */
const marketEntry = path.join(root, "sdk", "src", "market.ts");
const inArea = (area, name) => readdirSync(path.join(root, "sdk", "src", "actions", area)).includes(`${name}.ts`);
/** The entry an action is imported from, as an app would: the platform's from `@stokit/sdk/platform`, the market's
 * from `@stokit/sdk/market`. */
export const entryOf = (name) =>
  inArea("factory", name) ? platformEntry : inArea("market", name) ? marketEntry : entry;

/** The size budgets of issue 15 in bytes: a figure over its budget fails `checkSdkSize` (and is marked `OVER`). */
export const BUDGETS = { action: 25_000, whole: 120_000 };

/**
 * The actions measured alone: every plain action function the SDK exports. Actions are one operation per file,
 * `sdk/src/actions/<area>/<name>.ts` exporting `<name>` (viem's layout), so the list is read from the tree: a new
 * action is measured (and gated) as soon as its file exists. The area's helpers (`shared.ts`, `restrictions.ts`,
 * `distribution.ts`, `claimables.ts`, `enums.ts`) and tests are not actions.
 */
export const ACTIONS = readdirSync(path.join(root, "sdk", "src", "actions"), { recursive: true })
  .map((f) => String(f).replaceAll("\\", "/"))
  .filter(
    (f) =>
      /^[a-z]+\/[a-z][A-Za-z]*\.ts$/.test(f) && !/\/(shared|enums|restrictions|distribution|claimables)\.ts$/.test(f),
  )
  .map((f) => f.slice(f.indexOf("/") + 1, -".ts".length))
  .sort();

/** Minified size in bytes of the bundle of `code` (an entry importing from the SDK). */
export async function bundleSize(code) {
  const result = await build({
    stdin: { contents: code, resolveDir: root, sourcefile: "entry.mjs", loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    external: ["ethers"],
    write: false,
    logLevel: "silent",
    mainFields: ["module", "main"],
  });
  return result.outputFiles[0].contents.byteLength;
}

/** Measures every action alone and the whole SDK: { budgets, actions: { name: bytes }, whole: bytes }. */
export async function measureSdkSize() {
  const rel = JSON.stringify(entry);
  const actions = {};
  for (const name of ACTIONS)
    actions[name] = await bundleSize(`export { ${name} } from ${JSON.stringify(entryOf(name))};`);
  const whole = await bundleSize(`export * from ${rel};`);
  // The platform entry alone and with the main one (reported, not gated: only an app managing a platform loads it).
  const platform = await bundleSize(`export * from ${JSON.stringify(platformEntry)};`);
  const withPlatform = await bundleSize(`export * from ${rel};\nexport * from ${JSON.stringify(platformEntry)};`);
  // The market entry alone and with the main one (reported, not gated, like the platform entry).
  const market = await bundleSize(`export * from ${JSON.stringify(marketEntry)};`);
  const withMarket = await bundleSize(`export * from ${rel};\nexport * from ${JSON.stringify(marketEntry)};`);
  return { budgets: BUDGETS, actions, whole, platform, withPlatform, market, withMarket };
}

/** The figures as a markdown table. */
export function sizeTable(result) {
  const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
  const over = (v, budget) => (v > budget ? " (OVER)" : "");
  const lines = [
    "| bundle (esbuild, minified, ethers external) | size | budget |",
    "|---|--:|--:|",
    ...Object.entries(result.actions).map(
      ([n, v]) => `| \`${n}\` alone | ${kb(v)} | ${kb(result.budgets.action)}${over(v, result.budgets.action)} |`,
    ),
    `| whole SDK (\`export *\`) | ${kb(result.whole)} | ${kb(result.budgets.whole)}${over(result.whole, result.budgets.whole)} |`,
    ...(result.platform === undefined
      ? []
      : [
          `| \`@stokit/sdk/platform\` (\`export *\`) | ${kb(result.platform)} | - |`,
          `| whole SDK and \`@stokit/sdk/platform\` | ${kb(result.withPlatform)} | - |`,
        ]),
    ...(result.market === undefined
      ? []
      : [
          `| \`@stokit/sdk/market\` (\`export *\`) | ${kb(result.market)} | - |`,
          `| whole SDK and \`@stokit/sdk/market\` | ${kb(result.withMarket)} | - |`,
        ]),
  ];
  return lines.join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await measureSdkSize();
  console.log(sizeTable(result));
  const i = process.argv.indexOf("--json");
  if (i !== -1) writeFileSync(process.argv[i + 1], JSON.stringify(result, null, 2) + "\n");
}

/** Allowed growth over the committed figure before `bench:check` fails (esbuild output is deterministic). */
export const TOLERANCE = 0.01;

/**
 * Compares a measurement with the committed bench/sdk-size.json: returns the failing lines, a figure over its budget
 * ({@link BUDGETS}) or more than {@link TOLERANCE} above its committed value. An action on one side only (added or
 * removed since the figures were committed) is compared with its budget alone.
 */
export function checkSdkSize(committed, measured) {
  const failures = [];
  const pairs = [
    ...Object.keys(measured.actions).map((n) => [
      `${n} alone`,
      committed.actions[n],
      measured.actions[n],
      BUDGETS.action,
    ]),
    ["whole SDK", committed.whole, measured.whole, BUDGETS.whole],
  ];
  for (const [name, before, after, budget] of pairs) {
    if (after > budget) failures.push(`${name}: ${after} bytes, over the budget of ${budget} (OVER BUDGET)`);
    if (before !== undefined && after > before * (1 + TOLERANCE))
      failures.push(`${name}: ${before} -> ${after} bytes (REGRESSION)`);
  }
  return failures;
}
