// The published build: ESM (`dist/index.js`) and CommonJS (`dist/index.cjs`) from the main entry, and the same for
// `@stokit/sdk/bytecode` (`dist/bytecode.*`, the deployable contracts' creation code) and `@stokit/sdk/platform`
// (`dist/platform.*`, the factories' actions), each with its own
// declarations (`.d.ts` / `.d.cts`, so TypeScript resolves the right module kind under node16/nodenext and bundler
// resolution alike), ethers left to the integrator (a peer dependency). `npm pack` runs it through `prepack`.
import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/bytecode.ts", "src/platform.ts"],
  format: ["esm", "cjs"],
  dts: { compilerOptions: { composite: false } },
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  treeshake: true,
  splitting: false,
  external: ["ethers"],
  tsconfig: "tsconfig.build.json",
});
