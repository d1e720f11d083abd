/**
 * Connects to the network chosen with `--network` (the in-process BSC-like chain by default). `STOKIT_RPC_URL`
 * overrides the URL of an http network (e.g. a node on another port) without touching hardhat.config.ts. Transient
 * JSON-RPC errors (a node still indexing, a rate limit, a dropped connection) are retried with backoff.
 */
import { network } from "hardhat";

import { withRetries } from "./rpc.js";

export async function connect(log: (line: string) => void = console.log) {
  const url = process.env.STOKIT_RPC_URL;
  const connection =
    url !== undefined && url !== "" ? await network.create({ override: { url } }) : await network.create();
  withRetries(connection.provider, { log });
  return connection;
}
