/**
 * Reports drift between the address book, the parameters and the chain; exits non-zero on drift.
 *
 *   npx hardhat run scripts/check.ts --network <name>
 *
 * An in-process chain starts empty, so there the suite is deployed first (with the same code as scripts/deploy.ts).
 */
import hre from "hardhat";

import { ChainIdMismatchError, ConfigError } from "./lib/config.js";
import { checkSuite, printReport, readAddressBook } from "./lib/check.js";
import { connect } from "./lib/connect.js";
import { deploySuite } from "./lib/deploy.js";

try {
  const connection = await connect();
  if (connection.networkConfig.type === "edr-simulated") {
    console.log(`"${connection.networkName}" is an in-process chain: deploying the suite first.`);
    await deploySuite(hre, connection);
  }
  const report = await checkSuite(hre, connection, readAddressBook(connection.networkName));
  if (!printReport(report)) process.exitCode = 1;
} catch (e) {
  if (e instanceof ChainIdMismatchError || e instanceof ConfigError) {
    console.error(`${e.name}: ${e.message}`);
    process.exitCode = 1;
  } else {
    throw e;
  }
}
