/**
 * Connects to the network chosen with `--network` (the in-process BSC-like chain by default). `STOKIT_RPC_URL`
 * overrides the URL of an http network (e.g. a `hardhat node` on another port) without touching hardhat.config.ts.
 */
import { network } from "hardhat";

export async function connect() {
  const url = process.env.STOKIT_RPC_URL;
  return url !== undefined && url !== "" ? network.create({ override: { url } }) : network.create();
}
