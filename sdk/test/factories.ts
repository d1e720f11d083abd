// The platform's factories on the test chain, next to the full suite: the IP token's and the Offering's creation
// code in two data contracts each, an OfferingFactory, a TokenFactory bound to the suite's registry and distributor,
// the registry's TOKEN_BINDER_ROLE for the token factory and both creator roles for the suite's admin (as the
// deployment's Factory module wires them).
import { getAddress, id, keccak256 } from "ethers";

import { artifact, deploy, type AnyContract } from "./chain.js";
import type { FullSuite } from "./suite.js";

export type Factories = {
  tokenFactory: AnyContract;
  offeringFactory: AnyContract;
  /** The suite's addresses with `TokenFactory` and `OfferingFactory`. */
  addresses: Record<string, string>;
};

let cached: Promise<Factories> | undefined;

/** Deployed once per test process (tests that list IPs use their own IP ids). */
export function factories(f: FullSuite): Promise<Factories> {
  cached ??= deployFactories(f);
  return cached;
}

async function chunksOf(f: FullSuite, name: string): Promise<{ chunks: string[]; hash: string }> {
  const code = artifact(name).bytecode;
  const half = Math.ceil((code.length - 2) / 4) * 2;
  const parts = ["0x" + code.slice(2, 2 + half), "0x" + code.slice(2 + half)];
  const chunks = [];
  for (const data of parts) chunks.push(await (await deploy("InitcodeChunk", f.admin, [data])).getAddress());
  return { chunks, hash: keccak256(code) };
}

async function deployFactories(f: FullSuite): Promise<Factories> {
  const wait = async (tx: Promise<{ wait(): Promise<unknown> }>) => (await tx).wait();
  const offeringCode = await chunksOf(f, "Offering");
  const offeringFactory = await deploy("OfferingFactory", f.admin, [
    f.admin.address,
    0,
    offeringCode.chunks,
    offeringCode.hash,
  ]);
  const tokenCode = await chunksOf(f, "IpSecurityToken");
  const tokenFactory = await deploy("TokenFactory", f.admin, [
    f.admin.address,
    0,
    await f.registry.getAddress(),
    await f.distributor.getAddress(),
    await offeringFactory.getAddress(),
    tokenCode.chunks,
    tokenCode.hash,
  ]);
  await wait(f.registry.grantRole(id("TOKEN_BINDER_ROLE"), await tokenFactory.getAddress()));
  await wait(tokenFactory.grantRole(id("TOKEN_CREATOR_ROLE"), f.admin.address));
  await wait(offeringFactory.grantRole(id("OFFERING_CREATOR_ROLE"), f.admin.address));
  const addresses = {
    ...f.addresses,
    TokenFactory: getAddress(await tokenFactory.getAddress()),
    OfferingFactory: getAddress(await offeringFactory.getAddress()),
  };
  return { tokenFactory, offeringFactory, addresses };
}
