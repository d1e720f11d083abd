/**
 * Drift detection: compares the address book, the parameters and what the chain says (code, roles, registry
 * binding, oracle asset configuration and sequencer feed, admin handover). Used by `scripts/check.ts` and the tests.
 */
import { existsSync, readFileSync } from "node:fs";

import { getAddress, id, keccak256, ZeroAddress } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";

import { DIVIDEND_ROLES } from "../../ignition/modules/Dividends.js";
import { creationCode, FACTORY_ROLES } from "../../ignition/modules/Factory.js";
import { MARKET_ROLES } from "../../ignition/modules/Market.js";
import { ORACLE_ROLES } from "../../ignition/modules/Oracle.js";
import { POINTS_ROLES } from "../../ignition/modules/Points.js";
import { REGISTRY_ROLES, TOKEN_ROLES } from "../../ignition/modules/Token.js";
import { CANONICAL_MULTICALL3, type SuiteConfig } from "./config.js";
import { abiHash, addressBookPath, type AddressBook, resolveConfig, SUITE_CONTRACTS } from "./deploy.js";

/** One difference between what should be and what is. */
export interface Drift {
  /** What was checked, e.g. `SecurityToken.AGENT_ROLE`. */
  subject: string;
  expected: string;
  actual: string;
}

export interface CheckReport {
  network: string;
  chainId: number;
  /** Everything checked, with its outcome. */
  checked: { subject: string; ok: boolean }[];
  drift: Drift[];
  /** Facts worth knowing that are not drift (e.g. an admin handover awaiting the multisig's acceptance). */
  notes: string[];
}

type AnyContract = { [fn: string]: (...args: unknown[]) => Promise<unknown> };

/** Reads the address book of the connection's network (or `file`). */
export function readAddressBook(networkName: string, file?: string): AddressBook {
  const bookFile = file ?? addressBookPath(networkName);
  if (!existsSync(bookFile)) throw new Error(`check: no address book at ${bookFile}; run scripts/deploy.ts first`);
  return JSON.parse(readFileSync(bookFile, "utf8")) as AddressBook;
}

/**
 * Checks the deployed suite on `connection` against `book` and the network's parameters.
 *
 * @example
 * ```ts
 * const report = await checkSuite(hre, connection, readAddressBook(connection.networkName));
 * if (report.drift.length > 0) process.exitCode = 1;
 * ```
 */
export async function checkSuite(
  hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  book: AddressBook,
  config?: SuiteConfig,
): Promise<CheckReport> {
  const cfg = config ?? (await resolveConfig(connection));
  const { ethers } = connection as unknown as {
    ethers: {
      provider: { getCode(a: string): Promise<string> };
      getContractAt(name: string, a: string): Promise<unknown>;
    };
  };
  const report: CheckReport = {
    network: connection.networkName,
    chainId: cfg.chainId as number,
    checked: [],
    drift: [],
    notes: [],
  };
  const expect = (subject: string, expected: unknown, actual: unknown) => {
    const e = String(expected);
    const a = String(actual);
    const ok = e.toLowerCase() === a.toLowerCase();
    report.checked.push({ subject, ok });
    if (!ok) report.drift.push({ subject, expected: e, actual: a });
    return ok;
  };

  expect("addressBook.chainId", cfg.chainId, book.chainId);
  const at = async (name: string): Promise<AnyContract | undefined> => {
    const entry = book.contracts[name];
    // A missing contract or an address without code is already reported: nothing to read there.
    if (entry === undefined || (await ethers.provider.getCode(entry.address)) === "0x") return undefined;
    const artifact = SUITE_CONTRACTS[name as keyof typeof SUITE_CONTRACTS]?.artifact ?? name;
    return (await ethers.getContractAt(artifact, entry.address)) as AnyContract;
  };

  // Code and ABI at every address of the book.
  for (const [name, entry] of Object.entries(book.contracts)) {
    const code = await ethers.provider.getCode(entry.address);
    expect(`${name}.code`, "deployed", code === "0x" ? "no code" : "deployed");
    const artifact = SUITE_CONTRACTS[name as keyof typeof SUITE_CONTRACTS]?.artifact;
    if (artifact !== undefined) expect(`${name}.abiHash`, await abiHash(hre, artifact), entry.abiHash);
  }
  const required = [
    "IdentityRegistry",
    "SecurityToken",
    "DividendDistributor",
    "Points",
    "OracleCircuitBreaker",
    "TokenFactory",
    "OfferingFactory",
    "Market",
  ];
  for (const name of required) expect(`addressBook.${name}`, "present", book.contracts[name] ? "present" : "missing");
  const mocksExpected = {
    PaymentToken: cfg.payment.source.kind === "mock",
    NativeUsdFeed: cfg.oracle.primaryFeed.kind === "mock",
    SequencerUptimeFeed: cfg.oracle.sequencer?.kind === "mock",
    PointsNftCollection: cfg.nftCollection.kind === "mock",
    Multicall3: cfg.deployMulticall,
  };
  for (const [name, wanted] of Object.entries(mocksExpected)) {
    if (wanted) expect(`addressBook.${name}`, "present", book.contracts[name] ? "present" : "missing");
  }

  const registry = await at("IdentityRegistry");
  const token = await at("SecurityToken");
  const distributor = await at("DividendDistributor");
  const points = await at("Points");
  const oracle = await at("OracleCircuitBreaker");
  const tokenFactory = await at("TokenFactory");
  const offeringFactory = await at("OfferingFactory");
  const market = await at("Market");
  const addr = (name: string) => book.contracts[name]?.address ?? ZeroAddress;

  const checkRoles = async (
    name: string,
    c: AnyContract | undefined,
    roles: readonly (readonly [string, string])[],
    holders: Record<string, string> = cfg.roles,
  ) => {
    if (c === undefined) return;
    for (const [role, holder] of roles) {
      const has = await c.hasRole(id(role), holders[holder]);
      expect(`${name}.${role}(${holder} ${holders[holder]})`, "granted", has ? "granted" : "missing");
    }
    const admin = (await c.defaultAdmin()) as string;
    if (admin.toLowerCase() !== cfg.roles.admin.toLowerCase()) {
      const [pending] = (await c.pendingDefaultAdmin()) as [string, bigint];
      const ok = expect(
        `${name}.defaultAdmin (or pending)`,
        cfg.roles.admin,
        pending === ZeroAddress ? admin : pending,
      );
      if (ok)
        report.notes.push(
          `${name}: admin handover to ${pending} pending: the admin must call acceptDefaultAdminTransfer()`,
        );
    } else {
      expect(`${name}.defaultAdmin`, cfg.roles.admin, admin);
    }
  };
  // adminDelay: every AccessControlDefaultAdminRules contract of the suite.
  const adminRulesContracts = { registry, token, distributor, points, oracle, tokenFactory, offeringFactory, market };
  for (const [name, c] of Object.entries(adminRulesContracts)) {
    if (c !== undefined) expect(`${contractName(name)}.defaultAdminDelay`, cfg.adminDelay, await c.defaultAdminDelay());
  }
  if (token !== undefined) {
    expect("SecurityToken.name", cfg.token.name, await token.name());
    expect("SecurityToken.symbol", cfg.token.symbol, await token.symbol());
  }
  if (distributor !== undefined && cfg.roles.taxAdmin === cfg.deployer) {
    // The deploy sets the tax wallet only when the deployer is the tax admin (otherwise the tax admin does).
    expect("DividendDistributor.taxWallet", cfg.taxWallet, await distributor.taxWallet());
  }

  await checkRoles("IdentityRegistry", registry, REGISTRY_ROLES);
  await checkRoles("SecurityToken", token, TOKEN_ROLES);
  await checkRoles("DividendDistributor", distributor, DIVIDEND_ROLES);
  await checkRoles("Points", points, POINTS_ROLES);
  await checkRoles("OracleCircuitBreaker", oracle, ORACLE_ROLES);
  await checkRoles("TokenFactory", tokenFactory, FACTORY_ROLES.TokenFactory);
  await checkRoles("OfferingFactory", offeringFactory, FACTORY_ROLES.OfferingFactory);
  await checkRoles("Market", market, MARKET_ROLES, { operator: cfg.market.operator });

  // Market: the fee, and the suite token's trust in it (without a compliance role left to the deployer).
  if (market !== undefined) {
    const [feeBps, feeWallet] = (await market.fee()) as [bigint, string];
    expect("Market.fee.feeBps", cfg.market.feeBps, feeBps);
    expect("Market.fee.feeWallet", cfg.market.feeWallet, feeWallet);
  }
  if (token !== undefined && book.contracts.Market !== undefined) {
    const trusted = await token.isTrustedOperator(addr("Market"));
    expect("SecurityToken.trustedOperator(Market)", "trusted", trusted ? "trusted" : "not trusted");
    if (cfg.roles.compliance.toLowerCase() !== cfg.deployer.toLowerCase()) {
      const kept = await token.hasRole(id("COMPLIANCE_ROLE"), cfg.deployer);
      expect(`SecurityToken.COMPLIANCE_ROLE(deployer ${cfg.deployer})`, "renounced", kept ? "kept" : "renounced");
    }
  }

  // Factories: wiring, the registry's binder role, and the creation code their data contracts hold.
  if (tokenFactory !== undefined) {
    expect("TokenFactory.identityRegistry", addr("IdentityRegistry"), await tokenFactory.identityRegistry());
    expect("TokenFactory.distributor", addr("DividendDistributor"), await tokenFactory.distributor());
    expect("TokenFactory.offeringFactory", addr("OfferingFactory"), await tokenFactory.offeringFactory());
    if (registry !== undefined) {
      const binder = await registry.hasRole(id("TOKEN_BINDER_ROLE"), addr("TokenFactory"));
      expect("IdentityRegistry.TOKEN_BINDER_ROLE(TokenFactory)", "granted", binder ? "granted" : "missing");
    }
  }
  const products = [
    ["TokenFactory", tokenFactory, "token", "TokenInitcode"],
    ["OfferingFactory", offeringFactory, "offering", "OfferingInitcode"],
  ] as const;
  for (const [name, factory, product, chunkName] of products) {
    if (factory === undefined) continue;
    expect(`${name}.initcodeHash`, keccak256(creationCode(product)), await factory.initcodeHash());
    const chunks = (await factory.initcodeChunks()) as string[];
    expect(`${name}.initcodeChunks`, [addr(`${chunkName}0`), addr(`${chunkName}1`)].join(","), chunks.join(","));
  }

  if (registry !== undefined && token !== undefined) {
    const bound = ((await registry.boundTokens()) as string[]).map((a) => a.toLowerCase());
    expect(
      "IdentityRegistry.boundTokens ∋ SecurityToken",
      "bound",
      bound.includes(addr("SecurityToken").toLowerCase()) ? "bound" : "not bound",
    );
    expect("SecurityToken.identityRegistry", addr("IdentityRegistry"), await token.identityRegistry());
    for (const provider of cfg.trustedProviders) {
      expect(`IdentityRegistry.trustedProvider(${provider})`, true, await registry.isTrustedProvider(provider));
    }
  }

  if (oracle !== undefined) {
    const o = cfg.oracle;
    const primary = o.primaryFeed.kind === "mock" ? addr("NativeUsdFeed") : o.primaryFeed.address;
    const c = (await oracle.assetConfig(o.asset)) as {
      primary: string;
      fallbackFeed: string;
      heartbeat: bigint;
      fallbackHeartbeat: bigint;
      maxDeviationBps: bigint;
      recoveryRounds: bigint;
      minPrice: bigint;
      maxPrice: bigint;
    };
    expect(`OracleCircuitBreaker.assetConfig(${o.asset}).primary`, primary, c.primary);
    expect(`OracleCircuitBreaker.assetConfig(${o.asset}).fallbackFeed`, o.fallbackFeed, c.fallbackFeed);
    expect(`OracleCircuitBreaker.assetConfig(${o.asset}).heartbeat`, o.heartbeat, c.heartbeat);
    expect(`OracleCircuitBreaker.assetConfig(${o.asset}).maxDeviationBps`, o.maxDeviationBps, c.maxDeviationBps);
    expect(`OracleCircuitBreaker.assetConfig(${o.asset}).minPrice`, o.minPrice, c.minPrice);
    expect(`OracleCircuitBreaker.assetConfig(${o.asset}).maxPrice`, o.maxPrice, c.maxPrice);
    expect(`OracleCircuitBreaker.assetConfig(${o.asset}).fallbackHeartbeat`, o.fallbackHeartbeat, c.fallbackHeartbeat);
    expect(`OracleCircuitBreaker.assetConfig(${o.asset}).recoveryRounds`, o.recoveryRounds, c.recoveryRounds);
    const sequencer =
      o.sequencer === undefined
        ? ZeroAddress
        : o.sequencer.kind === "mock"
          ? addr("SequencerUptimeFeed")
          : o.sequencer.address;
    const [feed, grace] = (await oracle.sequencer()) as [string, bigint];
    expect("OracleCircuitBreaker.sequencer.feed", sequencer, feed);
    expect("OracleCircuitBreaker.sequencer.gracePeriod", o.sequencer === undefined ? 0 : o.gracePeriod, grace);
  }

  // External dependencies named by the parameters must exist on this chain.
  const external: [string, string][] = [];
  if (cfg.payment.source.kind === "address") external.push(["payment.token", cfg.payment.source.address]);
  if (cfg.nftCollection.kind === "address") external.push(["nftCollection", cfg.nftCollection.address]);
  if (cfg.oracle.primaryFeed.kind === "address") external.push(["oracle.primaryFeed", cfg.oracle.primaryFeed.address]);
  if (cfg.oracle.sequencer?.kind === "address") external.push(["oracle.sequencerFeed", cfg.oracle.sequencer.address]);
  if (cfg.oracle.fallbackFeed !== ZeroAddress) external.push(["oracle.fallbackFeed", cfg.oracle.fallbackFeed]);
  if (!cfg.deployMulticall) external.push(["multicall", CANONICAL_MULTICALL3]);
  for (const [field, a] of external) {
    const code = await ethers.provider.getCode(a);
    expect(`parameters.${field}(${a}).code`, "deployed", code === "0x" ? "no code" : "deployed");
  }
  const paymentAddress = cfg.payment.source.kind === "mock" ? addr("PaymentToken") : cfg.payment.source.address;
  if (paymentAddress !== ZeroAddress && (await ethers.provider.getCode(paymentAddress)) !== "0x") {
    const payment = (await ethers.getContractAt("OfferingMockStablecoin", getAddress(paymentAddress))) as AnyContract;
    expect("payment.decimals", cfg.payment.decimals, await payment.decimals());
    if (cfg.payment.source.kind === "mock") expect("payment.symbol", cfg.payment.symbol, await payment.symbol());
  }
  // The mock feed's decimals; its answer is only a starting value (the feed is moved on purpose: not compared).
  if (cfg.oracle.primaryFeed.kind === "mock" && book.contracts.NativeUsdFeed !== undefined) {
    const feed = (await ethers.getContractAt("OracleMockFeed", addr("NativeUsdFeed"))) as AnyContract;
    if ((await ethers.provider.getCode(addr("NativeUsdFeed"))) !== "0x") {
      expect("oracle.mockDecimals", cfg.oracle.mockDecimals, await feed.decimals());
    }
  }
  return report;
}

/** Address-book name of a Suite module result key. */
function contractName(key: string): string {
  return Object.entries(SUITE_CONTRACTS).find(([, c]) => c.key === key)?.[0] ?? key;
}

/** Prints a report; returns whether it is clean. */
export function printReport(report: CheckReport, log: (line: string) => void = console.log): boolean {
  log(`check on ${report.network} (chain id ${report.chainId}): ${report.checked.length} checks`);
  for (const d of report.drift) log(`  DRIFT ${d.subject}: expected ${d.expected}, found ${d.actual}`);
  for (const n of report.notes) log(`  note: ${n}`);
  log(report.drift.length === 0 ? "  no drift" : `  ${report.drift.length} drift(s)`);
  return report.drift.length === 0;
}
