/**
 * Synthetic blocks for focused handler tests: each `block()` mines one block holding one transaction whose receipt
 * carries the given events, encoded with the contracts' real ABIs, and feeds it to a harness over the subgraph build.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { Interface, ZeroAddress } from "ethers";

import { BUILD_DIR } from "./fixture.ts";
import { Subgraph, type RpcBlock, type RpcLog, type RpcReceipt } from "./harness/index.ts";

export const DAY = 86_400;
export const T0 = 1_750_000_000 - (1_750_000_000 % DAY);
export const SENDER = "0x0000000000000000000000000000000000005e4d";

export const ADDRESSES = {
  IdentityRegistry: "0x000000000000000000000000000000000000d1d1",
  SecurityToken: "0x000000000000000000000000000000000000700c",
  DividendDistributor: "0x00000000000000000000000000000000000d1570",
  Points: "0x0000000000000000000000000000000000000b75",
  OracleCircuitBreaker: "0x000000000000000000000000000000000000b4ea",
  Offering: "0x00000000000000000000000000000000000000ff",
  TokenFactory: "0x000000000000000000000000000000000000f7f7",
  OfferingFactory: "0x000000000000000000000000000000000000f0f0",
  Market: "0x000000000000000000000000000000000000a4e7",
} as const;
export type Source = keyof typeof ADDRESSES;

const interfaces = new Map<Source, Interface>();
export function abiOf(source: Source): Interface {
  let iface = interfaces.get(source);
  if (!iface) {
    iface = new Interface(JSON.parse(readFileSync(path.join(BUILD_DIR, source, `${source}.json`), "utf8")));
    interfaces.set(source, iface);
  }
  return iface;
}

export interface SyntheticEvent {
  source: Source;
  name: string;
  args: unknown[];
  /** The emitting contract when it is not the source's fixed address (a template instance: an IP token, an offering). */
  address?: string;
}

export class SyntheticChain {
  readonly sg: Subgraph;
  private number = 10;

  constructor() {
    const addresses: Record<string, { address: string; startBlock: number }> = {};
    for (const [name, address] of Object.entries(ADDRESSES)) addresses[name] = { address, startBlock: 1 };
    this.sg = new Subgraph(BUILD_DIR, { addresses });
  }

  /** Mines one block with one transaction emitting `events` in order; returns its hash and block number. */
  block(events: SyntheticEvent[], timestamp = T0 + this.number * 60): { txHash: string; block: number } {
    const number = this.number++;
    const txHash = "0x" + number.toString(16).padStart(64, "a");
    const blockHash = "0x" + number.toString(16).padStart(64, "b");
    const logs: RpcLog[] = events.map((e, i) => {
      const encoded = abiOf(e.source).encodeEventLog(e.name, e.args);
      return {
        address: e.address ?? ADDRESSES[e.source],
        topics: encoded.topics,
        data: encoded.data,
        blockHash,
        blockNumber: "0x" + number.toString(16),
        transactionHash: txHash,
        transactionIndex: "0x0",
        logIndex: "0x" + i.toString(16),
      };
    });
    const z32 = "0x" + "00".repeat(32);
    const block: RpcBlock = {
      number: "0x" + number.toString(16),
      hash: blockHash,
      parentHash: z32,
      sha3Uncles: z32,
      miner: ZeroAddress,
      stateRoot: z32,
      transactionsRoot: z32,
      receiptsRoot: z32,
      gasUsed: "0x0",
      gasLimit: "0x1c9c380",
      timestamp: "0x" + timestamp.toString(16),
      difficulty: "0x0",
      baseFeePerGas: "0x1",
      transactions: [
        {
          hash: txHash,
          transactionIndex: "0x0",
          from: SENDER,
          to: ADDRESSES[events[0]?.source ?? "SecurityToken"],
          value: "0x0",
          gas: "0x100000",
          gasPrice: "0x1",
          input: "0x",
          nonce: "0x0",
        },
      ],
    };
    const receipt: RpcReceipt = {
      transactionHash: txHash,
      transactionIndex: "0x0",
      blockHash,
      blockNumber: block.number,
      cumulativeGasUsed: "0x0",
      gasUsed: "0x0",
      contractAddress: null,
      logs,
      status: "0x1",
      logsBloom: "0x" + "00".repeat(256),
    };
    this.sg.processBlock(block, [receipt]);
    return { txHash, block: number };
  }
}
