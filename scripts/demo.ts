/**
 * `npm run demo`: deploys the whole suite with mocks on the in-process BSC-like chain (no node needed) and runs the
 * full lifecycle with progress output, then prints a summary table and writes the address book under
 * deployments/local/ (git-ignored), with the demo's Offering. `npm run demo -- --network localhost` runs it against a
 * local node: a `hardhat node`, or a real client such as `geth --dev --dev.period 0` (one unlocked account, no time
 * travel: the demo funds fresh keys for the investors and uses windows of seconds, waiting for the clock).
 */
import hre from "hardhat";

import { connect } from "./lib/connect.js";
import { runDemo, summaryRows } from "./lib/demo.js";

const started = Date.now();
const connection = await connect();
console.log(`stokit demo on ${connection.networkName}`);
const summary = await runDemo(hre, connection, (line) => console.log(line));
console.log("\n== Summary");
const rows = summaryRows(summary);
const width = Math.max(...rows.map(([k]) => k.length));
for (const [k, v] of rows) console.log(`  ${k.padEnd(width)} | ${v}`);
console.log("\n  Contracts:");
for (const [name, c] of Object.entries(summary.book.contracts)) {
  console.log(`  ${name.padEnd(width)} | ${c.address} (block ${c.blockNumber})`);
}
console.log(`\nDemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
