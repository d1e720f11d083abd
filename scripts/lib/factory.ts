/**
 * Listing an IP and opening its offerings through the deployed factories: input validation with typed errors (before
 * anything is sent), the factory calls, decoded reverts, and the address-book entries (`IpToken_<SYMBOL>`,
 * `IpOffering_<SYMBOL>_<index>`) so the tooling finds them. Used by `scripts/list-ip.ts` and the tests.
 */
import { existsSync, readFileSync } from "node:fs";

import { getAddress, id, isAddress, isHexString, type Signer, ZeroAddress, ZeroHash } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { type SuiteConfig } from "./config.js";
import { abiHash, type AddressBook, type BookEntry, recordInAddressBook } from "./deploy.js";
import type { OfferingTerms } from "./offering.js";

type Ethers = import("@nomicfoundation/hardhat-ethers/types").HardhatEthers;

/** `ITokenFactory.TokenRoles`. */
export interface TokenRoles {
  admin: string;
  adminDelay: bigint;
  agent: string;
  compliance: string;
  pauser: string;
  lockup: string;
  recordDate: string;
}

/** `ITokenFactory.TokenParams`. */
export interface TokenParams {
  ipId: string;
  name: string;
  symbol: string;
  uri: string;
  roles: TokenRoles;
}

/** `IOfferingFactory.OfferingParams`. */
export interface OfferingParams {
  terms: OfferingTerms;
  admin: string;
  adminDelay: bigint;
  issuer: string;
  operator: string;
}

/** The IP file `scripts/list-ip.ts` reads (`STOKIT_IP=<file>`). Amounts are decimal strings in base units. */
export interface IpFile {
  /** A bytes32 hex id, or a label whose keccak256 is the id (e.g. "webtoon:moonlit"). */
  ipId: string;
  name: string;
  symbol: string;
  uri: string;
  /** Role holders (addresses or "deployer"); each defaults to the network parameters' holder of the same role. */
  roles?: Partial<Record<"admin" | "agent" | "compliance" | "pauser" | "lockup" | "recordDate", string>>;
  offering?: {
    price: string;
    minSubscription: string;
    maxSubscription: string;
    softCap: string;
    hardCap: string;
    /** Seconds from now until the window opens (default 60). */
    startsIn?: number;
    durationSeconds: number;
    /** Lock-up after the window closes, in seconds (0 or absent: none). */
    lockupSeconds?: number;
    /** Default: the network's admin. */
    treasury?: string;
    /** Accept the native coin through the suite's oracle (default false). */
    native?: boolean;
  };
}

/** Bad input to the listing: `field` is the offending field of the IP file (or "signer"). Nothing was sent. */
export class ListIpError extends Error {
  override name = "ListIpError";
  constructor(
    readonly field: string,
    readonly details: string,
  ) {
    super(`${field}: ${details}`);
  }
}

/** A factory call reverted: `errorName`/`args` are the decoded custom error (`"unknown"` when not decodable). */
export class ListIpRevertError extends Error {
  override name = "ListIpRevertError";
  constructor(
    readonly action: "createToken" | "createOffering",
    readonly errorName: string,
    readonly args: readonly unknown[],
    override readonly cause: unknown,
  ) {
    super(`${action} reverted with ${errorName}(${args.map(String).join(", ")})`);
  }
}

/** The IP id of `value`: a 32-byte hex id as is, otherwise keccak256 of the label. */
export function ipIdOf(value: string): string {
  return isHexString(value, 32) ? value.toLowerCase() : id(value);
}

/** Reads and validates an IP file into the factories' parameters. */
export function resolveIpFile(
  file: IpFile,
  config: SuiteConfig,
  book: AddressBook,
  now: bigint,
): {
  token: TokenParams;
  offering: (Omit<OfferingParams, "terms"> & { terms: Omit<OfferingTerms, "token"> }) | undefined;
} {
  const text = (field: string, v: unknown) => {
    if (typeof v !== "string" || v.trim() === "") throw new ListIpError(field, "missing or empty");
    return v;
  };
  const address = (field: string, v: unknown) => {
    if (v === "deployer") return config.deployer;
    if (typeof v !== "string" || !isAddress(v)) throw new ListIpError(field, `${JSON.stringify(v)} is not an address`);
    if (getAddress(v) === ZeroAddress) throw new ListIpError(field, "must not be the zero address");
    return getAddress(v);
  };
  const amount = (field: string, v: unknown) => {
    if (typeof v !== "string" || !/^[0-9]+$/.test(v)) throw new ListIpError(field, `must be a decimal string`);
    return BigInt(v);
  };
  const seconds = (field: string, v: unknown, fallback?: number) => {
    if (v === undefined && fallback !== undefined) return BigInt(fallback);
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new ListIpError(field, "must be whole seconds");
    return BigInt(v);
  };
  const ipId = ipIdOf(text("ipId", file.ipId));
  if (ipId === ZeroHash) throw new ListIpError("ipId", "must not be zero");
  const r = file.roles ?? {};
  const role = (k: keyof NonNullable<IpFile["roles"]>) => address(`roles.${k}`, r[k] ?? config.roles[k]);
  const token: TokenParams = {
    ipId,
    name: text("name", file.name),
    symbol: text("symbol", file.symbol),
    uri: text("uri", file.uri),
    roles: {
      admin: role("admin"),
      adminDelay: BigInt(config.adminDelay),
      agent: role("agent"),
      compliance: role("compliance"),
      pauser: role("pauser"),
      lockup: role("lockup"),
      recordDate: role("recordDate"),
    },
  };
  const o = file.offering;
  if (o === undefined) return { token, offering: undefined };
  const payment =
    config.payment.source.kind === "mock" ? book.contracts.PaymentToken?.address : config.payment.source.address;
  if (payment === undefined) throw new ListIpError("offering", "the address book has no PaymentToken");
  const oracle = book.contracts.OracleCircuitBreaker?.address;
  if (o.native === true && oracle === undefined) throw new ListIpError("offering.native", "no oracle in the book");
  const startTime = now + seconds("offering.startsIn", o.startsIn, 60);
  const duration = seconds("offering.durationSeconds", o.durationSeconds);
  if (duration === 0n) throw new ListIpError("offering.durationSeconds", "must be above 0");
  const endTime = startTime + duration;
  const lockup = seconds("offering.lockupSeconds", o.lockupSeconds, 0);
  const admin = token.roles.admin;
  return {
    token,
    offering: {
      terms: {
        paymentToken: payment,
        price: amount("offering.price", o.price),
        minSubscription: amount("offering.minSubscription", o.minSubscription),
        maxSubscription: amount("offering.maxSubscription", o.maxSubscription),
        softCap: amount("offering.softCap", o.softCap),
        hardCap: amount("offering.hardCap", o.hardCap),
        startTime,
        endTime,
        lockupEnd: lockup === 0n ? 0n : endTime + lockup,
        treasury: o.treasury === undefined ? admin : address("offering.treasury", o.treasury),
        oracle: o.native === true ? oracle! : ZeroAddress,
        oracleAsset: o.native === true ? config.oracle.asset : ZeroAddress,
      },
      admin,
      adminDelay: BigInt(config.adminDelay),
      issuer: admin,
      operator: token.roles.agent,
    },
  };
}

/** Reads an IP file from disk (see {@link IpFile}). */
export function readIpFile(path: string): IpFile {
  if (!existsSync(path)) throw new ListIpError("(file)", `no IP file at ${path}`);
  try {
    return JSON.parse(readFileSync(path, "utf8")) as IpFile;
  } catch (e) {
    throw new ListIpError("(file)", `invalid JSON (${(e as Error).message})`);
  }
}

async function decodeRevert<T>(
  action: ListIpRevertError["action"],
  interfaces: { parseError(data: string): { name: string; args: readonly unknown[] } | null }[],
  send: () => Promise<T>,
): Promise<T> {
  try {
    return await send();
  } catch (e) {
    const data = (e as { data?: string }).data;
    for (const i of interfaces) {
      const parsed = data ? i.parseError(data) : null;
      if (parsed) throw new ListIpRevertError(action, parsed.name, [...parsed.args], e);
    }
    throw new ListIpRevertError(action, "unknown", [], e);
  }
}

/** Where the listing is recorded: the book file (optional) and the factory addresses. */
export interface ListIpTarget {
  book: AddressBook;
  addressBookFile: string | false | undefined;
  signer: Signer & { address: string };
}

/**
 * Lists a new IP: checks the signer's role and that the IP id is free, creates the token through the TokenFactory and
 * records it as `IpToken_<SYMBOL>`.
 */
export async function createIpToken(
  hre: HardhatRuntimeEnvironment,
  ethers: Ethers,
  { book, addressBookFile, signer }: ListIpTarget,
  params: TokenParams,
) {
  const factoryAddress = book.contracts.TokenFactory?.address;
  if (factoryAddress === undefined) throw new ListIpError("addressBook", "no TokenFactory: deploy the suite first");
  const factory = await ethers.getContractAt("TokenFactory", factoryAddress, signer);
  if (!(await factory.hasRole(id("TOKEN_CREATOR_ROLE"), signer.address))) {
    throw new ListIpError("signer", `${signer.address} lacks the TokenFactory's TOKEN_CREATOR_ROLE`);
  }
  const existing = await factory.tokenOf(params.ipId);
  if (existing !== ZeroAddress) throw new ListIpError("ipId", `${params.ipId} is already listed as ${existing}`);
  const predicted = await factory.predictTokenAddress(params);
  const token = await ethers.getContractAt("IpSecurityToken", predicted, signer);
  const receipt = await decodeRevert("createToken", [factory.interface, token.interface], async () =>
    (await factory.createToken(params)).wait(),
  );
  const entry: BookEntry = {
    address: predicted,
    blockNumber: receipt!.blockNumber,
    txHash: receipt!.hash,
    abiHash: await abiHash(hre, "IpSecurityToken"),
  };
  const name = `IpToken_${params.symbol}`;
  if (addressBookFile) recordInAddressBook(addressBookFile, name, entry);
  book.contracts[name] = entry;
  return { token, address: predicted, entry, receipt: receipt! };
}

/**
 * Opens an offering of a listed IP token through the OfferingFactory (which grants it the token's roles) and records
 * it as `IpOffering_<SYMBOL>_<index>`.
 */
export async function openIpOffering(
  hre: HardhatRuntimeEnvironment,
  ethers: Ethers,
  { book, addressBookFile, signer }: ListIpTarget,
  params: OfferingParams,
  symbol: string,
) {
  const factoryAddress = book.contracts.OfferingFactory?.address;
  if (factoryAddress === undefined) throw new ListIpError("addressBook", "no OfferingFactory: deploy the suite first");
  const factory = await ethers.getContractAt("OfferingFactory", factoryAddress, signer);
  if (!(await factory.hasRole(id("OFFERING_CREATOR_ROLE"), signer.address))) {
    throw new ListIpError("signer", `${signer.address} lacks the OfferingFactory's OFFERING_CREATOR_ROLE`);
  }
  const tokenFactory = await ethers.getContractAt("TokenFactory", book.contracts.TokenFactory!.address, signer);
  if ((await tokenFactory.ipIdOf(params.terms.token)) === ZeroHash) {
    throw new ListIpError("terms.token", `${params.terms.token} is not an IP token of this TokenFactory`);
  }
  const index = await factory.offeringCount(params.terms.token);
  const predicted = await factory.predictOfferingAddress(params, index);
  const offering = await ethers.getContractAt("Offering", predicted, signer);
  const receipt = await decodeRevert("createOffering", [factory.interface, offering.interface], async () =>
    (await factory.createOffering(params)).wait(),
  );
  const entry: BookEntry = {
    address: predicted,
    blockNumber: receipt!.blockNumber,
    txHash: receipt!.hash,
    abiHash: await abiHash(hre, "Offering"),
  };
  const name = `IpOffering_${symbol}_${index}`;
  if (addressBookFile) recordInAddressBook(addressBookFile, name, entry);
  book.contracts[name] = entry;
  return { offering, address: predicted, index, entry, receipt: receipt! };
}

/**
 * The whole listing of `scripts/list-ip.ts`: validates the IP file, creates the token, then (when the file has an
 * offering) opens its offering.
 */
export async function listIp(
  hre: HardhatRuntimeEnvironment,
  ethers: Ethers,
  target: ListIpTarget,
  config: SuiteConfig,
  { file }: { file: IpFile },
) {
  const block = await ethers.provider.getBlock("latest");
  const { token: tokenParams, offering } = resolveIpFile(file, config, target.book, BigInt(block!.timestamp));
  const token = await createIpToken(hre, ethers, target, tokenParams);
  if (offering === undefined) return { ipId: tokenParams.ipId, token: token.address, offering: undefined };
  const opened = await openIpOffering(
    hre,
    ethers,
    target,
    { ...offering, terms: { ...offering.terms, token: token.address } },
    tokenParams.symbol,
  );
  return { ipId: tokenParams.ipId, token: token.address, offering: opened.address, offeringIndex: opened.index };
}
