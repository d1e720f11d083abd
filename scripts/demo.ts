/**
 * `npm run demo`: the main job. Until the deployment issue lands it builds the suite, deploys what exists on the
 * selected network (the in-process BSC-like chain by default) and prints what the suite contains.
 */
import hre, { network } from "hardhat";

const { ethers, networkName } = await network.create();
const { chainId } = await ethers.provider.getNetwork();

const names = [...(await hre.artifacts.getAllFullyQualifiedNames())].filter((n) => n.startsWith("contracts/")).sort();
console.log(`stokit demo on ${networkName} (chain id ${chainId})\n`);
console.log("Contracts in the suite:");
for (const fqn of names) {
  const artifact = await hre.artifacts.readArtifact(fqn);
  const size = (artifact.deployedBytecode.length - 2) / 2;
  console.log(`  ${fqn.padEnd(60)} ${String(size).padStart(6)} bytes deployed`);
}

const counter = await ethers.deployContract("Counter");
await (await counter.increment(42n)).wait();
console.log(`\nDeployed Counter at ${await counter.getAddress()}; count is now ${await counter.count()}.`);
