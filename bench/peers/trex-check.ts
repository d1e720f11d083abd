/**
 * `npx hardhat run bench/peers/trex-check.ts`: deploys the T-REX 4.1.6 peer twice, each on a fresh in-process chain
 * of the `default` network (with the 3 compliance modules: column `trex`; with no module: `trex_bare`), runs every
 * benchmark operation once and prints their receipt `gasUsed` next to the reference figures of
 * /work/shared/BENCH-NOTES.md (Hardhat 3.18 / EDR 0.22, osaka). Gas is measured, never timed.
 */
import { network } from "hardhat";

import { TREX_OPERATIONS, type TrexOperation, type TrexPeer, deployTrex, trexOperations } from "./trex.js";

/** BENCH-NOTES.md: "T-REX, 3 modules" and "T-REX, no modules" (both behind proxies). */
const REFERENCE: Record<TrexOperation, { trex: bigint; trex_bare: bigint }> = {
  transferToExistingHolder: { trex: 319_551n, trex_bare: 211_711n },
  transferToNewHolder: { trex: 353_751n, trex_bare: 228_811n },
  transferFrom: { trex: 327_488n, trex_bare: 219_648n },
  mint: { trex: 303_021n, trex_bare: 206_539n },
  burn: { trex: 149_373n, trex_bare: 70_374n },
  forcedTransfer: { trex: 283_454n, trex_bare: 207_042n },
  freezeAddress: { trex: 61_415n, trex_bare: 61_415n },
  batchTransfer10: { trex: 1_657_449n, trex_bare: 973_249n },
};

async function measure(modules: boolean): Promise<{ peer: TrexPeer; gas: Map<TrexOperation, bigint> }> {
  const { ethers, networkName } = await network.create();
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const peer = await deployTrex(ethers, { modules, investors: 12 });
  console.log(`deployed ${peer.variant} on network ${networkName} (chain id ${chainId})`);
  const gas = new Map<TrexOperation, bigint>();
  for (const operation of TREX_OPERATIONS) gas.set(operation, await trexOperations[operation](peer));
  // Every operation is repeatable with the same gas: a second round must match the first.
  for (const operation of TREX_OPERATIONS) {
    const again = await trexOperations[operation](peer);
    if (again !== gas.get(operation)) {
      throw new Error(`${peer.variant} ${operation}: ${gas.get(operation)} then ${again} (not repeatable)`);
    }
  }
  return { peer, gas };
}

function delta(measured: bigint, reference: bigint): string {
  const difference = measured - reference;
  const percent = (Number(difference) / Number(reference)) * 100;
  return `${difference >= 0n ? "+" : ""}${difference} (${percent >= 0 ? "+" : ""}${percent.toFixed(2)}%)`;
}

const withModules = await measure(true);
const bare = await measure(false);

console.log("\n| operation | trex (3 modules) | BENCH-NOTES | delta | trex_bare (no modules) | BENCH-NOTES | delta |");
console.log("|---|--:|--:|--:|--:|--:|--:|");
for (const operation of TREX_OPERATIONS) {
  const trex = withModules.gas.get(operation)!;
  const trexBare = bare.gas.get(operation)!;
  const reference = REFERENCE[operation];
  console.log(
    `| ${operation} | ${trex} | ${reference.trex} | ${delta(trex, reference.trex)} | ${trexBare} | ` +
      `${reference.trex_bare} | ${delta(trexBare, reference.trex_bare)} |`,
  );
}
