import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";

import { resolveAddress } from "../src/addresses.js";
import { UnsupportedChainError } from "../src/errors/parameter.js";
import { sdkDir } from "./chain.js";

const BSC_DISTRIBUTOR = "0x1111111111111111111111111111111111111111";

describe("code generation and address books", () => {
  it("writes ABIs, TypeChain types and the public address books, skipping local networks", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "stokit-gen-"));
    try {
      const books = path.join(dir, "deployments");
      mkdirSync(books);
      const entry = (address: string) => ({
        DividendDistributor: { address, blockNumber: 1, txHash: "0x" + "ab".repeat(32) },
      });
      writeFileSync(
        path.join(books, "bsc.json"),
        JSON.stringify({ network: "bsc", chainId: 56, contracts: entry(BSC_DISTRIBUTOR) }),
      );
      writeFileSync(
        path.join(books, "localhost.json"),
        JSON.stringify({ network: "localhost", chainId: 56, contracts: entry("0x" + "22".repeat(20)) }),
      );
      const out = path.join(dir, "generated");
      execFileSync(process.execPath, [path.join(sdkDir, "scripts/generate.mjs"), "--out", out], {
        env: { ...process.env, STOKIT_DEPLOYMENTS_DIR: books },
        encoding: "utf8",
      });
      for (const f of [
        "abis/DividendDistributor.ts",
        "abis/Multicall3.ts",
        "types/DividendDistributor.ts",
        "types/factories/Multicall3__factory.ts",
        "types/common.ts",
      ]) {
        assert.ok(existsSync(path.join(out, f)), f);
      }
      const factory = readFileSync(path.join(out, "types/factories/DividendDistributor__factory.ts"), "utf8");
      assert.ok(!/bytecode/i.test(factory), "ABI-only factories: no bytecode shipped");
      const deployments = readFileSync(path.join(out, "deployments.ts"), "utf8");
      assert.match(deployments, new RegExp(BSC_DISTRIBUTOR));
      assert.doesNotMatch(deployments, /0x2222/);
      // The committed output equals a fresh generation from the same artifacts (no local books either way).
      execFileSync(process.execPath, [path.join(sdkDir, "scripts/generate.mjs"), "--check"], { encoding: "utf8" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("resolves addresses: override first, then the book, then the chain's Multicall3; else UnsupportedChainError", () => {
    assert.equal(resolveAddress(56, "DividendDistributor", { DividendDistributor: BSC_DISTRIBUTOR }), BSC_DISTRIBUTOR);
    assert.equal(resolveAddress(8453, "Multicall3"), "0xcA11bde05977b3631167028862bE2a173976CA11");
    assert.equal(resolveAddress(1337, "Multicall3", { Multicall3: BSC_DISTRIBUTOR }), BSC_DISTRIBUTOR);
    assert.throws(
      () => resolveAddress(1337, "Multicall3"),
      (e: unknown) => e instanceof UnsupportedChainError && e.chainId === 1337,
    );
    assert.throws(() => resolveAddress(56, "DividendDistributor"), UnsupportedChainError);
  });
});
