/**
 * One Offering, deployed next to a suite: the constructor call, the token roles it needs, and its entry in the
 * network's address book (so the subgraph's `Offering` data source finds it). Everything the scripts know about the
 * Offering's API is here, so a change of that API is adapted in one place.
 */
import { id, type Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { abiHash, type BookEntry, recordInAddressBook } from "./deploy.js";

type Ethers = import("@nomicfoundation/hardhat-ethers/types").HardhatEthers;

/** `IOffering.Terms`, as the constructor takes them. */
export interface OfferingTerms {
  token: string;
  paymentToken: string;
  price: bigint;
  minSubscription: bigint;
  maxSubscription: bigint;
  softCap: bigint;
  hardCap: bigint;
  startTime: bigint;
  endTime: bigint;
  lockupEnd: bigint;
  treasury: string;
  oracle: string;
  oracleAsset: string;
}

export interface DeployOfferingParameters {
  terms: OfferingTerms;
  /** Admin, issuer and operator of the offering (one account on local chains). */
  admin: Signer & { address: string };
  /** Add the offering to this address book file (`false`: only return the entry). */
  addressBookFile: string | false | undefined;
}

/**
 * Deploys an Offering, grants it the token's AGENT_ROLE (mint at settlement) and LOCKUP_ROLE (lock-up), and records
 * it as `Offering` in the address book.
 */
export async function deployOffering(
  hre: HardhatRuntimeEnvironment,
  ethers: Ethers,
  { terms, admin, addressBookFile }: DeployOfferingParameters,
) {
  const offering = await ethers.deployContract(
    "Offering",
    [terms, admin.address, 0n, admin.address, admin.address],
    admin,
  );
  const receipt = await offering.deploymentTransaction()!.wait();
  const address = await offering.getAddress();
  const token = await ethers.getContractAt("SecurityToken", terms.token, admin);
  await (await token.grantRole(id("AGENT_ROLE"), address)).wait();
  await (await token.grantRole(id("LOCKUP_ROLE"), address)).wait();
  const entry: BookEntry = {
    address,
    blockNumber: receipt!.blockNumber,
    txHash: receipt!.hash,
    abiHash: await abiHash(hre, "Offering"),
  };
  if (addressBookFile) recordInAddressBook(addressBookFile, "Offering", entry);
  return { offering, entry };
}
