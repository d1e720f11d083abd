/**
 * Deployment configuration: the per-network parameter files in `ignition/parameters/<file>.json`, their validation
 * and their resolution into a typed {@link SuiteConfig} that the Ignition module factories consume.
 *
 * Values are literal addresses, `"deployer"` (the deploying account: local chains only) or `"mock"` (deploy a mock:
 * Besu/local only). Missing or malformed addresses raise {@link ConfigError} with the path of the offending field.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { getAddress, isAddress, ZeroAddress } from "ethers";

/** Root of the repository (this file lives in scripts/lib). */
export const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** The address used by the oracle for the chain's native coin (BNB on BSC, ETH on Base/Besu). */
export const NATIVE_ASSET = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE";

/** Canonical Multicall3 (same address on every chain where it was deployed). */
export const CANONICAL_MULTICALL3 = "0xcA11bde05977b3631167028862bE2a173976CA11";

/** The Market's highest fee (`Market.MAX_FEE_BPS`: 1%); a parameter above it is refused before anything is sent. */
export const MARKET_MAX_FEE_BPS = 100;

/** Role holders of the suite. */
export const ROLE_KEYS = [
  "admin",
  "agent",
  "kycAgent",
  "compliance",
  "pauser",
  "lockup",
  "recordDate",
  "distributor",
  "taxAdmin",
  "pointsManager",
  "pointsIssuer",
  "pointsPauser",
  "oracleConfig",
  "guardian",
  "lister",
] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

/** The parameter file as written on disk (before resolution). */
export interface ParameterFile {
  chainId?: number;
  /** Confirmations each deployment transaction needs before the next step (1 on dev chains and Besu's finality). */
  confirmations: number;
  /** Give up when no block arrives for this long while a transaction waits (default 120). */
  blockTimeoutSeconds?: number;
  adminDelay: number;
  token: { name: string; symbol: string };
  roles: Record<RoleKey, string>;
  trustedProviders?: string[];
  taxWallet?: string;
  payment: { token: string; decimals: number; symbol?: string };
  nftCollection: string;
  multicall: "canonical" | "deploy";
  /**
   * The secondary market. `operator` gets `OPERATOR_ROLE` (matches crossing orders; default: `roles.admin`);
   * `feeBps` (0 to {@link MARKET_MAX_FEE_BPS}, default 0) of each trade's payment goes to `feeWallet`, which is
   * required when `feeBps` is above 0.
   */
  market?: { operator?: string; feeBps?: number; feeWallet?: string };
  oracle: {
    asset?: string;
    primaryFeed: string;
    fallbackFeed?: string;
    heartbeat: number;
    fallbackHeartbeat?: number;
    minPrice: string;
    maxPrice: string;
    maxDeviationBps: number;
    recoveryRounds: number;
    sequencerFeed?: string;
    gracePeriod?: number;
    /** Mock feed settings (only when primaryFeed is "mock"). */
    mockDecimals?: number;
    mockAnswer?: string;
  };
}

/** What a mock-or-address field resolved to. */
export type Source = { kind: "address"; address: string } | { kind: "mock" };

/** The validated, resolved configuration. */
export interface SuiteConfig {
  network: string;
  parameterFile: string;
  chainId: number | undefined;
  deployer: string;
  /** Confirmations per deployment transaction (parameter `confirmations`). */
  confirmations: number;
  /** See {@link ParameterFile.blockTimeoutSeconds}; `STOKIT_BLOCK_TIMEOUT_SECONDS` overrides it. */
  blockTimeoutSeconds: number;
  adminDelay: number;
  token: { name: string; symbol: string };
  roles: Record<RoleKey, string>;
  trustedProviders: string[];
  taxWallet: string;
  payment: { source: Source; decimals: number; symbol: string };
  nftCollection: Source;
  deployMulticall: boolean;
  /** The market's operator and fee; `feeWallet` is the zero address when `feeBps` is 0 and no wallet is given. */
  market: { operator: string; feeBps: number; feeWallet: string };
  oracle: {
    asset: string;
    primaryFeed: Source;
    fallbackFeed: string;
    heartbeat: number;
    fallbackHeartbeat: number;
    minPrice: bigint;
    maxPrice: bigint;
    maxDeviationBps: number;
    recoveryRounds: number;
    sequencer: Source | undefined;
    gracePeriod: number;
    mockDecimals: number;
    mockAnswer: bigint;
  };
}

/** A parameter file is missing, unreadable or invalid. `field` is the JSON path of the offending value. */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    readonly file: string,
    readonly field: string,
    readonly details: string,
  ) {
    super(`${path.relative(ROOT, file) || file}: ${field}: ${details}`);
  }
}

/** The node answered with a chain id other than the configured one (EIP-155 replay protection would break). */
export class ChainIdMismatchError extends Error {
  override name = "ChainIdMismatchError";
  constructor(
    readonly network: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(
      `network "${network}": the node reports chain id ${actual} but the configuration expects ${expected}. ` +
        `Refusing to deploy: transactions signed for chain ${expected} (EIP-155) would be rejected or replayable. ` +
        `Fix the node's genesis "chainId" or the configured chain id (BESU_CHAIN_ID / the parameter file).`,
    );
  }
}

/** Networks that get the `local` parameter file (mocks, deployer holds every role). */
const LOCAL_NETWORKS = new Set(["default", "hardhat", "localhost", "bscSim", "baseSim", "besuSim"]);

/** The parameter file for a network: `STOKIT_PARAMS` wins, else `ignition/parameters/<network or local>.json`. */
export function parameterFileFor(networkName: string): string {
  const override = process.env.STOKIT_PARAMS;
  if (override !== undefined && override !== "") return path.resolve(override);
  const base = LOCAL_NETWORKS.has(networkName) ? "local" : networkName;
  return path.join(ROOT, "ignition", "parameters", `${base}.json`);
}

/** Whether a network is a local/in-process or private one (no block explorer, mocks allowed). */
export function isLocalNetwork(networkName: string): boolean {
  return LOCAL_NETWORKS.has(networkName);
}

export function readParameterFile(file: string): ParameterFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new ConfigError(file, "(file)", "cannot read the parameter file");
  }
  try {
    return JSON.parse(text) as ParameterFile;
  } catch (e) {
    throw new ConfigError(file, "(file)", `invalid JSON (${(e as Error).message})`);
  }
}

/** Loads and validates the parameter file of `networkName`, resolving `"deployer"` to `deployer`. */
export function loadConfig(networkName: string, deployer: string, configuredChainId?: number): SuiteConfig {
  const file = parameterFileFor(networkName);
  const p = readParameterFile(file);
  const fail = (field: string, details: string): never => {
    throw new ConfigError(file, field, details);
  };

  const address = (field: string, value: unknown, allowMock = false, allowZero = false): Source => {
    if (value === "mock") {
      if (!allowMock) fail(field, `"mock" is not allowed here`);
      return { kind: "mock" };
    }
    if (value === "deployer") return { kind: "address", address: getAddress(deployer) };
    if (typeof value !== "string" || value === "") {
      return fail(field, "missing: set it to a checksummed address (the deployer must fill this in)");
    }
    if (!isAddress(value)) return fail(field, `"${value}" is not an address`);
    // Mixed case must be a valid EIP-55 checksum; all-lower/upper is refused so a typo cannot slip through.
    if (value !== getAddress(value)) fail(field, `"${value}" is not checksummed (expected ${getAddress(value)})`);
    if (!allowZero && value === ZeroAddress) fail(field, "must not be the zero address");
    return { kind: "address", address: value };
  };
  const addr = (field: string, value: unknown): string => (address(field, value) as { address: string }).address;
  const int = (field: string, value: unknown, min: number, max: number): number => {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      fail(field, `must be an integer in [${min}, ${max}], got ${JSON.stringify(value)}`);
    }
    return value as number;
  };
  const big = (field: string, value: unknown): bigint => {
    if (typeof value !== "string" || !/^[0-9]+$/.test(value)) fail(field, `must be a decimal string, got ${value}`);
    return BigInt(value as string);
  };

  if (p.chainId !== undefined) int("chainId", p.chainId, 1, 2 ** 53 - 1);
  if (p.chainId !== undefined && configuredChainId !== undefined && p.chainId !== configuredChainId) {
    fail("chainId", `${p.chainId} differs from hardhat.config.ts's chain id ${configuredChainId} for "${networkName}"`);
  }
  const confirmations = int("confirmations", p.confirmations, 1, 64);
  const timeoutOverride = process.env.STOKIT_BLOCK_TIMEOUT_SECONDS;
  const blockTimeoutSeconds =
    timeoutOverride !== undefined && timeoutOverride !== ""
      ? int("STOKIT_BLOCK_TIMEOUT_SECONDS", Number(timeoutOverride), 1, 86_400)
      : p.blockTimeoutSeconds === undefined
        ? 120
        : int("blockTimeoutSeconds", p.blockTimeoutSeconds, 1, 86_400);
  if (typeof p.token?.name !== "string" || p.token.name === "") fail("token.name", "missing");
  if (typeof p.token?.symbol !== "string" || p.token.symbol === "") fail("token.symbol", "missing");
  if (typeof p.roles !== "object" || p.roles === null) fail("roles", "missing");
  const roles = {} as Record<RoleKey, string>;
  for (const key of ROLE_KEYS) roles[key] = addr(`roles.${key}`, p.roles[key]);
  const o = p.oracle;
  if (typeof o !== "object" || o === null) fail("oracle", "missing");
  const minPrice = big("oracle.minPrice", o.minPrice);
  const maxPrice = big("oracle.maxPrice", o.maxPrice);
  if (maxPrice <= minPrice) fail("oracle.maxPrice", "must be above oracle.minPrice");
  const sequencer =
    o.sequencerFeed === undefined || o.sequencerFeed === "none"
      ? undefined
      : address("oracle.sequencerFeed", o.sequencerFeed, true);
  if (p.multicall !== "canonical" && p.multicall !== "deploy") fail("multicall", `must be "canonical" or "deploy"`);
  const mk = p.market ?? {};
  if (typeof mk !== "object" || mk === null) fail("market", "must be an object");
  const feeBps = mk.feeBps === undefined ? 0 : int("market.feeBps", mk.feeBps, 0, MARKET_MAX_FEE_BPS);
  if (feeBps > 0 && mk.feeWallet === undefined)
    fail("market.feeWallet", `missing: required when market.feeBps is ${feeBps}`);
  const market = {
    operator: mk.operator === undefined ? roles.admin : addr("market.operator", mk.operator),
    feeBps,
    feeWallet: mk.feeWallet === undefined ? ZeroAddress : addr("market.feeWallet", mk.feeWallet),
  };

  return {
    network: networkName,
    parameterFile: file,
    chainId: p.chainId ?? configuredChainId,
    deployer: getAddress(deployer),
    confirmations,
    blockTimeoutSeconds,
    adminDelay: int("adminDelay", p.adminDelay, 0, 2 ** 48 - 1),
    token: { name: p.token.name, symbol: p.token.symbol },
    roles,
    trustedProviders: (p.trustedProviders ?? []).map((v, i) => addr(`trustedProviders[${i}]`, v)),
    taxWallet: p.taxWallet === undefined ? roles.admin : addr("taxWallet", p.taxWallet),
    payment: {
      source: address("payment.token", p.payment?.token, true),
      decimals: int("payment.decimals", p.payment?.decimals, 0, 18),
      symbol: p.payment?.symbol ?? "USD",
    },
    nftCollection: address("nftCollection", p.nftCollection, true),
    deployMulticall: p.multicall === "deploy",
    market,
    oracle: {
      asset: o.asset === undefined ? NATIVE_ASSET : addr("oracle.asset", o.asset),
      primaryFeed: address("oracle.primaryFeed", o.primaryFeed, true),
      fallbackFeed: o.fallbackFeed === undefined ? ZeroAddress : addr("oracle.fallbackFeed", o.fallbackFeed),
      heartbeat: int("oracle.heartbeat", o.heartbeat, 1, 2 ** 32 - 1),
      fallbackHeartbeat:
        o.fallbackHeartbeat === undefined ? 0 : int("oracle.fallbackHeartbeat", o.fallbackHeartbeat, 0, 2 ** 32 - 1),
      minPrice,
      maxPrice,
      maxDeviationBps: int("oracle.maxDeviationBps", o.maxDeviationBps, 1, 10_000),
      recoveryRounds: int("oracle.recoveryRounds", o.recoveryRounds, 0, 255),
      sequencer,
      gracePeriod: o.gracePeriod === undefined ? 0 : int("oracle.gracePeriod", o.gracePeriod, 0, 2 ** 32 - 1),
      mockDecimals: o.mockDecimals ?? 8,
      mockAnswer: BigInt(o.mockAnswer ?? "60000000000"),
    },
  };
}
