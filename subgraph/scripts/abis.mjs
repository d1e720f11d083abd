#!/usr/bin/env node
// Copies the ABI of every contract the subgraph indexes from the Hardhat artifacts (`npx hardhat build` at the
// repository root) into subgraph/abis/<Name>.json, which `graph codegen` and `graph build` read.
//
//   node scripts/abis.mjs [--artifacts <dir>]
//
// The list below is the single place to add a contract when its domain lands in the subgraph.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const subgraphDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Contract name -> source path under contracts/ (the artifact lives at artifacts/<source>/<Name>.json). */
export const CONTRACTS = {
  IdentityRegistry: "contracts/token/IdentityRegistry.sol",
  SecurityToken: "contracts/token/SecurityToken.sol",
  DividendDistributor: "contracts/dividends/DividendDistributor.sol",
  Points: "contracts/points/Points.sol",
  OracleCircuitBreaker: "contracts/oracle/OracleCircuitBreaker.sol",
  Offering: "contracts/offering/Offering.sol",
  TokenFactory: "contracts/factory/TokenFactory.sol",
  OfferingFactory: "contracts/factory/OfferingFactory.sol",
  Market: "contracts/market/Market.sol",
};

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--artifacts");
  const artifactsDir = at >= 0 ? path.resolve(args[at + 1]) : path.join(subgraphDir, "..", "artifacts");
  const outDir = path.join(subgraphDir, "abis");
  mkdirSync(outDir, { recursive: true });

  for (const [name, source] of Object.entries(CONTRACTS)) {
    const file = path.join(artifactsDir, source, `${name}.json`);
    let artifact;
    try {
      artifact = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      console.error(`abis: cannot read ${file} (${error.code ?? error.message}); run \`npx hardhat build\` first.`);
      process.exit(1);
    }
    if (!Array.isArray(artifact.abi)) {
      console.error(`abis: ${file} has no abi array`);
      process.exit(1);
    }
    writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(artifact.abi, null, 2) + "\n");
    console.log(`abis: ${name} (${artifact.abi.length} entries) -> abis/${name}.json`);
  }
}
