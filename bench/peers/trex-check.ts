/**
 * `npx hardhat run bench/peers/trex-check.ts`: deploys the T-REX 4.1.6 peer, each variant on a fresh in-process
 * chain of the `default` network, runs every benchmark operation twice (the second round must repeat the first
 * round's gas exactly) and prints the receipt `gasUsed` next to reference figures measured earlier for the same
 * peer (Hardhat 3.18 / EDR 0.22, osaka). Gas is measured, never timed.
 *
 * 1. Bench settings (18 decimals, 1 token per operation): columns `trex` (3 modules) and `trex_bare` (no module).
 * 2. The reference figures' settings (0 decimals, 100 units per operation): the same two plus the no-proxy deployment.
 */
import { network } from "hardhat";

import { TREX_OPERATIONS, type TrexDeployOptions, type TrexOperation, deployTrex, trexOperations } from "./trex.js";

/** Reference columns "T-REX, 3 modules", "T-REX, no modules" and "T-REX bare (no proxies)". */
const REFERENCE: Record<string, Record<TrexOperation, bigint>> = {
  trex: {
    transferToExistingHolder: 319_551n,
    transferToNewHolder: 353_751n,
    transferFrom: 327_488n,
    mint: 303_021n,
    burn: 149_373n,
    forcedTransfer: 283_454n,
    freezeAddress: 61_415n,
    batchTransfer10: 1_657_449n,
  },
  trex_bare: {
    transferToExistingHolder: 211_711n,
    transferToNewHolder: 228_811n,
    transferFrom: 219_648n,
    mint: 206_539n,
    burn: 70_374n,
    forcedTransfer: 207_042n,
    freezeAddress: 61_415n,
    batchTransfer10: 973_249n,
  },
  trex_bare_noproxy: {
    transferToExistingHolder: 151_175n,
    transferToNewHolder: 168_275n,
    transferFrom: 159_109n,
    mint: 146_009n,
    burn: 49_097n,
    forcedTransfer: 148_423n,
    freezeAddress: 48_552n,
    batchTransfer10: 776_059n,
  },
};

interface Column {
  variant: string;
  gas: Map<TrexOperation, bigint>;
}

async function measure(options: TrexDeployOptions): Promise<Column> {
  const { ethers, networkName } = await network.create();
  const { chainId } = await ethers.provider.getNetwork();
  const peer = await deployTrex(ethers, options);
  console.log(`deployed ${peer.variant} on network ${networkName} (chain id ${chainId}), amount ${peer.amount}`);
  const gas = new Map<TrexOperation, bigint>();
  for (const operation of TREX_OPERATIONS) gas.set(operation, await trexOperations[operation](peer));
  for (const operation of TREX_OPERATIONS) {
    const again = await trexOperations[operation](peer);
    if (again !== gas.get(operation)) {
      throw new Error(`${peer.variant} ${operation}: ${gas.get(operation)} then ${again} (not repeatable)`);
    }
  }
  return { variant: peer.variant, gas };
}

function delta(measured: bigint, reference: bigint): string {
  const difference = measured - reference;
  const percent = ((Number(difference) / Number(reference)) * 100).toFixed(2);
  return difference === 0n
    ? "="
    : `${difference > 0n ? "+" : ""}${difference} (${difference > 0n ? "+" : ""}${percent}%)`;
}

function printTable(title: string, columns: Column[]): void {
  console.log(`\n${title}\n`);
  const header = columns.map((column) => `${column.variant} | reference | delta`).join(" | ");
  console.log(`| operation | ${header} |`);
  console.log(`|---|${columns.map(() => "--:|--:|--:|").join("")}`);
  for (const operation of TREX_OPERATIONS) {
    const cells = columns.map((column) => {
      const measured = column.gas.get(operation)!;
      const reference = REFERENCE[column.variant][operation];
      return `${measured} | ${reference} | ${delta(measured, reference)}`;
    });
    console.log(`| ${operation} | ${cells.join(" | ")} |`);
  }
}

const investors = 12;
const bench = [await measure({ modules: true, investors }), await measure({ modules: false, investors })];
const referenceSettings = { investors, decimals: 0, amount: 100n };
const reproduced = [
  await measure({ ...referenceSettings, modules: true }),
  await measure({ ...referenceSettings, modules: false }),
  await measure({ ...referenceSettings, modules: false, proxies: false }),
];

printTable("Bench settings: 18 decimals, 1 token (10^18 units) per operation", bench);
printTable("Reference settings: 0 decimals, 100 units per operation", reproduced);
