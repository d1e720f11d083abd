/**
 * The one deployment path used by `scripts/deploy.ts`, the demo and the tests: chain-id check, parameter validation,
 * the Ignition deployment of the Suite module (resumable from its journal on http networks, after checking that the
 * journal belongs to the node's chain and that the parameters did not change), then code at every address, then the
 * address book.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { DeploymentResultType } from "@nomicfoundation/ignition-core";
import { getAddress, keccak256, toUtf8Bytes } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";

import { buildSuiteModule } from "../../ignition/modules/Suite.js";
import { ChainIdMismatchError, isLocalNetwork, loadConfig, ROOT, type SuiteConfig } from "./config.js";
import { deploymentDirOf, IgnitionRunError, runIgnition } from "./ignition.js";
import { isNonceClash, NonceClashError, restrictModule } from "./nonce.js";
import {
  dropUnstartedSteps,
  recoverUnjournaledSends,
  repairDeployedAddresses,
  repairTornJournal,
  stepsInFlight,
} from "./recover.js";

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
  TokenFactory: { artifact: "TokenFactory", key: "tokenFactory" },
  OfferingFactory: { artifact: "OfferingFactory", key: "offeringFactory" },
  TokenInitcode0: { artifact: "InitcodeChunk", key: "TokenInitcode0" },
  TokenInitcode1: { artifact: "InitcodeChunk", key: "TokenInitcode1" },
  OfferingInitcode0: { artifact: "InitcodeChunk", key: "OfferingInitcode0" },
  OfferingInitcode1: { artifact: "InitcodeChunk", key: "OfferingInitcode1" },
  Market: { artifact: "Market", key: "market" },
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

/** The chain behind a journal is not the chain the node serves now (a restarted dev node with the same chain id). */
export class ChainChangedError extends Error {
  override name = "ChainChangedError";
  constructor(
    readonly deploymentId: string,
    readonly reason: string,
  ) {
    super(
      `the journal ignition/deployments/${deploymentId}/ belongs to another chain: ${reason}. ` +
        `Refusing to resume (it would report contracts that do not exist here). To start over on this chain: ` +
        `rm -r ignition/deployments/${deploymentId} && rerun the same command ` +
        `(or keep the old journal and set STOKIT_DEPLOYMENT_ID to a new id).`,
    );
  }
}

/** Resuming with parameters other than those the deployment started with (it would build a mixed suite). */
export class ParametersChangedError extends Error {
  override name = "ParametersChangedError";
  constructor(
    readonly deploymentId: string,
    readonly changes: { field: string; was: string; now: string }[],
  ) {
    super(
      `the parameters changed since deployment ${deploymentId} started; a resume must use the same ones:\n` +
        changes.map((c) => `  ${c.field}: was ${c.was}, now ${c.now}`).join("\n") +
        `\nRestore them, or deploy a new suite on purpose with STOKIT_DEPLOYMENT_ID=<new id>.`,
    );
  }
}

/** An address the deployment reports has no code on the chain: the address book is not written. */
export class MissingCodeError extends Error {
  override name = "MissingCodeError";
  constructor(readonly missing: { name: string; address: string }[]) {
    super(`no code at ${missing.map((m) => `${m.name} ${m.address}`).join(", ")}; the address book was not written`);
  }
}

/** What a deployment started with, kept beside its journal (`ignition/deployments/<id>/stokit.json`). */
export interface DeploymentRecord {
  chainId: number;
  genesisHash: string;
  parameters: Record<string, string>;
}

/** The resolved configuration as flat `field -> value` strings (what a resume must not change). */
export function parameterSnapshot(config: SuiteConfig): Record<string, string> {
  const flat: Record<string, string> = {};
  const walk = (prefix: string, value: unknown) => {
    if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(prefix === "" ? k : `${prefix}.${k}`, v);
    } else {
      flat[prefix] = String(value);
    }
  };
  // Where the file lives and how long to wait for blocks are not parameters of the suite.
  const { parameterFile: _file, confirmations: _c, blockTimeoutSeconds: _t, network: _n, ...suite } = config;
  walk("", suite);
  return flat;
}

/** The hash of block 0: tells two chains with the same chain id apart. */
export async function genesisHash(connection: NetworkConnection): Promise<string> {
  const block = (await connection.provider.request({ method: "eth_getBlockByNumber", params: ["0x0", false] })) as {
    hash: string;
  };
  return block.hash;
}

/**
 * Before Ignition resumes a journal: the node must serve the chain the journal was written on (same genesis, and
 * code at every contract the journal recorded), and the parameters must be those the deployment started with.
 * Writes the deployment record on a fresh start.
 */
export async function guardResume(
  connection: NetworkConnection,
  deploymentDir: string,
  deploymentId: string,
  config: SuiteConfig,
): Promise<"fresh" | "resume"> {
  const recordFile = path.join(deploymentDir, "stokit.json");
  const journal = path.join(deploymentDir, "journal.jsonl");
  const record: DeploymentRecord = {
    chainId: config.chainId as number,
    genesisHash: await genesisHash(connection),
    parameters: parameterSnapshot(config),
  };
  if (!existsSync(journal)) {
    mkdirSync(deploymentDir, { recursive: true });
    writeFileSync(recordFile, JSON.stringify(record, null, 2) + "\n");
    return "fresh";
  }
  if (existsSync(recordFile)) {
    const was = JSON.parse(readFileSync(recordFile, "utf8")) as DeploymentRecord;
    if (was.genesisHash !== record.genesisHash) {
      throw new ChainChangedError(
        deploymentId,
        `its genesis block is ${was.genesisHash}, the node's is ${record.genesisHash}`,
      );
    }
    const changes: { field: string; was: string; now: string }[] = [];
    for (const field of new Set([...Object.keys(was.parameters), ...Object.keys(record.parameters)])) {
      const [a, b] = [was.parameters[field] ?? "(unset)", record.parameters[field] ?? "(unset)"];
      if (a !== b) changes.push({ field, was: a, now: b });
    }
    if (changes.length > 0) throw new ParametersChangedError(deploymentId, changes);
  }
  for (const address of creationsFromJournal(deploymentId).keys()) {
    const code = (await connection.provider.request({ method: "eth_getCode", params: [address, "latest"] })) as string;
    if (code === "0x") throw new ChainChangedError(deploymentId, `the journal's contract ${address} has no code`);
  }
  if (!existsSync(recordFile)) writeFileSync(recordFile, JSON.stringify(record, null, 2) + "\n");
  return "resume";
}

/** Who signs on this network, in words (the deploy prints it before sending anything). */
export function deployerSource(connection: NetworkConnection): string {
  const accounts = (connection.networkConfig as { accounts?: unknown }).accounts;
  if (accounts === "remote") {
    const ignored =
      process.env.DEPLOYER_PRIVATE_KEY !== undefined
        ? "; DEPLOYER_PRIVATE_KEY is not used on this network (set LOCALHOST_PRIVATE_KEY to sign with a key)"
        : "";
    return `the node's first unlocked account (eth_accounts)${ignored}`;
  }
  if (Array.isArray(accounts)) {
    const names = accounts.map((a) => (a as { name?: string }).name).filter((n) => n !== undefined);
    if (names.length > 0) return `the key in ${names[0]} (keystore or environment)`;
    return "the first configured account";
  }
  return "the first configured account";
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
  log(`  parameters: ${path.relative(ROOT, config.parameterFile)}; ${config.confirmations} confirmation(s) per tx`);
  log(`  deployer ${config.deployer}: ${deployerSource(connection)}`);

  const deploymentDir = deploymentDirOf(hre, connection, deploymentId);
  const module = buildSuiteModule(config);
  const run = (m: typeof module) =>
    runIgnition(hre, connection, m, {
      deploymentId,
      confirmations: config.confirmations,
      blockTimeoutMs: config.blockTimeoutSeconds * 1000,
      log,
    });
  if (deploymentDir !== undefined) {
    const mode = await guardResume(connection, deploymentDir, deploymentId, config);
    if (mode === "resume") {
      log(`  resuming from ${path.relative(ROOT, deploymentDir)}/journal.jsonl`);
      // A run killed mid-write: rebuild the address output, record a sent transaction whose hash was not journaled.
      repairTornJournal(deploymentDir, log);
      repairDeployedAddresses(deploymentDir, log);
      dropUnstartedSteps(deploymentDir, log);
      await recoverUnjournaledSends(connection.provider, deploymentDir, deploymentId, config.confirmations, log);
      // Transactions in flight when the last run stopped are confirmed first, on their own (see scripts/lib/nonce.ts).
      const inFlight = stepsInFlight(deploymentDir);
      if (inFlight.length > 0) {
        log(`  confirming ${inFlight.length} step(s) in flight when the last run stopped: ${inFlight.join(", ")}`);
        await runOrExplain(() => confirmOnly(inFlight, () => run(restrictModule(module, inFlight))), config.deployer);
      }
    }
  }
  const addresses = await runOrExplain(() => run(module), config.deployer);

  const contracts: Record<string, string> = {};
  for (const [name, { key }] of Object.entries(SUITE_CONTRACTS)) {
    const address = addresses[key];
    if (address !== undefined) contracts[name] = getAddress(address);
  }
  const missingCode: { name: string; address: string }[] = [];
  for (const [name, address] of Object.entries(contracts)) {
    const code = (await connection.provider.request({ method: "eth_getCode", params: [address, "latest"] })) as string;
    if (code === "0x") missingCode.push({ name, address });
  }
  if (missingCode.length > 0) throw new MissingCodeError(missingCode);

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
    writeAddressBook(addressBookFile, book);
    log(`  address book: ${path.relative(ROOT, addressBookFile)}`);
  }
  return { config, deploymentId, book, addressBookFile, contracts };
}

/**
 * Runs the restricted module that confirms the steps in flight. Ignition judges its result on the whole journal, so
 * steps outside it that still wait for a nonce (not sent, or their nonce released) leave it "started": that is not a
 * failure of this run, whose own steps all confirmed. Any failed, timed-out or held step, or one of `inFlight` left
 * started, still throws.
 */
export async function confirmOnly<T>(inFlight: string[], step: () => Promise<T>): Promise<T | undefined> {
  try {
    return await step();
  } catch (e) {
    if (!(e instanceof IgnitionRunError) || e.result.type !== DeploymentResultType.EXECUTION_ERROR) throw e;
    const { failed, timedOut, held, started } = e.result;
    const pendingHere = started.filter((id) => inFlight.includes(id));
    if (failed.length > 0 || timedOut.length > 0 || held.length > 0 || pendingHere.length > 0) throw e;
    return undefined;
  }
}

/** Runs `step`, turning Ignition's nonce refusal into a {@link NonceClashError} that says how to recover. */
async function runOrExplain<T>(step: () => Promise<T>, deployer: string): Promise<T> {
  try {
    return await step();
  } catch (e) {
    if (isNonceClash(e)) throw new NonceClashError(deployer, (e as Error).message.split("\n")[0]);
    throw e;
  }
}

/** Writes an address book (creating its folder). */
export function writeAddressBook(file: string, book: AddressBook): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(book, null, 2) + "\n");
}

/**
 * Adds (or replaces) one contract of an address book on disk: what the demo and offering deployments use so that
 * the subgraph tooling finds them. The book must exist (the suite's deploy writes it).
 */
export function recordInAddressBook(file: string, name: string, entry: BookEntry): AddressBook {
  const book = JSON.parse(readFileSync(file, "utf8")) as AddressBook;
  book.contracts[name] = entry;
  writeAddressBook(file, book);
  return book;
}
