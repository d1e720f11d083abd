/** Loading the scenario capture and building a harness over the subgraph build for it. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { Interface, type LogDescription } from "ethers";

import { Subgraph, type RpcBlock, type RpcLog, type RpcReceipt } from "./harness/index.ts";

export const SUBGRAPH_DIR = path.resolve(import.meta.dirname, "..");
export const BUILD_DIR = path.join(SUBGRAPH_DIR, "build");

export interface ChainDistribution {
  id: string;
  token: string;
  payoutToken: string;
  creator: string;
  status: number;
  amount: string;
  claimed: string;
  held: string;
  reclaimed: string;
  denominator: string;
  recordDate: string;
  claimDeadline: string;
  perHolder: { holder: string; isClaimed: boolean; heldFor: string; entitlement: string }[];
}

export interface Scenario {
  networkName: string;
  chainId: number;
  addressBook: {
    network: string;
    chainId: number;
    contracts: Record<string, { address: string; blockNumber: number; txHash: string }>;
  };
  contracts: {
    distributor: string;
    token: string;
    payoutToken: string;
    registry: string;
    securityToken: string;
    points: string;
    breaker: string;
    offering: string;
    tokenFactory: string;
    offeringFactory: string;
    /** MOON's second offering, still open at the end of the scenario. */
    moonOpenOffering: string;
    /** The secondary market, and what it trades in the scenario: MOON against the payout USDC and the stablecoin. */
    market: string;
    moon: string;
    marketStable: string;
  };
  blocks: { block: RpcBlock; receipts: RpcReceipt[] }[];
  chain: {
    distributionCount: string;
    taxWallet: string;
    remainderRecipient: string;
    distributorPayoutBalance: string;
    distributions: ChainDistribution[];
    withholding: Record<string, number>;
    securityToken: {
      totalSupply: string;
      investorCount: number;
      holderCount: number;
      paused: boolean;
      transfersDisabled: boolean;
      rules: number;
      maxInvestors: number;
      maxBalance: string;
      recordDates: string[];
      wallets: Record<string, { balance: string; frozenTokens: string; frozen: boolean; successor: string }>;
      investors: Record<string, { key: string; balance: string; walletCount: number; lockup: string }>;
    };
    points: {
      balances: { programId: string; account: string; balance: string }[];
      totals: Record<string, string>;
      tokenBound: { programId: string; mode: number; epochLength: string; tokenId: string; redeemedAtGrant: boolean };
    };
    oracle: Record<
      string,
      {
        status: number;
        price: string;
        updatedAt: string;
        window: number;
        maxCumulativeDeviationBps: number;
        anchorPrice: string;
        anchorAt: string;
      }
    >;
    market: ChainMarket;
    platform: { endTimestamp: number; moonDistribution: string; tokens: ChainIpToken[] };
    offering: {
      status: number;
      totalValue: string;
      totalTokensMinted: string;
      stableWithdrawn: string;
      stableEscrow: string;
      nativeEscrow: string;
      reservedSlots: number;
      treasury: string;
      investors: Record<
        string,
        { tokens: string; value: string; stableAmount: string; settled: boolean; settlementWallet: string }
      >;
    };
  };
}

/** A signed order of the scenario (the hash commits to these fields) and its state read back from the market. */
export interface ChainOrder {
  hash: string;
  maker: string;
  side: number;
  token: string;
  paymentToken: string;
  price: string;
  amount: string;
  expiry: string;
  nonce: string;
  filled: string;
  cancelled: boolean;
}

/** The market at the end of the scenario: fee, every signed order (sent or not) and each trader's nonce floor. */
export interface ChainMarket {
  feeBps: number;
  feeWallet: string;
  orders: ChainOrder[];
  minNonces: Record<string, string>;
}

/** An offering the OfferingFactory opened, read back from the contract at the end of the scenario. */
export interface ChainIpOffering {
  address: string;
  index: number;
  status: number;
  totalValue: string;
  totalTokensMinted: string;
  stableWithdrawn: string;
  paymentToken: string;
  paymentDecimals: number;
  price: string;
  softCap: string;
  hardCap: string;
  startTime: string;
  endTime: string;
  lockupEnd: string;
}

/** An IP token the TokenFactory listed, read back at the end of the scenario. */
export interface ChainIpToken {
  address: string;
  ipId: string;
  name: string;
  symbol: string;
  decimals: number;
  totalSupply: string;
  holderCount: number;
  investorCount: number;
  balances: Record<string, string>;
  offerings: ChainIpOffering[];
}

export function loadScenario(): Scenario {
  const file = process.env.SUBGRAPH_SCENARIO ?? path.join(SUBGRAPH_DIR, "build", "test-cache", "scenario.json");
  if (!existsSync(file))
    throw new Error(`${file} is missing: run \`npm run scenario\` in subgraph/ (npm test does it)`);
  return JSON.parse(readFileSync(file, "utf8")) as Scenario;
}

export function harnessFor(scenario: Scenario): Subgraph {
  const addresses: Record<string, { address: string; startBlock: number }> = {};
  for (const [name, c] of Object.entries(scenario.addressBook.contracts))
    addresses[name] = { address: c.address, startBlock: c.blockNumber };
  return new Subgraph(BUILD_DIR, { addresses });
}

export function distributorInterface(): Interface {
  return new Interface(
    JSON.parse(readFileSync(path.join(BUILD_DIR, "DividendDistributor", "DividendDistributor.json"), "utf8")),
  );
}

/** The id the mapping gives an event entity: tx hash ++ logIndex as 4 little-endian bytes (`concatI32`). */
export function eventEntityId(txHash: string, logIndex: number): string {
  const b = Buffer.alloc(4);
  b.writeInt32LE(logIndex);
  return txHash.toLowerCase() + b.toString("hex");
}

/** Distribution entity id: distributor ++ distributionId as 4 little-endian bytes. */
export function distributionEntityId(distributor: string, id: bigint | number): string {
  const b = Buffer.alloc(4);
  b.writeInt32LE(Number(id));
  return distributor.toLowerCase() + b.toString("hex");
}

export interface DecodedLog {
  log: RpcLog;
  event: LogDescription;
  block: RpcBlock;
  /** The id the mapping gives an event entity for this log. */
  id: string;
}

/** The logs one contract emitted in the scenario, decoded with its ABI from the build, with their block. */
export function decodedLogs(scenario: Scenario, address: string, source: string): DecodedLog[] {
  const iface = new Interface(JSON.parse(readFileSync(path.join(BUILD_DIR, source, `${source}.json`), "utf8")));
  const out: DecodedLog[] = [];
  for (const { block, receipts } of scenario.blocks) {
    for (const log of receipts.flatMap((r) => r.logs)) {
      if (log.address.toLowerCase() !== address) continue;
      const event = iface.parseLog(log);
      if (event) out.push({ log, event, block, id: eventEntityId(log.transactionHash, Number(log.logIndex)) });
    }
  }
  return out;
}
