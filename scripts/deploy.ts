/**
 * Deploys (or resumes) the stokit suite and writes its address book.
 *
 *   npx hardhat run scripts/deploy.ts --network <bsc|bscTestnet|base|baseSepolia|besu|localhost>
 *
 * Parameters: ignition/parameters/<network>.json (local chains: local.json), or `STOKIT_PARAMS=<file>`.
 * Resuming: rerun the same command; Ignition continues from its journal (ignition/deployments/<deploymentId>/).
 * Env: STOKIT_DEPLOYMENT_ID (journal id), STOKIT_ADDRESS_BOOK (output file), STOKIT_RPC_URL (http URL override),
 * STOKIT_BLOCK_TIMEOUT_SECONDS (give up when no block arrives), STOKIT_RESYNC_NONCE=1 (see "Recovering from a nonce
 * clash" in the README).
 */
import hre from "hardhat";

import { ChainIdMismatchError, ConfigError } from "./lib/config.js";
import { connect } from "./lib/connect.js";
import { ChainChangedError, deploySuite, MissingCodeError, ParametersChangedError } from "./lib/deploy.js";
import { IgnitionRunError, NoBlockError } from "./lib/ignition.js";
import { NonceClashError } from "./lib/nonce.js";

const EXPECTED = [
  ChainIdMismatchError,
  ConfigError,
  ChainChangedError,
  ParametersChangedError,
  MissingCodeError,
  IgnitionRunError,
  NoBlockError,
  NonceClashError,
];

try {
  const connection = await connect();
  const { book, addressBookFile } = await deploySuite(hre, connection, { log: (l) => console.log(l) });
  for (const [name, c] of Object.entries(book.contracts)) {
    console.log(`  ${name.padEnd(22)} ${c.address}  block ${c.blockNumber}`);
  }
  console.log(`Done: ${Object.keys(book.contracts).length} contracts, address book ${addressBookFile}`);
  console.log("Next: npx hardhat run scripts/check.ts --network <same network>");
} catch (e) {
  // Ignition's own refusals (HHE104xx: a nonce in use, transactions waiting for confirmations) are messages for the
  // deployer, not crashes.
  const ignitionRefusal = /^HHE104\d\d$/.test(`HHE${(e as { number?: number }).number}`);
  if (EXPECTED.some((type) => e instanceof type) || ignitionRefusal) {
    console.error(`${(e as Error).name}: ${(e as Error).message}`);
    // Ignition may still be polling (a watchdog stopped it): end the process here.
    process.exit(1);
  } else {
    throw e;
  }
}
