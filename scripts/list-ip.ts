/**
 * Lists a new IP on a deployed suite and, when the IP file has an `offering`, opens its first offering:
 *
 *   STOKIT_IP=<ip.json> npx hardhat run scripts/list-ip.ts --network <name>     (npm run ip:create)
 *
 * The IP file (see `IpFile` in scripts/lib/factory.ts): `ipId` (bytes32 or a label), `name`, `symbol`, `uri`,
 * optional `roles` (default: the network parameters' holders) and `offering` (price, limits, caps in base units,
 * `startsIn`/`durationSeconds`/`lockupSeconds`, `treasury`, `native`). The signer needs the factories' creator roles
 * (`lister` in the parameters). The token and the offering are added to the network's address book. On an in-process
 * chain (which starts empty) the suite is deployed first, as scripts/check.ts does.
 */
import hre from "hardhat";

import { ChainIdMismatchError, ConfigError } from "./lib/config.js";
import { readAddressBook } from "./lib/check.js";
import { connect } from "./lib/connect.js";
import { addressBookPath, deploySuite, resolveConfig } from "./lib/deploy.js";
import { listIp, ListIpError, ListIpRevertError, readIpFile } from "./lib/factory.js";

try {
  const file = process.env.STOKIT_IP;
  if (file === undefined || file === "") throw new ListIpError("STOKIT_IP", "set it to the path of an IP file");
  const connection = await connect();
  const bookFile = addressBookPath(connection.networkName);
  if (connection.networkConfig.type === "edr-simulated") {
    console.log(`"${connection.networkName}" is an in-process chain: deploying the suite first.`);
    await deploySuite(hre, connection, { addressBookFile: bookFile });
  }
  const config = await resolveConfig(connection);
  const book = readAddressBook(connection.networkName, bookFile);
  const [signer] = await connection.ethers.getSigners();
  const result = await listIp(hre, connection.ethers, { book, addressBookFile: bookFile, signer }, config, {
    file: readIpFile(file),
  });
  console.log(`IP ${result.ipId}: token ${result.token}`);
  if (result.offering !== undefined) console.log(`  offering #${result.offeringIndex}: ${result.offering}`);
  console.log(`  address book: ${bookFile}`);
} catch (e) {
  if (
    e instanceof ListIpError ||
    e instanceof ListIpRevertError ||
    e instanceof ConfigError ||
    e instanceof ChainIdMismatchError
  ) {
    console.error(`${e.name}: ${e.message}`);
    process.exitCode = 1;
  } else {
    throw e;
  }
}
