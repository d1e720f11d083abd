#!/usr/bin/env node
// Generates subgraph/networks.json (graph-cli's per-network addresses and start blocks) from the deployment address
// books `deployments/<network>.json`:
//
//   { "network": "bsc", "chainId": 56,
//     "contracts": { "DividendDistributor": { "address": "0x..", "blockNumber": 123, "txHash": "0x.." } } }
//
//   node scripts/networks.mjs [--deployments <dir>] [--out <file>] [--local]
//
// `--local` also reads the books of local chains in `<dir>/local/` (the demo's and `deploy --network localhost`'s,
// git-ignored), e.g. for a graph-node indexing a local geth or hardhat node; a local book wins over a public book of
// the same network name. Only contracts that are data sources in subgraph.yaml are written. `graph build --network <name>` then takes the
// address and start block of each data source from the generated file.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const subgraphDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Data source names of subgraph.yaml (the address book's contract names). */
export const DATA_SOURCES = [
  "IdentityRegistry",
  "SecurityToken",
  "DividendDistributor",
  "Points",
  "OracleCircuitBreaker",
  "Offering",
  "TokenFactory",
  "OfferingFactory",
  "Market",
];

/** The `.json` files of a folder, sorted (none when it does not exist). */
function booksIn(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * Maps the address books in `deploymentsDir` (and with `{ local: true }` those in `deploymentsDir/local/`) to
 * graph-cli's networks.json object.
 */
export function networksFrom(deploymentsDir, { local = false } = {}) {
  const networks = {};
  const seen = new Set();
  const localBooks = local ? booksIn(path.join(deploymentsDir, "local")) : [];
  const localNames = new Set(
    localBooks.map((f) => JSON.parse(readFileSync(f, "utf8")).network ?? path.basename(f, ".json")),
  );
  for (const bookFile of [...booksIn(deploymentsDir), ...localBooks]) {
    const file = path.relative(deploymentsDir, bookFile);
    const book = JSON.parse(readFileSync(bookFile, "utf8"));
    const network = book.network ?? path.basename(file, ".json");
    if (typeof network !== "string" || !book.contracts || typeof book.contracts !== "object") {
      throw new Error(`networks: ${file} is not an address book (needs "network" and "contracts")`);
    }
    if (localNames.has(network) && !file.startsWith("local")) continue;
    if (seen.has(network)) throw new Error(`networks: network ${network} appears in two address books`);
    seen.add(network);
    const entry = {};
    for (const name of DATA_SOURCES) {
      const contract = book.contracts[name];
      if (!contract) continue;
      if (!/^0x[0-9a-fA-F]{40}$/.test(contract.address ?? "")) {
        throw new Error(`networks: ${file}: ${name}.address is not an address`);
      }
      if (!Number.isSafeInteger(contract.blockNumber) || contract.blockNumber < 0) {
        throw new Error(`networks: ${file}: ${name}.blockNumber must be the deployment block`);
      }
      entry[name] = { address: contract.address.toLowerCase(), startBlock: contract.blockNumber };
    }
    if (Object.keys(entry).length) networks[network] = entry;
  }
  return networks;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? path.resolve(args[i + 1]) : fallback;
  };
  const deploymentsDir = option("--deployments", path.join(subgraphDir, "..", "deployments"));
  const out = option("--out", path.join(subgraphDir, "networks.json"));
  const networks = networksFrom(deploymentsDir, { local: args.includes("--local") });
  writeFileSync(out, JSON.stringify(networks, null, 2) + "\n");
  const names = Object.keys(networks);
  console.log(
    `networks: ${names.length ? names.join(", ") : "no address books yet"} -> ${path.relative(process.cwd(), out)}`,
  );
}
