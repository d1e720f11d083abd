/**
 * Verifies every contract of the address book on the network's explorer (BscScan / Basescan through the Etherscan
 * v2 API; key: `npx hardhat keystore set ETHERSCAN_API_KEY` or the ETHERSCAN_API_KEY env var).
 *
 *   npx hardhat run scripts/verify.ts --network <bsc|bscTestnet|base|baseSepolia>
 *
 * Besu, local and in-process chains have no public explorer: the script says so and exits 0 without verifying.
 * Constructor arguments are recovered from each contract's creation transaction (the address book's txHash).
 */
import { verifyContract } from "@nomicfoundation/hardhat-verify/verify";
import { AbiCoder, Interface } from "ethers";
import hre from "hardhat";

import { readAddressBook } from "./lib/check.js";
import { isLocalNetwork } from "./lib/config.js";
import { connect } from "./lib/connect.js";
import { SUITE_CONTRACTS, type SuiteContractName } from "./lib/deploy.js";
import { factoryConstructorArgs } from "./lib/factory.js";

const connection = await connect();
const name = connection.networkName;
if (isLocalNetwork(name) || name === "besu" || connection.networkConfig.type === "edr-simulated") {
  console.log(`verify: skipped on "${name}": it has no public block explorer (Besu, local and in-process chains).`);
} else {
  const book = readAddressBook(name);
  let failed = 0;
  for (const [contractName, entry] of Object.entries(book.contracts)) {
    // An IP token or offering: created by a factory, its arguments come from the factory's event.
    const made = await factoryConstructorArgs(connection.ethers, contractName, entry);
    if (made !== undefined) {
      const artifact = await hre.artifacts.readArtifact(made.artifact);
      console.log(`verify: ${contractName} at ${entry.address} (made by a factory)`);
      try {
        await verifyContract(
          {
            address: entry.address,
            constructorArgs: made.args,
            contract: `${artifact.sourceName}:${artifact.contractName}`,
            provider: "etherscan",
          },
          hre,
        );
      } catch (e) {
        failed++;
        console.error(`  failed: ${(e as Error).message}`);
      }
      continue;
    }
    const artifactName = SUITE_CONTRACTS[contractName as SuiteContractName]?.artifact ?? contractName;
    const artifact = await hre.artifacts.readArtifact(artifactName);
    const tx = (await connection.provider.request({
      method: "eth_getTransactionByHash",
      params: [entry.txHash],
    })) as { input: string } | null;
    if (tx === null) throw new Error(`verify: creation tx ${entry.txHash} of ${contractName} not found`);
    if (!tx.input.startsWith(artifact.bytecode)) {
      throw new Error(
        `verify: ${contractName}'s creation code differs from the current build (rebuild at ${book.commit})`,
      );
    }
    const ctor = new Interface(artifact.abi).deploy;
    const encoded = "0x" + tx.input.slice(artifact.bytecode.length);
    const constructorArgs =
      ctor.inputs.length === 0 ? [] : [...AbiCoder.defaultAbiCoder().decode(ctor.inputs, encoded)];
    console.log(`verify: ${contractName} at ${entry.address}`);
    try {
      await verifyContract(
        {
          address: entry.address,
          constructorArgs,
          contract: `${artifact.sourceName}:${artifact.contractName}`,
          provider: "etherscan",
        },
        hre,
      );
    } catch (e) {
      failed++;
      console.error(`  failed: ${(e as Error).message}`);
    }
  }
  if (failed > 0) process.exitCode = 1;
}
