// The published build (`npm pack` runs it through `prepack`), ethers left to the integrator (a peer dependency):
// - ESM as one module per source file (`dist/esm/**`, as viem ships `_esm/`): with `"sideEffects": false` an app's
//   bundler keeps only the modules an import reaches, so one action costs what `bench/sdk-size.mjs` measures, and
//   the three entries share one copy of each module (an error class is the same class from every entry);
// - CommonJS bundled per entry (`dist/<entry>.cjs`): `require` loads a whole entry anyway;
// - declarations per entry and module kind (`.d.ts` / `.d.cts`, so TypeScript resolves the right module kind under
//   node16/nodenext and bundler resolution alike).
// Entries: `@stokit/sdk`; `@stokit/sdk/bytecode` (the deployable contracts' creation code); `@stokit/sdk/platform`
// (the factories' actions); `@stokit/sdk/market` (the secondary market's actions).
import { defineConfig } from "tsup";

const entries = ["src/index.ts", "src/bytecode.ts", "src/platform.ts", "src/market.ts"];
const common = {
  target: "es2022",
  platform: "neutral",
  external: ["ethers"],
  tsconfig: "tsconfig.build.json",
  sourcemap: true,
} as const;

export default defineConfig([
  { ...common, entry: ["src/**/*.ts", "!src/**/*.test.ts"], outDir: "dist/esm", format: ["esm"], bundle: false },
  { ...common, entry: entries, format: ["cjs"], treeshake: true, splitting: false },
  { ...common, entry: entries, format: ["esm", "cjs"], dts: { only: true, compilerOptions: { composite: false } } },
]);
