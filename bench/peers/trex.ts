/**
 * Benchmark peer: the ERC-3643 reference implementation T-REX 4.1.6 (`@tokenysolutions/t-rex`) with ONCHAINID
 * (`@onchain-id/solidity` 2.2.1), deployed from their PUBLISHED npm artifacts (ABI + bytecode as shipped); nothing
 * of theirs is compiled here. As in T-REX's fixture, the identity contracts (Identity implementation, IdentityProxy,
 * ImplementationAuthority, IdFactory) come from the ONCHAINID package and the ClaimIssuer from T-REX's own artifacts
 * (ONCHAINID's source built with T-REX's solc 0.8.17 settings): the ONCHAINID package's ClaimIssuer build costs
 * 2,678 gas more per identity verification, i.e. per transfer, mint or forced transfer. The wiring follows the order of T-REX's own test fixture
 * (`test/fixtures/deploy-full-suite.fixture.ts` at tag 4.1.6):
 * implementations behind T-REX proxies and a TREXImplementationAuthority, one claim topic, one trusted ClaimIssuer,
 * one IdentityProxy with a signed KYC claim per investor, and a ModularCompliance that either has no modules
 * (`modules: false`, the `trex_bare` column) or MaxBalance + CountryRestrict + SupplyLimit (`modules: true`, `trex`).
 *
 * Gas is deterministic: every key, address, amount and transaction order is fixed, so the same chain configuration
 * gives the same `gasUsed` on every run. Every operation is repeatable: it leaves the storage slots it measures in
 * the same zero/non-zero state for the next call (new holders and freeze targets are taken from pools instead).
 *
 * @example
 * const { ethers } = await network.create();
 * const peer = await deployTrex(ethers, { modules: true, investors: 12 });
 * const gas = await trexOperations.transferToExistingHolder(peer); // bigint
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import {
  AbiCoder,
  Contract,
  ContractFactory,
  type InterfaceAbi,
  type Signer,
  type TransactionReceipt,
  Wallet,
  getAddress,
  getBytes,
  id,
  keccak256,
  parseEther,
  toUtf8Bytes,
} from "ethers";

// ===== ARTIFACTS =====

/** The published artifacts this peer deploys, relative to each package's `artifacts/` folder. */
const TREX_ARTIFACTS = {
  ClaimTopicsRegistry: "contracts/registry/implementation/ClaimTopicsRegistry.sol/ClaimTopicsRegistry.json",
  TrustedIssuersRegistry: "contracts/registry/implementation/TrustedIssuersRegistry.sol/TrustedIssuersRegistry.json",
  IdentityRegistryStorage: "contracts/registry/implementation/IdentityRegistryStorage.sol/IdentityRegistryStorage.json",
  IdentityRegistry: "contracts/registry/implementation/IdentityRegistry.sol/IdentityRegistry.json",
  ModularCompliance: "contracts/compliance/modular/ModularCompliance.sol/ModularCompliance.json",
  Token: "contracts/token/Token.sol/Token.json",
  TREXImplementationAuthority:
    "contracts/proxy/authority/TREXImplementationAuthority.sol/TREXImplementationAuthority.json",
  TREXFactory: "contracts/factory/TREXFactory.sol/TREXFactory.json",
  ClaimTopicsRegistryProxy: "contracts/proxy/ClaimTopicsRegistryProxy.sol/ClaimTopicsRegistryProxy.json",
  TrustedIssuersRegistryProxy: "contracts/proxy/TrustedIssuersRegistryProxy.sol/TrustedIssuersRegistryProxy.json",
  IdentityRegistryStorageProxy: "contracts/proxy/IdentityRegistryStorageProxy.sol/IdentityRegistryStorageProxy.json",
  IdentityRegistryProxy: "contracts/proxy/IdentityRegistryProxy.sol/IdentityRegistryProxy.json",
  ModularComplianceProxy: "contracts/proxy/ModularComplianceProxy.sol/ModularComplianceProxy.json",
  TokenProxy: "contracts/proxy/TokenProxy.sol/TokenProxy.json",
  ModuleProxy: "contracts/compliance/modular/modules/ModuleProxy.sol/ModuleProxy.json",
  MaxBalanceModule: "contracts/compliance/modular/modules/MaxBalanceModule.sol/MaxBalanceModule.json",
  CountryRestrictModule: "contracts/compliance/modular/modules/CountryRestrictModule.sol/CountryRestrictModule.json",
  SupplyLimitModule: "contracts/compliance/modular/modules/SupplyLimitModule.sol/SupplyLimitModule.json",
  /** T-REX's build of ONCHAINID's ClaimIssuer, the one its fixture deploys (see the header). */
  ClaimIssuer: "@onchain-id/solidity/contracts/ClaimIssuer.sol/ClaimIssuer.json",
} as const;

const ONCHAINID_ARTIFACTS = {
  Identity: "contracts/Identity.sol/Identity.json",
  IdentityProxy: "contracts/proxy/IdentityProxy.sol/IdentityProxy.json",
  ImplementationAuthority: "contracts/proxy/ImplementationAuthority.sol/ImplementationAuthority.json",
  IdFactory: "contracts/factory/IdFactory.sol/IdFactory.json",
} as const;

type TrexArtifactName = keyof typeof TREX_ARTIFACTS;
type OnchainIdArtifactName = keyof typeof ONCHAINID_ARTIFACTS;
type ArtifactName = TrexArtifactName | OnchainIdArtifactName;

/** The two fields of a Hardhat artifact JSON this module uses. */
interface Artifact {
  abi: InterfaceAbi;
  bytecode: string;
}

const requireFromHere = createRequire(import.meta.url);
const artifactCache = new Map<ArtifactName, Artifact>();

function artifactPath(name: ArtifactName): string {
  if (name in TREX_ARTIFACTS) {
    const root = path.dirname(requireFromHere.resolve("@tokenysolutions/t-rex/package.json"));
    return path.join(root, "artifacts", TREX_ARTIFACTS[name as TrexArtifactName]);
  }
  const root = path.dirname(requireFromHere.resolve("@onchain-id/solidity/package.json"));
  return path.join(root, "artifacts", ONCHAINID_ARTIFACTS[name as OnchainIdArtifactName]);
}

/** Reads and checks one published artifact (ABI + creation bytecode, no unlinked libraries). */
export function loadTrexArtifact(name: ArtifactName): Artifact {
  const cached = artifactCache.get(name);
  if (cached !== undefined) return cached;
  const file = artifactPath(name);
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (typeof parsed !== "object" || parsed === null || !("abi" in parsed) || !("bytecode" in parsed)) {
    throw new Error(`T-REX peer: ${file} is not a Hardhat artifact`);
  }
  const { abi, bytecode } = parsed;
  if (!Array.isArray(abi) || typeof bytecode !== "string" || !/^0x[0-9a-fA-F]+$/.test(bytecode)) {
    throw new Error(`T-REX peer: ${file} has no deployable bytecode (abstract contract or unlinked library?)`);
  }
  const artifact: Artifact = { abi: abi as InterfaceAbi, bytecode };
  artifactCache.set(name, artifact);
  return artifact;
}

// ===== TYPES =====

/** Options of {@link deployTrex}. */
export interface TrexDeployOptions {
  /** `true`: MaxBalance + CountryRestrict + SupplyLimit modules (column `trex`); `false`: none (`trex_bare`). */
  modules: boolean;
  /** Verified investors holding tokens; at least {@link MIN_INVESTORS} (a batch of 10 goes to 10 other holders). */
  investors: number;
  /** Verified wallets with a zero balance, one per `transferToNewHolder` call. Default 3. */
  newHolders?: number;
  /** Token decimals. Default 18. */
  decimals?: number;
  /** Amount moved by every operation, in base units. Default 1 token (`10 ** decimals`). */
  amount?: bigint;
  /**
   * `true` (default): every T-REX contract behind its proxy, as deployed in production. `false`: the
   * implementations deployed and initialized directly (the reference's "T-REX bare (no proxies)"); investor
   * identities stay IdentityProxies either way.
   */
  proxies?: boolean;
}

/** A wallet registered in the identity registry with an ONCHAINID carrying a valid KYC claim. */
export interface TrexInvestor {
  signer: Signer;
  address: string;
  /** The investor's IdentityProxy, with the `Identity` ABI. */
  identity: Contract;
  country: number;
}

/** The three compliance modules of the `modules: true` variant, each a ModuleProxy with its module's ABI. */
export interface TrexModules {
  maxBalance: Contract;
  countryRestrict: Contract;
  supplyLimit: Contract;
}

/** A deployed T-REX suite with its actors; the argument of every {@link trexOperations} entry. */
export interface TrexPeer {
  /** Benchmark column name. */
  variant: TrexVariant;
  /** TokenProxy with the `Token` ABI. */
  token: Contract;
  /** IdentityRegistryProxy with the `IdentityRegistry` ABI. */
  identityRegistry: Contract;
  identityRegistryStorage: Contract;
  claimTopicsRegistry: Contract;
  trustedIssuersRegistry: Contract;
  /** ModularComplianceProxy with the `ModularCompliance` ABI. */
  compliance: Contract;
  /** Present only in the `modules: true` variant. */
  modules: TrexModules | undefined;
  claimIssuer: Contract;
  /** The TREXImplementationAuthority behind every proxy; `undefined` when deployed without proxies. */
  implementationAuthority: Contract | undefined;
  /** Owner of every T-REX contract (and of the compliance, so it configures the modules). */
  deployer: Signer;
  /** Token and identity-registry agent: mint, burn, forced transfer, freeze. */
  agent: Signer;
  /** An unregistered wallet that spends an allowance in `transferFrom`. */
  spender: Signer;
  /** Verified holders, each minted {@link TrexPeer.initialBalance}. */
  investors: TrexInvestor[];
  /** Verified wallets with a zero balance, consumed one per `transferToNewHolder`. */
  newHolders: TrexInvestor[];
  /** Amount moved by every operation. */
  amount: bigint;
  initialBalance: bigint;
  /** Pool cursors (internal; each call takes the next entry so it measures the same state change). */
  cursors: { newHolder: number; freezeTarget: number };
}

/** `trex`: 3 modules; `trex_bare`: no module; `_noproxy`: implementations deployed without T-REX proxies. */
export type TrexVariant = "trex" | "trex_bare" | "trex_noproxy" | "trex_bare_noproxy";

/** The operations measured by the benchmark; each returns the receipt `gasUsed` of the measured transaction. */
export type TrexOperation =
  | "transferToExistingHolder"
  | "transferToNewHolder"
  | "transferFrom"
  | "mint"
  | "burn"
  | "forcedTransfer"
  | "freezeAddress"
  | "batchTransfer10";

// ===== CONSTANTS =====

/** One sender and ten distinct receivers for `batchTransfer10`. */
export const MIN_INVESTORS = 11;
/** The version registered in the TREXImplementationAuthority, as in T-REX's fixture. */
const TREX_VERSION = { major: 4, minor: 0, patch: 0 };
/** The one required claim topic (KYC). */
const KYC_TOPIC = BigInt(id("stokit.bench.trex.KYC"));
/** ECDSA claim scheme of ERC-735. */
const CLAIM_SCHEME_ECDSA = 1n;
/** ERC-734 key purposes and type. */
const KEY_PURPOSE_CLAIM = 3n;
const KEY_TYPE_ECDSA = 1n;
/** ISO 3166-1 numeric: investors in France; Democratic People's Republic of Korea is restricted. */
const INVESTOR_COUNTRY = 250;
const RESTRICTED_COUNTRY = 408;
/**
 * Public data of every KYC claim. Kept under 32 bytes (one storage slot, like the 23-byte data of T-REX's fixture):
 * `isVerified` reads it back from storage on every verification: a 50-byte text measured 4,537 gas more per
 * verification.
 */
const KYC_CLAIM_DATA = "stokit bench: KYC passed";
/** Module limits, far above anything the benchmark holds or mints (10^18 tokens of 18 decimals and more). */
const MAX_BALANCE = 10n ** 36n;
const SUPPLY_LIMIT = 10n ** 40n;
/** Fixed key of the claim issuer's signing key (purpose 3), so claims and gas are the same on every run. */
const CLAIM_SIGNER_KEY = id("stokit.bench.trex.claim-signer");
/** ETH given to a derived wallet (when more wallets are needed than the chain's funded accounts). */
const DERIVED_WALLET_FUNDING = parseEther("100");

// ===== DEPLOYMENT =====

/**
 * Deploys T-REX 4.1.6 from its npm artifacts, registers and verifies `investors` + `newHolders` wallets, mints
 * `1_000_000 * amount` to each investor and unpauses the token.
 *
 * Accounts: signer 0 deploys and owns everything, signer 1 is the agent, signer 2 manages the ClaimIssuer, signer
 * 3 is the `transferFrom` spender; investors and new holders follow, then deterministic derived wallets (funded
 * by signer 0) if the chain has too few accounts.
 */
export async function deployTrex(ethers: HardhatEthers, options: TrexDeployOptions): Promise<TrexPeer> {
  const investorCount = options.investors;
  const newHolderCount = options.newHolders ?? 3;
  const decimals = options.decimals ?? 18;
  const useProxies = options.proxies ?? true;
  const amount = options.amount ?? 10n ** BigInt(decimals);
  if (!Number.isInteger(investorCount) || investorCount < MIN_INVESTORS) {
    throw new Error(`T-REX peer: investors must be an integer >= ${MIN_INVESTORS}, got ${investorCount}`);
  }
  if (!Number.isInteger(newHolderCount) || newHolderCount < 0) {
    throw new Error(`T-REX peer: newHolders must be a non-negative integer, got ${newHolderCount}`);
  }
  if (amount <= 0n) throw new Error("T-REX peer: amount must be positive");
  const initialBalance = amount * 1_000_000n;

  const wallets = await walletsFor(ethers, 4 + investorCount + newHolderCount);
  const [deployer, agent, claimIssuerManager, spender] = wallets;
  const deployerAddress = await deployer.getAddress();
  const agentAddress = await agent.getAddress();

  // 1-2. With proxies: the implementations, registered in a TREXImplementationAuthority as version 4.0.0.
  const trexAuthority = useProxies ? await deployTrexAuthority(deployer) : undefined;

  // 3. ONCHAINID: identity implementation + authority, the IdFactory, and the TREXFactory linked to it.
  const identityImpl = await deploy("Identity", deployer, deployerAddress, true);
  const identityAuthority = await deploy("ImplementationAuthority", deployer, await identityImpl.getAddress());
  const idFactory = await deploy("IdFactory", deployer, await identityAuthority.getAddress());
  if (trexAuthority !== undefined) {
    const trexFactory = await deploy(
      "TREXFactory",
      deployer,
      await trexAuthority.getAddress(),
      await idFactory.getAddress(),
    );
    await send(idFactory, deployer, "addTokenFactory", await trexFactory.getAddress());
  }

  // 4. The suite (behind T-REX proxies, or initialized implementations); the token gets its own ONCHAINID,
  // managed by the deployer (the issuer).
  const part = (implementation: TrexArtifactName, proxyName: TrexArtifactName, ...initArgs: unknown[]) =>
    suiteContract(trexAuthority, implementation, proxyName, deployer, initArgs);
  const claimTopicsRegistry = await part("ClaimTopicsRegistry", "ClaimTopicsRegistryProxy");
  const trustedIssuersRegistry = await part("TrustedIssuersRegistry", "TrustedIssuersRegistryProxy");
  const identityRegistryStorage = await part("IdentityRegistryStorage", "IdentityRegistryStorageProxy");
  const identityRegistry = await part(
    "IdentityRegistry",
    "IdentityRegistryProxy",
    await trustedIssuersRegistry.getAddress(),
    await claimTopicsRegistry.getAddress(),
    await identityRegistryStorage.getAddress(),
  );
  const compliance = await part("ModularCompliance", "ModularComplianceProxy");
  const identityAuthorityAddress = await identityAuthority.getAddress();
  const tokenIdentity = await deployIdentity(identityAuthorityAddress, deployerAddress, deployer);
  const token = await part(
    "Token",
    "TokenProxy",
    await identityRegistry.getAddress(),
    await compliance.getAddress(),
    "Stokit Bench T-REX",
    "BTREX",
    decimals,
    await tokenIdentity.getAddress(),
  );
  await send(identityRegistryStorage, deployer, "bindIdentityRegistry", await identityRegistry.getAddress());
  await send(token, deployer, "addAgent", agentAddress);
  await send(identityRegistry, deployer, "addAgent", agentAddress);

  // 5. One claim topic, one trusted ClaimIssuer whose signing key has purpose 3 (claim).
  const claimSigner = new Wallet(CLAIM_SIGNER_KEY);
  await send(claimTopicsRegistry, deployer, "addClaimTopic", KYC_TOPIC);
  const claimIssuer = await deploy("ClaimIssuer", claimIssuerManager, await claimIssuerManager.getAddress());
  await send(
    claimIssuer,
    claimIssuerManager,
    "addKey",
    addressKey(claimSigner.address),
    KEY_PURPOSE_CLAIM,
    KEY_TYPE_ECDSA,
  );
  await send(trustedIssuersRegistry, deployer, "addTrustedIssuer", await claimIssuer.getAddress(), [KYC_TOPIC]);

  // 7 (before 6 and 8). Modules are added while the total supply is 0 (MaxBalanceModule requires it).
  const modules = options.modules ? await addModules(compliance, deployer) : undefined;

  // 6. Investors and new holders: an IdentityProxy managed by the wallet, a signed KYC claim, registration.
  const issuerAddress = await claimIssuer.getAddress();
  const verified: TrexInvestor[] = [];
  for (const wallet of wallets.slice(4)) {
    const address = await wallet.getAddress();
    const identity = await deployIdentity(identityAuthorityAddress, address, deployer);
    const identityAddress = await identity.getAddress();
    const data = toUtf8Bytes(KYC_CLAIM_DATA);
    const digest = keccak256(
      AbiCoder.defaultAbiCoder().encode(["address", "uint256", "bytes"], [identityAddress, KYC_TOPIC, data]),
    );
    const signature = await claimSigner.signMessage(getBytes(digest));
    await send(identity, wallet, "addClaim", KYC_TOPIC, CLAIM_SCHEME_ECDSA, issuerAddress, signature, data, "");
    await send(identityRegistry, agent, "registerIdentity", address, identityAddress, INVESTOR_COUNTRY);
    verified.push({ signer: wallet, address, identity, country: INVESTOR_COUNTRY });
  }
  const investors = verified.slice(0, investorCount);
  const newHolders = verified.slice(investorCount);
  for (const investor of verified) {
    const isVerified: unknown = await identityRegistry.getFunction("isVerified").staticCall(investor.address);
    if (isVerified !== true) throw new Error(`T-REX peer: ${investor.address} is not verified`);
  }

  // 8. Mint to the investors, then unpause (T-REX tokens start paused).
  for (const investor of investors) await send(token, agent, "mint", investor.address, initialBalance);
  await send(token, agent, "unpause");

  return {
    variant: `${options.modules ? "trex" : "trex_bare"}${useProxies ? "" : "_noproxy"}`,
    token,
    identityRegistry,
    identityRegistryStorage,
    claimTopicsRegistry,
    trustedIssuersRegistry,
    compliance,
    modules,
    claimIssuer,
    implementationAuthority: trexAuthority,
    deployer,
    agent,
    spender,
    investors,
    newHolders,
    amount,
    initialBalance,
    cursors: { newHolder: 0, freezeTarget: 0 },
  };
}

/** The six T-REX implementations, registered and used as version 4.0.0 in a new TREXImplementationAuthority. */
async function deployTrexAuthority(owner: Signer): Promise<Contract> {
  const implementations = {
    ctrImplementation: await deploy("ClaimTopicsRegistry", owner),
    tirImplementation: await deploy("TrustedIssuersRegistry", owner),
    irsImplementation: await deploy("IdentityRegistryStorage", owner),
    irImplementation: await deploy("IdentityRegistry", owner),
    mcImplementation: await deploy("ModularCompliance", owner),
    tokenImplementation: await deploy("Token", owner),
  };
  const addresses: Record<string, string> = {};
  for (const [field, contract] of Object.entries(implementations)) addresses[field] = await contract.getAddress();
  const authority = await deploy("TREXImplementationAuthority", owner, true, ZERO, ZERO);
  await send(authority, owner, "addAndUseTREXVersion", TREX_VERSION, addresses);
  return authority;
}

/**
 * One suite contract with its implementation's ABI: a T-REX proxy (whose constructor calls `init(...initArgs)`
 * through the authority's current implementation) when `authority` is given, else the implementation itself,
 * deployed and initialized directly.
 */
async function suiteContract(
  authority: Contract | undefined,
  implementation: TrexArtifactName,
  proxyName: TrexArtifactName,
  owner: Signer,
  initArgs: unknown[],
): Promise<Contract> {
  if (authority !== undefined) {
    return proxy(proxyName, implementation, owner, await authority.getAddress(), ...initArgs);
  }
  const contract = await deploy(implementation, owner);
  await send(contract, owner, "init", ...initArgs);
  return contract;
}

/**
 * MaxBalance, CountryRestrict and SupplyLimit, each behind a ModuleProxy initialized in its constructor, added to
 * the compliance and configured through `callModuleFunction` (the module setters accept only compliance calls).
 * Limits are far above anything the benchmark moves; the restricted country is not the investors' country.
 */
async function addModules(compliance: Contract, owner: Signer): Promise<TrexModules> {
  const maxBalance = await moduleProxy("MaxBalanceModule", owner);
  const countryRestrict = await moduleProxy("CountryRestrictModule", owner);
  const supplyLimit = await moduleProxy("SupplyLimitModule", owner);
  const configure: [Contract, string, unknown[]][] = [
    [maxBalance, "setMaxBalance", [MAX_BALANCE]],
    [countryRestrict, "addCountryRestriction", [RESTRICTED_COUNTRY]],
    [supplyLimit, "setSupplyLimit", [SUPPLY_LIMIT]],
  ];
  for (const [module, method, args] of configure) {
    const moduleAddress = await module.getAddress();
    await send(compliance, owner, "addModule", moduleAddress);
    const callData = module.interface.encodeFunctionData(method, args);
    await send(compliance, owner, "callModuleFunction", callData, moduleAddress);
  }
  const complianceAddress = await compliance.getAddress();
  const bound: unknown = await compliance.getFunction("getModules").staticCall();
  const restricted: unknown = await countryRestrict
    .getFunction("isCountryRestricted")
    .staticCall(complianceAddress, RESTRICTED_COUNTRY);
  const supply: unknown = await supplyLimit.getFunction("getSupplyLimit").staticCall(complianceAddress);
  if (!Array.isArray(bound) || bound.length !== 3 || restricted !== true || supply !== SUPPLY_LIMIT) {
    throw new Error("T-REX peer: compliance modules not bound or not configured");
  }
  return { maxBalance, countryRestrict, supplyLimit };
}

// ===== OPERATIONS =====

/** Each benchmark operation on a {@link TrexPeer}; each returns the measured transaction's `gasUsed`. */
export const trexOperations: Record<TrexOperation, (peer: TrexPeer) => Promise<bigint>> = {
  /** investor 0 -> investor 1 (both balances non-zero before and after). */
  transferToExistingHolder: async (peer) =>
    gasOf(await send(peer.token, peer.investors[0].signer, "transfer", peer.investors[1].address, peer.amount)),

  /** investor 0 -> the next verified zero-balance wallet. */
  transferToNewHolder: async (peer) => {
    const receiver = peer.newHolders[peer.cursors.newHolder];
    if (receiver === undefined) {
      throw new Error(`T-REX peer: no new holder left (deployed ${peer.newHolders.length}; raise newHolders)`);
    }
    peer.cursors.newHolder += 1;
    return gasOf(await send(peer.token, peer.investors[0].signer, "transfer", receiver.address, peer.amount));
  },

  /** investor 2 approves the spender for 2x amount (not measured); the spender moves amount to investor 3. */
  transferFrom: async (peer) => {
    const owner = peer.investors[2];
    const spender = await peer.spender.getAddress();
    await send(peer.token, owner.signer, "approve", spender, peer.amount * 2n);
    return gasOf(
      await send(peer.token, peer.spender, "transferFrom", owner.address, peer.investors[3].address, peer.amount),
    );
  },

  /** agent mints to investor 0. */
  mint: async (peer) => gasOf(await send(peer.token, peer.agent, "mint", peer.investors[0].address, peer.amount)),

  /** agent burns part of investor 1's balance. */
  burn: async (peer) => gasOf(await send(peer.token, peer.agent, "burn", peer.investors[1].address, peer.amount)),

  /** agent moves amount from investor 2 to investor 3. */
  forcedTransfer: async (peer) =>
    gasOf(
      await send(
        peer.token,
        peer.agent,
        "forcedTransfer",
        peer.investors[2].address,
        peer.investors[3].address,
        peer.amount,
      ),
    ),

  /** agent freezes the next address of a fixed pool (not frozen before), so every call is a false -> true write. */
  freezeAddress: async (peer) => {
    const target = freezeTarget(peer.cursors.freezeTarget);
    peer.cursors.freezeTarget += 1;
    return gasOf(await send(peer.token, peer.agent, "setAddressFrozen", target, true));
  },

  /** investor 0 sends amount to each of investors 1..10 in one `batchTransfer`. */
  batchTransfer10: async (peer) => {
    const receivers = peer.investors.slice(1, 11).map((investor) => investor.address);
    const amounts = receivers.map(() => peer.amount);
    return gasOf(await send(peer.token, peer.investors[0].signer, "batchTransfer", receivers, amounts));
  },
};

/** The operation names in benchmark order. */
export const TREX_OPERATIONS = Object.keys(trexOperations) as TrexOperation[];

// ===== HELPERS =====

const ZERO = "0x0000000000000000000000000000000000000000";

async function deploy(name: ArtifactName, signer: Signer, ...args: unknown[]): Promise<Contract> {
  const { abi, bytecode } = loadTrexArtifact(name);
  const deployed = await new ContractFactory(abi, bytecode, signer).deploy(...args);
  await deployed.waitForDeployment();
  return new Contract(await deployed.getAddress(), abi, signer);
}

/** Deploys a T-REX proxy and returns it with its implementation's ABI. */
async function proxy(
  proxyName: TrexArtifactName,
  implementationName: TrexArtifactName,
  signer: Signer,
  ...args: unknown[]
): Promise<Contract> {
  const deployed = await deploy(proxyName, signer, ...args);
  return new Contract(await deployed.getAddress(), loadTrexArtifact(implementationName).abi, signer);
}

/** A compliance module behind a ModuleProxy whose constructor calls `initialize()`. */
async function moduleProxy(name: TrexArtifactName, signer: Signer): Promise<Contract> {
  const moduleImpl = await deploy(name, signer);
  const init = moduleImpl.interface.encodeFunctionData("initialize");
  const deployed = await deploy("ModuleProxy", signer, await moduleImpl.getAddress(), init);
  return new Contract(await deployed.getAddress(), loadTrexArtifact(name).abi, signer);
}

/** An ONCHAINID IdentityProxy with `managementKey` as its management key, with the `Identity` ABI. */
async function deployIdentity(authority: string, managementKey: string, signer: Signer): Promise<Contract> {
  const deployed = await deploy("IdentityProxy", signer, authority, managementKey);
  return new Contract(await deployed.getAddress(), loadTrexArtifact("Identity").abi, signer);
}

/** Sends `method(...args)` from `signer`, waits for the receipt and fails on a revert. */
async function send(
  contract: Contract,
  signer: Signer,
  method: string,
  ...args: unknown[]
): Promise<TransactionReceipt> {
  const fn = contract.connect(signer).getFunction(method);
  const response = await fn.send(...args);
  const receipt = await response.wait();
  if (receipt === null || receipt.status !== 1) throw new Error(`T-REX peer: ${method} failed`);
  return receipt;
}

function gasOf(receipt: TransactionReceipt): bigint {
  return receipt.gasUsed;
}

/** ERC-734 key of an address: keccak256(abi.encode(address)). */
function addressKey(address: string): string {
  return keccak256(AbiCoder.defaultAbiCoder().encode(["address"], [address]));
}

/** The i-th address of the freeze pool: the low 20 bytes of a fixed hash. */
function freezeTarget(index: number): string {
  return getAddress(`0x${id(`stokit.bench.trex.freeze.${index}`).slice(26)}`);
}

/**
 * `count` signers: the chain's funded accounts first, then wallets with fixed derived keys, funded by signer 0.
 */
async function walletsFor(ethers: HardhatEthers, count: number): Promise<Signer[]> {
  const accounts: Signer[] = (await ethers.getSigners()).slice(0, count);
  if (accounts.length < 1) throw new Error("T-REX peer: the network has no funded accounts");
  const funder = accounts[0];
  for (let index = accounts.length; index < count; index++) {
    const wallet = new Wallet(id(`stokit.bench.trex.wallet.${index}`), ethers.provider);
    const response = await funder.sendTransaction({ to: wallet.address, value: DERIVED_WALLET_FUNDING });
    await response.wait();
    accounts.push(wallet);
  }
  return accounts;
}
