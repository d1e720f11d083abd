/**
 * `npm run bench` (through scripts/bench.mjs): the gas benchmark of issue 11. In ONE in-process chain of the
 * `default` network it deploys our suite, the T-REX 4.1.6 peer (`trex`: 3 modules, `trex_bare`: none) and a plain
 * OpenZeppelin ERC-20, measures receipt `gasUsed` of every operation, prints the side-by-side table and, when asked
 * through the environment, writes the figures:
 * - `BENCH_JSON=<file>`: the figures in the shape of issue 11 (`bench/gas.json`);
 * - `BENCH_MD=<file>`: the markdown report (`bench/gas.md`).
 * Gas is measured, never timed; the chain time is pinned (see `T0`) so every calldata value is a constant and the
 * figures are identical on every run.
 */
import { writeFileSync } from "node:fs";

import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionResponse, Signer } from "ethers";
import { Wallet, getAddress, id } from "ethers";
import hre, { network } from "hardhat";

import { creationCode, splitInitcode } from "../ignition/modules/Factory.js";
import { deployTrex, trexOperations, type TrexPeer } from "./peers/trex.js";
import {
  type BenchResult,
  HOLDER_COUNTS,
  type OperationFigures,
  type ScalingFigures,
  headline,
  markdownReport,
  markdownTables,
} from "./report.js";

// ===== CONSTANTS =====

const UNIT = 10n ** 18n;
const KOREA = 410;
const USA = 840;
const ACCREDITED = 1;
const ADMIN_DELAY = 86_400n;
/** Rule bits of the SecurityToken (README.md, "Security token"). */
const RULE = { maxInvestors: 1, maxBalance: 2, countryAllowlist: 4, lockup: 16 } as const;
/** The chain time the benchmark starts at (2033-05-18); every timestamp below is a constant offset from it. */
const T0 = 2_000_000_000;
/** KYC expiry of every investor, far after anything the benchmark does. */
const KYC_EXPIRY = 4_000_000_000n;
/** Holders of the distribution tokens, registered per batch through a Multicall3Compatible (KYC agent). */
const REGISTRATION_BATCH = Number(process.env.BENCH_REGISTRATION_BATCH ?? 200);
const MINT_BATCH = Number(process.env.BENCH_MINT_BATCH ?? 500);

// ===== HELPERS =====

async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await tx).wait();
  if (receipt === null || receipt.status !== 1) throw new Error("bench: transaction failed");
  return Number(receipt.gasUsed);
}

async function done(tx: Promise<ContractTransactionResponse>): Promise<void> {
  await gasOf(tx);
}

const investorId = (ref: string) => id(`stokit-bench-investor:${ref}`);
/** A fixed address derived from a label (receives tokens only; never signs). */
const fixedAddress = (label: string) => getAddress(`0x${id(`stokit.bench.${label}`).slice(26)}`);

function log(message: string): void {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** A wallet with a fixed key, funded by `funder`, for actors beyond the chain's 20 funded accounts. */
async function fundedWallet(ethers: HardhatEthers, funder: Signer, label: string): Promise<Wallet> {
  const wallet = new Wallet(id(`stokit.bench.wallet.${label}`), ethers.provider);
  await (await funder.sendTransaction({ to: wallet.address, value: 10n ** 20n })).wait();
  return wallet;
}

// ===== STOKIT TOKEN, T-REX AND OZ: THE TOKEN OPERATIONS =====

type TokenOperation =
  | "transfer_existing_holder"
  | "transfer_new_holder"
  | "transfer_from"
  | "mint"
  | "burn"
  | "forced_transfer"
  | "freeze_address"
  | "batch_transfer_10";

const TREX_OPERATION: Record<TokenOperation, keyof typeof trexOperations> = {
  transfer_existing_holder: "transferToExistingHolder",
  transfer_new_holder: "transferToNewHolder",
  transfer_from: "transferFrom",
  mint: "mint",
  burn: "burn",
  forced_transfer: "forcedTransfer",
  freeze_address: "freezeAddress",
  batch_transfer_10: "batchTransfer10",
};

async function measureTrex(peer: TrexPeer): Promise<Record<TokenOperation, number>> {
  const out = {} as Record<TokenOperation, number>;
  for (const [name, op] of Object.entries(TREX_OPERATION) as [TokenOperation, keyof typeof trexOperations][]) {
    out[name] = Number(await trexOperations[op](peer));
  }
  return out;
}

/**
 * Our registry and SecurityToken with max investors, max balance, a country allowlist and a lock-up (ended), and
 * the plain ERC-20 with the same holders; measures every token operation on both.
 */
async function measureTokens(ethers: HardhatEthers, networkHelpers: NetworkHelpers) {
  const [admin, agent, kycAgent, officer, , alice, bob, carol, dave, spender] = await ethers.getSigners();
  const registry = await ethers.deployContract("IdentityRegistry", [ADMIN_DELAY, admin.address]);
  const token = await ethers.deployContract("SecurityToken", [
    "Stokit Bench Revenue Right",
    "SBR",
    await registry.getAddress(),
    ADMIN_DELAY,
    admin.address,
  ]);
  await done(registry.grantRole(await registry.KYC_AGENT_ROLE(), kycAgent.address));
  await done(registry.setTokenBinding(await token.getAddress(), true));
  await done(token.grantRole(await token.AGENT_ROLE(), agent.address));
  await done(token.grantRole(await token.COMPLIANCE_ROLE(), officer.address));
  await done(token.grantRole(await token.LOCKUP_ROLE(), officer.address));

  const kyc = registry.connect(kycAgent);
  const batch = Array.from({ length: 10 }, (_, i) => fixedAddress(`token.holder.${i}`));
  const parties: [string, string, number][] = [
    ["alice", alice.address, KOREA],
    ["bob", bob.address, USA],
    ["carol", carol.address, KOREA],
    ["dave", dave.address, USA],
    ["spender", spender.address, KOREA],
    ...batch.map((address, i): [string, string, number] => [`holder${i}`, address, KOREA]),
  ];
  for (const [ref, wallet, country] of parties) {
    await done(kyc.registerInvestor(investorId(ref), country, KYC_EXPIRY, ACCREDITED, wallet));
  }
  const rules = RULE.maxInvestors | RULE.maxBalance | RULE.countryAllowlist | RULE.lockup;
  await done(token.connect(officer).setRules(rules, 0, 1000, 10n ** 27n));
  await done(token.connect(officer).setCountries([KOREA, USA], true, true));
  await done(token.connect(officer).setLockup(alice.address, BigInt(T0 + 100)));
  const minted = [alice.address, bob.address, carol.address, ...batch];
  for (const holder of minted) await done(token.connect(agent).mint(holder, 1_000_000n * UNIT));

  const plain = await ethers.deployContract("TokenPlainERC20");
  for (const holder of minted) await done(plain.mint(holder, 1_000_000n * UNIT));
  // the lock-up has ended: the rule is evaluated and passes
  await networkHelpers.time.increaseTo(T0 + 1000);

  const stokit = {} as Record<TokenOperation, number>;
  const t = token;
  stokit.transfer_existing_holder = await gasOf(t.connect(alice).transfer(bob.address, UNIT));
  stokit.transfer_new_holder = await gasOf(t.connect(alice).transfer(dave.address, UNIT));
  await done(t.connect(bob).approve(spender.address, 2n * UNIT));
  stokit.transfer_from = await gasOf(t.connect(spender).transferFrom(bob.address, carol.address, UNIT));
  stokit.mint = await gasOf(t.connect(agent).mint(alice.address, UNIT));
  stokit.burn = await gasOf(t.connect(agent).burn(bob.address, UNIT));
  stokit.forced_transfer = await gasOf(t.connect(agent).forcedTransfer(carol.address, bob.address, UNIT));
  stokit.freeze_address = await gasOf(t.connect(agent).setAddressFrozen(carol.address, true));
  const freezeFreshAddress = await gasOf(t.connect(agent).setAddressFrozen(fixedAddress("token.freeze.fresh"), true));
  stokit.batch_transfer_10 = await gasOf(
    t.connect(alice).batchTransfer(
      batch,
      batch.map(() => UNIT),
    ),
  );

  const oz = {} as Record<TokenOperation, number | null>;
  oz.transfer_existing_holder = await gasOf(plain.connect(alice).transfer(bob.address, UNIT));
  oz.transfer_new_holder = await gasOf(plain.connect(alice).transfer(dave.address, UNIT));
  await done(plain.connect(bob).approve(spender.address, 2n * UNIT));
  oz.transfer_from = await gasOf(plain.connect(spender).transferFrom(bob.address, carol.address, UNIT));
  oz.mint = await gasOf(plain.mint(alice.address, UNIT));
  oz.burn = await gasOf(plain.burn(bob.address, UNIT));
  oz.forced_transfer = null;
  oz.freeze_address = null;
  oz.batch_transfer_10 = await gasOf(
    plain.connect(alice).batchTransfer(
      batch,
      batch.map(() => UNIT),
    ),
  );
  return { stokit, oz, token, registry, freezeFreshAddress };
}

// ===== OFFERING =====

/** Our Offering selling the real SecurityToken (granted AGENT_ROLE + LOCKUP_ROLE); two investors of 1,000 USDC. */
async function measureOffering(
  ethers: HardhatEthers,
  networkHelpers: NetworkHelpers,
  suite: Awaited<ReturnType<typeof measureTokens>>,
) {
  const signers = await ethers.getSigners();
  const [admin, , kycAgent, , issuer] = signers;
  const [investorA, investorB] = [signers[10], signers[11]];
  const { token, registry } = suite;
  const usdc = await ethers.deployContract("OfferingMockStablecoin", ["USD Coin", "USDC", 6]);
  const usd = 10n ** 6n;
  const terms = {
    token: await token.getAddress(),
    paymentToken: await usdc.getAddress(),
    price: 2n * usd,
    minSubscription: 10n * usd,
    maxSubscription: 20_000n * usd,
    softCap: 100n * UNIT,
    hardCap: 10_000n * UNIT,
    startTime: BigInt(T0 + 200_000),
    endTime: BigInt(T0 + 300_000),
    lockupEnd: BigInt(T0 + 10_000_000),
    treasury: fixedAddress("offering.treasury"),
    oracle: ethers.ZeroAddress,
    oracleAsset: ethers.ZeroAddress,
  };
  const offering = await ethers.deployContract("Offering", [
    terms,
    admin.address,
    ADMIN_DELAY,
    issuer.address,
    issuer.address,
  ]);
  const offeringAddress = await offering.getAddress();
  await done(token.grantRole(await token.AGENT_ROLE(), offeringAddress));
  await done(token.grantRole(await token.LOCKUP_ROLE(), offeringAddress));
  for (const [i, investor] of [investorA, investorB].entries()) {
    await done(
      registry.connect(kycAgent).registerInvestor(investorId(`offering${i}`), KOREA, KYC_EXPIRY, 1, investor.address),
    );
    await done(usdc.mint(investor.address, 5_000n * usd));
    await done(usdc.connect(investor).approve(offeringAddress, 5_000n * usd));
  }
  await networkHelpers.time.increaseTo(terms.startTime);
  await done(offering.connect(investorA).subscribe(1_000n * usd));
  const subscribe = await gasOf(offering.connect(investorB).subscribe(1_000n * usd));
  await networkHelpers.time.increaseTo(terms.endTime);
  await done(offering.connect(issuer).finalise());
  await done(offering.connect(investorA).claim());
  const claim = await gasOf(offering.connect(investorB).claim());
  if ((await token.balanceOf(investorB.address)) !== 500n * UNIT) throw new Error("bench: offering claim amount");
  return { subscribe, claim };
}

// ===== FACTORIES =====

/**
 * The factories as the Suite module deploys them (creation code in two data contracts each), on the token bench's
 * registry (one token already bound): listing an IP (create + bind + five role grants) and opening its offering
 * (create + AGENT_ROLE + LOCKUP_ROLE grants).
 */
async function measureFactories(ethers: HardhatEthers, suite: Awaited<ReturnType<typeof measureTokens>>) {
  const [admin, agent, , officer, , , , , , , , , issuer] = await ethers.getSigners();
  const { registry } = suite;
  const distributor = await ethers.deployContract("DividendDistributor", [admin.address, ADMIN_DELAY]);
  const chunksOf = async (product: "token" | "offering") => {
    const chunks: string[] = [];
    for (const data of splitInitcode(creationCode(product))) {
      chunks.push(await (await ethers.deployContract("InitcodeChunk", [data])).getAddress());
    }
    return { chunks, hash: ethers.keccak256(creationCode(product)) };
  };
  const offeringCode = await chunksOf("offering");
  const offeringFactory = await ethers.deployContract("OfferingFactory", [
    admin.address,
    ADMIN_DELAY,
    offeringCode.chunks,
    offeringCode.hash,
  ]);
  const tokenCode = await chunksOf("token");
  const tokenFactory = await ethers.deployContract("TokenFactory", [
    admin.address,
    ADMIN_DELAY,
    await registry.getAddress(),
    await distributor.getAddress(),
    await offeringFactory.getAddress(),
    tokenCode.chunks,
    tokenCode.hash,
  ]);
  await done(registry.grantRole(id("TOKEN_BINDER_ROLE"), await tokenFactory.getAddress()));
  await done(tokenFactory.grantRole(await tokenFactory.TOKEN_CREATOR_ROLE(), issuer.address));
  await done(offeringFactory.grantRole(await offeringFactory.OFFERING_CREATOR_ROLE(), issuer.address));
  const params = {
    ipId: id("stokit.bench.ip:moonlit"),
    name: "Stokit Bench Moonlit Revenue Right",
    symbol: "SBM",
    uri: "ipfs://stokit-bench-moonlit",
    roles: {
      admin: admin.address,
      adminDelay: ADMIN_DELAY,
      agent: agent.address,
      compliance: officer.address,
      pauser: officer.address,
      lockup: officer.address,
      recordDate: officer.address,
    },
  };
  const tokenAddress = await tokenFactory.predictTokenAddress(params);
  const createToken = await gasOf(tokenFactory.connect(issuer).createToken(params));
  const usdc = await ethers.deployContract("OfferingMockStablecoin", ["USD Coin", "USDC", 6]);
  const usd = 10n ** 6n;
  const offeringParams = {
    terms: {
      token: tokenAddress,
      paymentToken: await usdc.getAddress(),
      price: 2n * usd,
      minSubscription: 10n * usd,
      maxSubscription: 20_000n * usd,
      softCap: 100n * UNIT,
      hardCap: 10_000n * UNIT,
      startTime: BigInt(T0 + 20_000_000),
      endTime: BigInt(T0 + 21_000_000),
      lockupEnd: BigInt(T0 + 30_000_000),
      treasury: fixedAddress("factory.offering.treasury"),
      oracle: ethers.ZeroAddress,
      oracleAsset: ethers.ZeroAddress,
    },
    admin: admin.address,
    adminDelay: ADMIN_DELAY,
    issuer: issuer.address,
    operator: issuer.address,
  };
  const createOffering = await gasOf(offeringFactory.connect(issuer).createOffering(offeringParams));
  return { createToken, createOffering };
}

// ===== POINTS =====

/** Points with an NFT-gated program: grantBatch of 50 existing accounts with dense refIds; a voucher. */
async function measurePoints(ethers: HardhatEthers) {
  const signers = await ethers.getSigners();
  const [admin, , , , issuer] = signers;
  const [holder, relayer] = [signers[12], signers[13]];
  const points = await ethers.deployContract("Points", [admin.address, ADMIN_DELAY]);
  const nft = await ethers.deployContract("PointsMockERC721");
  await done(points.grantRole(await points.PROGRAM_MANAGER_ROLE(), admin.address));
  await done(points.grantRole(await points.ISSUER_ROLE(), issuer.address));
  await done(
    points.createProgram(
      { enabled: true, erc721: await nft.getAddress(), erc1155: ethers.ZeroAddress, erc1155Id: 0n },
      0n,
    ),
  );
  const accounts = Array.from({ length: 50 }, (_, i) => fixedAddress(`points.account.${i}`));
  for (const [i, account] of accounts.entries()) await done(nft.mint(account, 1000n + BigInt(i)));
  await done(nft.mint(holder.address, 1n));
  const batch = (base: bigint) => accounts.map((account, i) => ({ account, amount: 10n, refId: base + BigInt(i) }));
  await done(points.connect(issuer).grantBatch(1n, batch(10_000n))); // the accounts exist from here on
  const grantBatch = await gasOf(points.connect(issuer).grantBatch(1n, batch(20_000n)));

  await done(points.connect(issuer).grant(1n, holder.address, 1n, 20_051n)); // an existing account
  const [, name, version, chainId, verifyingContract] = await points.eip712Domain();
  const { chainId: providerChainId } = await ethers.provider.getNetwork();
  if (chainId !== providerChainId) throw new Error("bench: points domain chain id");
  const voucher = { programId: 1n, account: holder.address, amount: 10n, refId: 20_052n, deadline: BigInt(T0 + 1e8) };
  const signature = await issuer.signTypedData(
    { name, version, chainId, verifyingContract },
    {
      Voucher: [
        { name: "programId", type: "uint256" },
        { name: "account", type: "address" },
        { name: "amount", type: "uint256" },
        { name: "refId", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    voucher,
  );
  const voucherRedeem = await gasOf(points.connect(relayer).redeemVoucher(voucher, signature));
  return { grantBatchPerAccount: Math.floor(grantBatch / accounts.length), voucherRedeem };
}

// ===== ORACLE =====

/** The circuit breaker (no sequencer feed: the BSC-like default chain) and a raw read, both through the probe. */
async function measureOracle(ethers: HardhatEthers) {
  const [admin] = await ethers.getSigners();
  const asset = fixedAddress("oracle.asset");
  const breaker = await ethers.deployContract("OracleCircuitBreaker", [
    ADMIN_DELAY,
    admin.address,
    ethers.ZeroAddress,
    3600,
  ]);
  await done(breaker.grantRole(await breaker.ORACLE_CONFIG_ROLE(), admin.address));
  const e8 = (usd: bigint) => usd * 10n ** 8n;
  const primary = await ethers.deployContract("OracleMockFeed", [8, e8(2000n)]);
  const fallbackFeed = await ethers.deployContract("OracleMockFeed", [8, e8(2000n)]);
  await done(
    breaker.setAssetConfig(asset, {
      primary: await primary.getAddress(),
      fallbackFeed: await fallbackFeed.getAddress(),
      heartbeat: 3600,
      fallbackHeartbeat: 7200,
      minPrice: UNIT,
      maxPrice: 1_000_000n * UNIT,
      maxDeviationBps: 0,
      recoveryRounds: 3,
    }),
  );
  await done(breaker.update(asset));
  const probe = await ethers.deployContract("OracleReadGasProbe");
  const raw = await gasOf(probe.readRaw(await primary.getAddress()));
  const validated = await gasOf(probe.readValidated(await breaker.getAddress(), asset));
  return { raw, validated };
}

// ===== DISTRIBUTIONS =====

/**
 * For each holder count N: a fresh SecurityToken with N investors (one typical holder with a key, N-1 fixed
 * addresses, all with the same balance), one passed record date, a fresh DividendDistributor; measures
 * createDistribution and the typical holder's claim. The holders are registered once in one registry that serves
 * the three tokens, in batches through a Multicall3Compatible holding the KYC agent role.
 */
async function measureDistributions(ethers: HardhatEthers, networkHelpers: NetworkHelpers) {
  const [admin, agent, , , issuer] = await ethers.getSigners();
  const registry = await ethers.deployContract("IdentityRegistry", [ADMIN_DELAY, admin.address]);
  const multicall = await ethers.deployContract("Multicall3Compatible");
  await done(registry.grantRole(await registry.KYC_AGENT_ROLE(), await multicall.getAddress()));
  const tokens = [];
  for (const count of HOLDER_COUNTS) {
    const token = await ethers.deployContract("SecurityToken", [
      `Stokit Bench Distribution ${count}`,
      `SBD${count}`,
      await registry.getAddress(),
      ADMIN_DELAY,
      admin.address,
    ]);
    await done(registry.setTokenBinding(await token.getAddress(), true));
    await done(token.grantRole(await token.AGENT_ROLE(), agent.address));
    await done(token.grantRole(await token.RECORD_DATE_ROLE(), issuer.address));
    tokens.push(token);
  }
  const typical = [];
  for (const count of HOLDER_COUNTS) typical.push(await fundedWallet(ethers, admin, `distribution.typical.${count}`));
  const maxCount = Math.max(...HOLDER_COUNTS);
  const others = Array.from({ length: maxCount - 1 }, (_, i) => fixedAddress(`distribution.holder.${i}`));

  const registryAddress = await registry.getAddress();
  const wallets = [...typical.map((w) => w.address), ...others];
  log(`registering ${wallets.length} distribution holders`);
  for (let start = 0; start < wallets.length; start += REGISTRATION_BATCH) {
    const calls = wallets.slice(start, start + REGISTRATION_BATCH).map((wallet, i) => ({
      target: registryAddress,
      allowFailure: false,
      callData: registry.interface.encodeFunctionData("registerInvestor", [
        investorId(`distribution.${start + i}`),
        KOREA,
        KYC_EXPIRY,
        ACCREDITED,
        wallet,
      ]),
    }));
    await done(multicall.aggregate3(calls));
  }
  const balance = 100n * UNIT;
  for (const [index, count] of HOLDER_COUNTS.entries()) {
    log(`minting to ${count} holders`);
    const holders = [typical[index].address, ...others.slice(0, count - 1)];
    for (let start = 0; start < holders.length; start += MINT_BATCH) {
      const chunk = holders.slice(start, start + MINT_BATCH);
      await done(
        tokens[index].connect(agent).batchMint(
          chunk,
          chunk.map(() => balance),
        ),
      );
    }
    if ((await tokens[index].totalSupply()) !== BigInt(count) * balance) throw new Error("bench: holder setup");
  }
  const recordDate = T0 + 1_000_000;
  for (const token of tokens) await done(token.connect(issuer).scheduleRecordDate(recordDate));
  await networkHelpers.time.increaseTo(recordDate + 10);

  const payout = await ethers.deployContract("DividendsMockPayout", [6]);
  const amount = 1_000_000n * 10n ** 6n;
  await done(payout.mint(issuer.address, 10n * amount));
  const create = {} as ScalingFigures;
  const claim = {} as ScalingFigures;
  for (const [index, count] of HOLDER_COUNTS.entries()) {
    const distributor = await ethers.deployContract("DividendDistributor", [admin.address, ADMIN_DELAY]);
    await done(distributor.grantRole(await distributor.DISTRIBUTOR_ROLE(), issuer.address));
    await done(payout.connect(issuer).approve(await distributor.getAddress(), amount));
    create[`${count}`] = await gasOf(
      distributor
        .connect(issuer)
        .createDistribution(
          await tokens[index].getAddress(),
          await payout.getAddress(),
          amount,
          recordDate,
          T0 + 5e7,
          [],
        ),
    );
    // A claim is measured where most claims happen: in a flags word another holder's claim already filled (one
    // word per 16 holder indexes and 8 distributions; the typical holder has index 1, the first other holder 2).
    // The first claim of a word pays 17,100 more (a fresh slot); README, "Dividends".
    await done(distributor.connect(issuer).claimFor(1n, [others[0]]));
    claim[`${count}`] = await gasOf(distributor.connect(typical[index]).claim(1n));
    const expected = amount / BigInt(count);
    if ((await payout.balanceOf(typical[index].address)) !== expected) throw new Error("bench: claim amount");
  }

  // claimMany of 5 distributions by the 10-holder token's typical holder, in a fresh distributor and with an empty
  // payout balance again, so it starts from the same state as the single claim above.
  const many = await ethers.deployContract("DividendDistributor", [admin.address, ADMIN_DELAY]);
  await done(many.grantRole(await many.DISTRIBUTOR_ROLE(), issuer.address));
  await done(payout.connect(issuer).approve(await many.getAddress(), 5n * amount));
  for (let i = 0; i < 5; i++) {
    await done(
      many
        .connect(issuer)
        .createDistribution(await tokens[0].getAddress(), await payout.getAddress(), amount, recordDate, T0 + 5e7, []),
    );
  }
  const holder = typical[0];
  await done(payout.connect(holder).transfer(admin.address, await payout.balanceOf(holder.address)));
  const claimMany5 = await gasOf(many.connect(holder).claimMany([1n, 2n, 3n, 4n, 5n]));
  if ((await payout.balanceOf(holder.address)) !== (5n * amount) / BigInt(HOLDER_COUNTS[0])) {
    throw new Error("bench: claimMany amount");
  }
  return { create, claim, claimMany5 };
}

// ===== SECONDARY MARKET =====

const ORDER_TYPES = {
  Order: [
    { name: "maker", type: "address" },
    { name: "side", type: "uint8" },
    { name: "token", type: "address" },
    { name: "paymentToken", type: "address" },
    { name: "price", type: "uint256" },
    { name: "amount", type: "uint256" },
    { name: "expiry", type: "uint64" },
    { name: "nonce", type: "uint256" },
    { name: "salt", type: "uint256" },
  ],
};

/**
 * The Market settling sell orders of an investor with a taker who already holds the token: through our
 * SecurityToken (the market a trusted operator) and through a plain OpenZeppelin ERC-20 (same market, same USDC);
 * the floor is a `transferFrom` pair by a verified spender (token + USDC, two transactions, one 21,000 base
 * subtracted); a match of
 * two orders by the operator with a 0.1% fee; a second partial fill of an order.
 */
async function measureMarket(ethers: HardhatEthers, suite: Awaited<ReturnType<typeof measureTokens>>) {
  const signers = await ethers.getSigners();
  const [admin, agent, kycAgent, officer] = signers;
  const [seller, buyer, operator] = [signers[14], signers[15], signers[16]];
  const { token, registry } = suite;
  const market = await ethers.deployContract("Market", [ADMIN_DELAY, admin.address]);
  const marketAddress = await market.getAddress();
  await done(market.grantRole(await market.OPERATOR_ROLE(), operator.address));
  await done(token.connect(officer).setTrustedOperator(marketAddress, true));
  const usdc = await ethers.deployContract("OfferingMockStablecoin", ["USD Coin", "USDC", 6]);
  const plain = await ethers.deployContract("TokenPlainERC20");
  // the floor's spender is a verified wallet (the token's spender rule), as any holder-approved spender must be
  await done(
    registry.connect(kycAgent).registerInvestor(investorId("market.spender"), KOREA, KYC_EXPIRY, 1, operator.address),
  );
  for (const [i, investor] of [seller, buyer].entries()) {
    await done(
      registry.connect(kycAgent).registerInvestor(investorId(`market${i}`), KOREA, KYC_EXPIRY, 1, investor.address),
    );
    await done(token.connect(agent).mint(investor.address, 1_000n * UNIT));
    await done(plain.mint(investor.address, 1_000n * UNIT));
    await done(usdc.mint(investor.address, 1_000_000n * 10n ** 6n));
    for (const asset of [token, plain, usdc]) {
      await done(asset.connect(investor).approve(marketAddress, ethers.MaxUint256));
      await done(asset.connect(investor).approve(operator.address, ethers.MaxUint256));
    }
  }
  const [, name, version, chainId, verifyingContract] = await market.eip712Domain();
  const domain = { name, version, chainId, verifyingContract };
  let salt = 0n;
  const order = async (maker: Signer, side: number, asset: string, amount: bigint, price = 2_000_000n) => {
    const o = {
      maker: await maker.getAddress(),
      side,
      token: asset,
      paymentToken: await usdc.getAddress(),
      price,
      amount,
      expiry: BigInt(T0 + 1e8),
      nonce: 0n,
      salt: ++salt,
    };
    return { o, signature: await maker.signTypedData(domain, ORDER_TYPES, o) };
  };
  const [SELL, BUY] = [1, 0];
  const tokenAddress = await token.getAddress();
  const plainAddress = await plain.getAddress();

  const fillOf = async (asset: string) => {
    const first = await order(seller, SELL, asset, 10n * UNIT);
    await done(market.connect(buyer).fill(first.o, first.signature, 10n * UNIT)); // warms nothing: a fresh order
    const { o, signature } = await order(seller, SELL, asset, 10n * UNIT);
    return gasOf(market.connect(buyer).fill(o, signature, 10n * UNIT));
  };
  const fill = await fillOf(tokenAddress);
  const fillOz = await fillOf(plainAddress);

  const pair = async (asset: typeof token | typeof plain) =>
    (await gasOf(asset.connect(operator).transferFrom(seller.address, buyer.address, UNIT))) +
    (await gasOf(usdc.connect(operator).transferFrom(buyer.address, seller.address, 2_000_000n))) -
    21_000;
  const floor = await pair(token);
  const floorOz = await pair(plain);

  await done(market.setFee(10, fixedAddress("market.fee")));
  // the buyer's limit covers the fee on top of the sell price (the match executes at the sell price)
  const b = await order(buyer, BUY, tokenAddress, 10n * UNIT, 2_100_000n);
  const s = await order(seller, SELL, tokenAddress, 10n * UNIT);
  await done(market.connect(operator).matchOrders(b.o, b.signature, s.o, s.signature, UNIT));
  const b2 = await order(buyer, BUY, tokenAddress, 10n * UNIT, 2_100_000n);
  const s2 = await order(seller, SELL, tokenAddress, 10n * UNIT);
  const match = await gasOf(market.connect(operator).matchOrders(b2.o, b2.signature, s2.o, s2.signature, UNIT));
  const partial = await gasOf(market.connect(buyer).fill(s.o, s.signature, UNIT)); // s already filled 1 of 10
  return { fill, fillOz, floor, floorOz, match, partial };
}

// ===== RUN =====

type NetworkHelpers = Awaited<ReturnType<typeof network.create>>["networkHelpers"];

const started = Date.now();
const { ethers, networkHelpers, networkName } = await network.create();
const { chainId } = await ethers.provider.getNetwork();
const latest = (await ethers.provider.getBlock("latest"))!;
if (latest.timestamp >= T0) throw new Error(`bench: the chain time is already past ${T0}`);
await networkHelpers.time.increaseTo(T0);

log("deploying the T-REX peers");
const trex = await measureTrex(await deployTrex(ethers, { modules: true, investors: 12 }));
const trexBare = await measureTrex(await deployTrex(ethers, { modules: false, investors: 12 }));
log("measuring our token and the plain ERC-20");
const tokens = await measureTokens(ethers, networkHelpers);
log("measuring the offering, points and oracle");
const offering = await measureOffering(ethers, networkHelpers, tokens);
const points = await measurePoints(ethers);
const oracle = await measureOracle(ethers);
log("measuring the factories");
const factories = await measureFactories(ethers, tokens);
log("measuring distributions");
const distributions = await measureDistributions(ethers, networkHelpers);
log("measuring the secondary market");
const market = await measureMarket(ethers, tokens);

const operations: Record<string, OperationFigures> = {};
for (const name of Object.keys(TREX_OPERATION) as TokenOperation[]) {
  operations[name] = { stokit: tokens.stokit[name], trex: trex[name], trex_bare: trexBare[name], oz: tokens.oz[name] };
}
const only = (stokit: number): OperationFigures => ({ stokit, trex: null, trex_bare: null, oz: null });
operations.offering_subscribe = only(offering.subscribe);
operations.offering_claim = only(offering.claim);
operations.points_batch_grant_per_account = only(points.grantBatchPerAccount);
operations.points_voucher_redeem = only(points.voucherRedeem);
operations.oracle_read_validated = only(oracle.validated);
operations.oracle_read_raw = only(oracle.raw);
operations.distribution_claim_many_5 = only(distributions.claimMany5);
operations.factory_create_ip_token = only(factories.createToken);
operations.factory_create_offering = only(factories.createOffering);
// secondary market (issue 19): the oz column is the same market settling a plain OpenZeppelin ERC-20
operations.market_fill = { stokit: market.fill, trex: null, trex_bare: null, oz: market.fillOz };
operations.market_transfer_from_pair = { stokit: market.floor, trex: null, trex_bare: null, oz: market.floorOz };
operations.market_match = only(market.match);
operations.market_fill_partial = only(market.partial);
const result: BenchResult = {
  operations,
  scaling: { distribution_create: distributions.create, distribution_claim: distributions.claim },
};

const config = hre.config.networks[networkName];
const hardfork = config.type === "edr-simulated" ? `, hardfork ${config.hardfork}` : "";
const chain = `Hardhat 3 EDR, the \`${networkName}\` network: ${config.chainType ?? "l1"}, chain id ${chainId}${hardfork}`;
console.log(`\n${markdownTables(result)}\n\n${headline(result)}\n`);
log(`measured in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, `${JSON.stringify(result, null, 2)}\n`);
if (process.env.BENCH_MD)
  writeFileSync(process.env.BENCH_MD, markdownReport(result, chain, { freezeFreshAddress: tokens.freezeFreshAddress }));
