/**
 * bench/contract-size.mjs, which `npm run bench` and `npm run bench:check` use to print every deployable contract's
 * size and fail on one over the EIP-170 (runtime) or EIP-3860 (creation code) limit (issue 14 case 8). Run on a
 * synthetic artifacts folder, so the figures do not depend on the build (coverage instruments the contracts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";

import { ROOT } from "../../scripts/lib/config.js";

interface SizeRow {
  name: string;
  source: string;
  runtime: number;
  initcode: number;
}
interface ContractSizeModule {
  RUNTIME_LIMIT: number;
  INITCODE_LIMIT: number;
  measureContractSizes(artifactsDir?: string): SizeRow[];
  checkContractSizes(rows: SizeRow[]): string[];
  contractSizeTable(rows: SizeRow[]): string;
}

const sizes = (await import(path.join(ROOT, "bench", "contract-size.mjs"))) as ContractSizeModule;

/** Writes an artifact of `runtime` and `initcode` bytes for `source`:`name` under `dir`. */
function artifact(dir: string, source: string, name: string, runtime: number, initcode: number): void {
  const folder = path.join(dir, source);
  mkdirSync(folder, { recursive: true });
  const hex = (n: number) => `0x${"00".repeat(n)}`;
  writeFileSync(
    path.join(folder, `${name}.json`),
    JSON.stringify({ contractName: name, sourceName: source, bytecode: hex(initcode), deployedBytecode: hex(runtime) }),
  );
}

describe("bench/contract-size.mjs", function () {
  let dir: string;

  before(function () {
    dir = mkdtempSync(path.join(tmpdir(), "stokit-sizes-"));
    artifact(dir, "contracts/token/SecurityToken.sol", "SecurityToken", 22_000, 25_000);
    artifact(dir, "contracts/token/SecurityToken.sol", "Abstract", 0, 0); // abstract: no runtime code
    artifact(dir, "contracts/big/Big.sol", "Big", sizes.RUNTIME_LIMIT + 1, sizes.INITCODE_LIMIT + 1);
    artifact(dir, "contracts/edge/Edge.sol", "Edge", sizes.RUNTIME_LIMIT, sizes.INITCODE_LIMIT);
    artifact(dir, "contracts/mocks/Mock.sol", "Mock", 30_000, 30_000);
    artifact(dir, "contracts/interfaces/IFoo.sol", "IFoo", 0, 0);
    writeFileSync(path.join(dir, "contracts/token/SecurityToken.sol/artifacts.d.ts"), "export {};\n");
  });

  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists the deployable contracts with code, sorted by source, and leaves out mocks, interfaces and abstracts", function () {
    const rows = sizes.measureContractSizes(dir);
    expect(rows).to.deep.equal([
      { name: "Big", source: "contracts/big/Big.sol", runtime: 24_577, initcode: 49_153 },
      { name: "Edge", source: "contracts/edge/Edge.sol", runtime: 24_576, initcode: 49_152 },
      { name: "SecurityToken", source: "contracts/token/SecurityToken.sol", runtime: 22_000, initcode: 25_000 },
    ]);
  });

  it("fails a contract one byte over either limit, and passes one exactly at the limits", function () {
    const rows = sizes.measureContractSizes(dir);
    expect(sizes.checkContractSizes(rows)).to.deep.equal([
      "Big: runtime 24577 bytes > 24576",
      "Big: creation code 49153 bytes > 49152",
    ]);
    const table = sizes.contractSizeTable(rows);
    expect(table).to.contain("| Big | 24,577 OVER | -1 | 49,153 OVER |");
    expect(table).to.contain("| Edge | 24,576 | 0 | 49,152 |");
    expect(table).to.contain("| SecurityToken | 22,000 | 2,576 | 25,000 |");
  });
});
