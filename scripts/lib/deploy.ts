/**
 * The one deployment path used by `scripts/deploy.ts`, the demo and the tests: chain-id check, parameter validation,
 * the Ignition deployment of the Suite module (resumable from its journal on http networks), then the address book.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { getAddress, keccak256, toUtf8Bytes } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";

import { buildSuiteModule } from "../../ignition/modules/Suite.js";
import { ChainIdMismatchError, isLocalNetwork, loadConfig, ROOT, type SuiteConfig } from "./config.js";

/** One contract of the address book. Keep these keys: the SDK and the subgraph read them. */
export interface BookEntry {
  address: string;
  blockNumber: number;
  txHash: string;
  abiHash: string;
}

/** `deployments/<network>.json`. */
export interface AddressBook {
  network: string;
  chainId: number;
  commit: string;
  contracts: Record<string, BookEntry>;
}

/** Address-book name -> artifact name, and the key of the Suite module's result. */
export const SUITE_CONTRACTS = {
  IdentityRegistry: { artifact: "IdentityRegistry", key: "registry" },
  SecurityToken: { artifact: "SecurityToken", key: "token" },
  DividendDistributor: { artifact: "DividendDistributor", key: "distributor" },
  Points: { artifact: "Points", key: "points" },
  OracleCircuitBreaker: { artifact: "OracleCircuitBreaker", key: "oracle" },
  PaymentToken: { artifact: "OfferingMockStablecoin", key: "PaymentToken" },
  NativeUsdFeed: { artifact: "OracleMockFeed", key: "NativeUsdFeed" },
  SequencerUptimeFeed: { artifact: "OracleMockSequencerFeed", key: "SequencerUptimeFeed" },
  PointsNftCollection: { artifact: "PointsMockERC721", key: "PointsNftCollection" },
  Multicall3: { artifact: "Multicall3Compatible", key: "Multicall3" },
} as const;
export type SuiteContractName = keyof typeof SUITE_CONTRACTS;

export interface DeployOptions {
  /** Ignition deployment id (default `STOKIT_DEPLOYMENT_ID` or `stokit-<network>`): the journal's folder. */
  deploymentId?: string;
  /** Where to write the address book (default: see {@link addressBookPath}); `false` to skip. */
  addressBookFile?: string | false;
  log?: (line: string) => void;
}

export interface DeployResult {
  config: SuiteConfig;
  deploymentId: string;
  book: AddressBook;
  addressBookFile: string | undefined;
}

/** Where the address book of `networkName` goes: `deployments/<network>.json`, `deployments/local/` for local chains. */
export function addressBookPath(networkName: string): string {
  const override = process.env.STOKIT_ADDRESS_BOOK;
  if (override !== undefined && override !== "") return path.resolve(override);
  return isLocalNetwork(networkName)
    ? path.join(ROOT, "deployments", "local", `${networkName}.json`)
    : path.join(ROOT, "deployments", `${networkName}.json`);
}

/** The node's chain id, read before anything else; throws {@link ChainIdMismatchError} when it is not `expected`. */
export async function assertChainId(connection: NetworkConnection, expected: number | undefined): Promise<number> {
  const actual = Number(await connection.provider.request({ method: "eth_chainId" }));
  if (expected !== undefined && actual !== expected) {
    throw new ChainIdMismatchError(connection.networkName, expected, actual);
  }
  return actual;
}

/** The chain id a network is configured with in hardhat.config.ts (undefined when the config leaves it open). */
export function configuredChainId(connection: NetworkConnection): number | undefined {
  const id = (connection.networkConfig as { chainId?: number }).chainId;
  return typeof id === "number" ? id : undefined;
}

/** Loads the configuration of the connection's network, checking the node's chain id first. */
export async function resolveConfig(connection: NetworkConnection): Promise<SuiteConfig> {
  const configured = configuredChainId(connection);
  const actual = await assertChainId(connection, configured);
  const [deployer] = (await connection.provider.request({ method: "eth_accounts" })) as string[];
  if (deployer === undefined) throw new Error(`network "${connection.networkName}": no deployer account`);
  const config = loadConfig(connection.networkName, deployer, configured);
  if (config.chainId !== undefined && config.chainId !== actual) {
    throw new ChainIdMismatchError(connection.networkName, config.chainId, actual);
  }
  return { ...config, chainId: actual };
}

/** keccak256 of the artifact's ABI JSON. */
export async function abiHash(hre: HardhatRuntimeEnvironment, artifact: string): Promise<string> {
  const { abi } = await hre.artifacts.readArtifact(artifact);
  return keccak256(toUtf8Bytes(JSON.stringify(abi)));
}

/** The current commit (`git rev-parse HEAD`), or "unknown" outside a git checkout. */
export function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

/** Creation tx hash and block of each contract address, from an Ignition journal (`TRANSACTION_CONFIRM` lines). */
export function creationsFromJournal(deploymentId: string): Map<string, { txHash: string; blockNumber: number }> {
  const found = new Map<string, { txHash: string; blockNumber: number }>();
  const file = path.join(ROOT, "ignition", "deployments", deploymentId, "journal.jsonl");
  if (!existsSync(file)) return found;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    const msg = JSON.parse(line) as {
      type?: string;
      hash?: string;
      receipt?: { blockNumber: number; contractAddress?: string };
    };
    if (msg.type === "TRANSACTION_CONFIRM" && msg.receipt?.contractAddress && msg.hash) {
      found.set(msg.receipt.contractAddress.toLowerCase(), { txHash: msg.hash, blockNumber: msg.receipt.blockNumber });
    }
  }
  return found;
}

/** Every contract creation on the chain (scans all blocks: for local chains only). */
export async function creationsFromChain(
  connection: NetworkConnection,
): Promise<Map<string, { txHash: string; blockNumber: number }>> {
  const found = new Map<string, { txHash: string; blockNumber: number }>();
  const latest = Number(await connection.provider.request({ method: "eth_blockNumber" }));
  for (let n = 0; n <= latest; n++) {
    const block = (await connection.provider.request({
      method: "eth_getBlockByNumber",
      params: ["0x" + n.toString(16), true],
    })) as { transactions: { hash: string; to: string | null }[] } | null;
    for (const tx of block?.transactions ?? []) {
      if (tx.to !== null && tx.to !== undefined) continue;
      const receipt = (await connection.provider.request({
        method: "eth_getTransactionReceipt",
        params: [tx.hash],
      })) as { contractAddress: string | null; status: string } | null;
      if (receipt?.contractAddress && receipt.status === "0x1") {
        found.set(receipt.contractAddress.toLowerCase(), { txHash: tx.hash, blockNumber: n });
      }
    }
  }
  return found;
}

/**
 * Deploys (or resumes) the suite on `connection`'s network and writes its address book.
 *
 * @example
 * ```ts
 * const connection = await network.connect();
 * const { book } = await deploySuite(hre, connection);
 * ```
 */
export async function deploySuite(
  hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  options: DeployOptions = {},
): Promise<DeployResult & { contracts: Record<string, string> }> {
  const log = options.log ?? (() => {});
  const config = await resolveConfig(connection);
  const deploymentId = options.deploymentId ?? (process.env.STOKIT_DEPLOYMENT_ID || `stokit-${connection.networkName}`);
  log(`Deploying the suite to "${connection.networkName}" (chain id ${config.chainId}) as ${deploymentId}`);
  log(`  parameters: ${path.relative(ROOT, config.parameterFile)}; deployer ${config.deployer}`);

  const ignition = (connection as unknown as { ignition: IgnitionHelper }).ignition;
  const result = await ignition.deploy(buildSuiteModule(config), { deploymentId, displayUi: false });

  const contracts: Record<string, string> = {};
  for (const [name, { key }] of Object.entries(SUITE_CONTRACTS)) {
    const contract = result[key];
    if (contract !== undefined) contracts[name] = getAddress(await contract.getAddress());
  }

  const creations = creationsFromJournal(deploymentId);
  const missing = Object.values(contracts).some((a) => !creations.has(a.toLowerCase()));
  if (missing) {
    for (const [a, c] of await creationsFromChain(connection)) if (!creations.has(a)) creations.set(a, c);
  }
  const book: AddressBook = {
    network: connection.networkName,
    chainId: config.chainId as number,
    commit: gitCommit(),
    contracts: {},
  };
  for (const [name, address] of Object.entries(contracts)) {
    const creation = creations.get(address.toLowerCase());
    if (creation === undefined) throw new Error(`address book: no creation transaction found for ${name} (${address})`);
    book.contracts[name] = {
      address,
      blockNumber: creation.blockNumber,
      txHash: creation.txHash,
      abiHash: await abiHash(hre, SUITE_CONTRACTS[name as SuiteContractName].artifact),
    };
  }

  let addressBookFile: string | undefined;
  if (options.addressBookFile !== false) {
    addressBookFile = options.addressBookFile ?? addressBookPath(connection.networkName);
    mkdirSync(path.dirname(addressBookFile), { recursive: true });
    writeFileSync(addressBookFile, JSON.stringify(book, null, 2) + "\n");
    log(`  address book: ${path.relative(ROOT, addressBookFile)}`);
  }
  return { config, deploymentId, book, addressBookFile, contracts };
}

/** The part of hardhat-ignition-ethers' helper we use. */
interface IgnitionHelper {
  deploy(
    module: ReturnType<typeof buildSuiteModule>,
    options: { deploymentId: string; displayUi: boolean },
  ): Promise<Record<string, { getAddress(): Promise<string> } | undefined>>;
}
