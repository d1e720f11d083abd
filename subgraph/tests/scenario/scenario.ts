/**
 * The dividend lifecycle on an in-process Hardhat chain, captured for the subgraph harness.
 *
 *   npx hardhat run subgraph/tests/scenario/scenario.ts        (from the repository root; the subgraph's npm test does it)
 *
 * Writes subgraph/build/test-cache/scenario.json (or $SUBGRAPH_SCENARIO): every block with its transactions and receipts,
 * an address book in the deployments/<network>.json format, and what the contracts report at the end (the chain
 * side of the agreement checks).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import type {} from "@nomicfoundation/hardhat-toolbox-mocha-ethers"; // the plugin's types (ethers on connections)
import { network } from "hardhat";

import { creationCode, splitInitcode } from "../../../ignition/modules/Factory.js";

const { ethers, networkHelpers, networkName } = await network.create();
const provider = ethers.provider;
const DAY = 86_400;
const BULK_HOLDERS = 40;

const out =
  process.env.SUBGRAPH_SCENARIO ?? path.join(import.meta.dirname, "..", "..", "build", "test-cache", "scenario.json");
const signers = await ethers.getSigners();
const [
  admin,
  issuer,
  taxAdmin,
  taxWallet,
  alice,
  bob,
  carol,
  dave,
  erin,
  treasury,
  operator,
  lost,
  successor,
  taxWallet2,
] = signers;

// ===== deploy =====
const distributor = await ethers.deployContract("DividendDistributor", [admin.address, 3 * DAY]);
const deployReceipt = await distributor.deploymentTransaction()!.wait();
const token = await ethers.deployContract("DividendsMockToken");
const usdc = await ethers.deployContract("DividendsMockPayout", [6]);
const distributorAddress = await distributor.getAddress();

await (await distributor.grantRole(await distributor.DISTRIBUTOR_ROLE(), issuer.address)).wait();
await (await distributor.grantRole(await distributor.TAX_ADMIN_ROLE(), taxAdmin.address)).wait();
await (await distributor.connect(taxAdmin).setTaxWallet(taxWallet.address)).wait();
await (await distributor.connect(taxAdmin).setWithholdingRate(alice.address, 1540)).wait(); // Korea 15.4%
await (await distributor.connect(taxAdmin).setWithholdingRate(carol.address, 2200)).wait();
await (await distributor.connect(taxAdmin).setWithholdingRate(lost.address, 1000)).wait();

// ===== holders =====
const bulk = Array.from({ length: BULK_HOLDERS }, () => ethers.Wallet.createRandom().connect(provider).address);
const unit = 10n ** 18n;
const holdings: [string, bigint][] = [
  [alice.address, 100n * unit],
  [bob.address, 250n * unit],
  [carol.address, 700n * unit],
  [dave.address, 33n * unit],
  [erin.address, 17n * unit],
  [lost.address, 50n * unit],
  [treasury.address, 1_000n * unit],
  ...bulk.map((a, i): [string, bigint] => [a, BigInt(i + 1) * 3n * unit + 7n]),
];
for (const [holder, amount] of holdings) await (await token.mint(holder, amount)).wait();
await (await usdc.mint(issuer.address, 10_000_000n * 10n ** 6n)).wait();
await (await usdc.connect(issuer).approve(distributorAddress, ethers.MaxUint256)).wait();

const recordDate = BigInt(await networkHelpers.time.latest());
await networkHelpers.time.increase(DAY);
// A transfer after the record date must not move entitlements.
await (await token.connect(bob).transfer(dave.address, 50n * unit)).wait();

async function create(amount: bigint, excluded: string[], deadlineDays: number) {
  const now = BigInt(await networkHelpers.time.latest());
  const tx = await distributor
    .connect(issuer)
    .createDistribution(token, usdc, amount, recordDate, now + BigInt(deadlineDays * DAY), excluded);
  await tx.wait();
  return await distributor.distributionCount();
}

// ===== distribution 1: exclusions, claims with withholding, a pushed settlement with a frozen holder =====
const d1 = await create(1_000_000n * 10n ** 6n + 3n, [treasury.address], 30);
await (await distributor.connect(alice).claim(d1)).wait();
await (await distributor.connect(bob).claim(d1)).wait();
await networkHelpers.time.increase(DAY);
await (await token.setFrozen(carol.address, true)).wait();
await (await token.setSuccessor(lost.address, successor.address)).wait(); // wallet recovery: paid to the successor
await (
  await distributor
    .connect(operator)
    .claimFor(d1, [carol.address, dave.address, alice.address, lost.address, ...bulk.slice(0, 20)])
).wait();
await (await distributor.connect(taxAdmin).setTaxWallet(taxWallet2.address)).wait();
await networkHelpers.time.increase(DAY);
await (await token.setFrozen(carol.address, false)).wait();
await (await distributor.connect(operator).releaseHeld(d1, carol.address)).wait();

// ===== distribution 2: cancelled before any claim =====
const d2 = await create(5_000n * 10n ** 6n, [], 10);
await (await distributor.connect(issuer).cancelDistribution(d2)).wait();

// ===== distribution 3: a few claims, a holder still frozen at the deadline, then reclaim =====
const d3 = await create(77_777n * 10n ** 6n + 1n, [treasury.address, erin.address], 5);
await (await distributor.connect(dave).claim(d3)).wait();
await (await distributor.connect(operator).claimFor(d3, bulk.slice(10, 30))).wait();
await (await token.setFrozen(bob.address, true)).wait();
await (await distributor.connect(operator).claimFor(d3, [bob.address, erin.address])).wait(); // erin excluded: skipped
await (await distributor.connect(alice).claimMany([d1, d3])).wait(); // d1 already claimed: skipped
await networkHelpers.time.increase(6 * DAY);
await (await distributor.connect(issuer).reclaim(d3)).wait();
await (await token.setFrozen(bob.address, false)).wait();
await (await distributor.connect(operator).releaseHeld(d3, bob.address)).wait(); // held amounts survive the deadline

// ===== distribution 4: open at the end =====
const d4 = await create(12_345n * 10n ** 6n, [], 60);
await (await distributor.connect(carol).claim(d4)).wait();
await (await token.setFrozen(erin.address, true)).wait();
await (await distributor.connect(operator).claimFor(d4, [erin.address, alice.address])).wait(); // erin stays held
// A successor cycle (bulk 35 <-> 36) cannot be resolved: both are skipped and held, bulk 37 in the same batch is paid;
// a token that cannot report bulk 38's record balance skips it without holding anything.
await (await token.setSuccessor(bulk[35], bulk[36])).wait();
await (await token.setSuccessor(bulk[36], bulk[35])).wait();
await (await token.setLookupBomb(bulk[38], 2)).wait();
await (await distributor.connect(operator).claimFor(d4, [bulk[35], bulk[36], bulk[37], bulk[38]])).wait();
await (await token.setLookupBomb(bulk[38], 0)).wait(); // the token reports it again: still claimable
await networkHelpers.time.increase(30 * DAY);
// distribution 1 passes its deadline: reclaim its remainder, which goes to the remainder recipient the admin named
await (await distributor.setRemainderRecipient(treasury.address)).wait();
await (await distributor.connect(issuer).reclaim(d1)).wait();

// ===== security token + identity registry (as in test/token/helpers.ts: the token is bound before registrations) =====
const [invA1, invA2, invB, invC, invDLost, invDNew] = signers.slice(14, 20);
const BULK_INVESTORS = 30;
const registry = await ethers.deployContract("IdentityRegistry", [DAY, admin.address]);
const registryReceipt = await registry.deploymentTransaction()!.wait();
const stoken = await ethers.deployContract("SecurityToken", [
  "Stokit Webtoon Revenue Right",
  "SWR",
  await registry.getAddress(),
  DAY,
  admin.address,
]);
const stokenReceipt = await stoken.deploymentTransaction()!.wait();
const stokenAddress = await stoken.getAddress();
await (await registry.grantRole(await registry.KYC_AGENT_ROLE(), issuer.address)).wait();
await (await registry.setTokenBinding(stokenAddress, true)).wait();
for (const role of ["AGENT_ROLE", "COMPLIANCE_ROLE", "PAUSER_ROLE", "LOCKUP_ROLE", "RECORD_DATE_ROLE"] as const) {
  await (await stoken.grantRole(await stoken[role](), issuer.address)).wait();
}
const kyc = registry.connect(issuer);
const agent = stoken.connect(issuer);
const investorRef = (ref: string) => ethers.id(`stokit-investor:${ref}`);
const kycExpiry = BigInt(await networkHelpers.time.latest()) + 400n * BigInt(DAY);
await (await kyc.registerInvestor(investorRef("A"), 410, kycExpiry, 1, invA1.address)).wait();
await (await kyc.addWallet(investorRef("A"), invA2.address)).wait();
await (await kyc.registerInvestor(investorRef("B"), 840, kycExpiry, 3, invB.address)).wait();
await (await kyc.registerInvestor(investorRef("C"), 392, kycExpiry, 0, invC.address)).wait();
await (await kyc.registerInvestor(investorRef("D"), 410, kycExpiry, 1, invDLost.address)).wait();
const bulkInvestors = Array.from({ length: BULK_INVESTORS }, () => ethers.Wallet.createRandom().address);
for (const [i, wallet] of bulkInvestors.entries()) {
  await (await kyc.registerInvestor(investorRef(`bulk${i}`), 410, kycExpiry, i % 2, wallet)).wait();
}
await (
  await agent.batchMint(
    [invA1.address, invB.address, invC.address, invDLost.address, ...bulkInvestors],
    [500n * unit, 300n * unit, 200n * unit, 80n * unit, ...bulkInvestors.map((_, i) => BigInt(i + 1) * unit + 11n)],
  )
).wait();
await networkHelpers.time.increase(DAY);
await (await stoken.connect(invA1).transfer(invB.address, 40n * unit)).wait();
await (await stoken.connect(invA1).transfer(invA2.address, 60n * unit)).wait(); // same investor: investor count unchanged
await (await stoken.connect(invC).transfer(invB.address, 200n * unit)).wait(); // C leaves: holder and investor counts drop
await (await stoken.connect(invB).batchTransfer([invA2.address, invC.address], [5n * unit, 7n * unit])).wait();
await (await agent.setFrozenTokens(invB.address, 100n * unit)).wait(); // partial freeze
await (await agent.setAddressFrozen(invC.address, true)).wait();
await (await agent.forcedTransfer(invC.address, invA1.address, 7n * unit)).wait(); // C out again, by force
await (await agent.setAddressFrozen(invC.address, false)).wait();
await networkHelpers.time.increase(DAY);
await (await kyc.addWallet(investorRef("D"), invDNew.address)).wait();
await (await agent.setFrozenTokens(invDLost.address, 30n * unit)).wait();
await (await agent.recoverWallet(invDLost.address, invDNew.address)).wait();
await (await agent.burn(bulkInvestors[0], 1n * unit + 11n)).wait(); // a whole balance burned
await (await agent.burn(bulkInvestors[1], 1n * unit)).wait(); // part of one
const lockupUntil = BigInt(await networkHelpers.time.latest()) + 90n * BigInt(DAY);
await (await agent.setLockup(invA1.address, lockupUntil)).wait();
await (await agent.setRules(1 | 2, 0, 100, 10_000n * unit)).wait();
await (await agent.setCountries([840, 392], false, true)).wait();
await (await agent.setCountries([392], false, false)).wait();
await (await agent.setTransfersEnabled(false)).wait();
await (await agent.setTransfersEnabled(true)).wait();
await (await agent.pause()).wait();
await (await agent.unpause()).wait();
const recordAt = BigInt(await networkHelpers.time.latest()) + BigInt(DAY);
await (await agent.scheduleRecordDate(recordAt)).wait();
await (await agent.scheduleRecordDate(recordAt + BigInt(DAY))).wait();
await (await agent.cancelRecordDate(recordAt + BigInt(DAY))).wait();
await (await stoken.connect(invA2).transfer(bulkInvestors[0], 3n * unit)).wait(); // bulk0 holds again
await (await kyc.removeWallet(invC.address)).wait(); // no balance left: unlinked
// The recovered (empty) wallet of D is relinked to investor C: it no longer forwards to D's new wallet.
await (await kyc.removeWallet(invDLost.address)).wait();
await (await kyc.addWallet(investorRef("C"), invDLost.address)).wait();

// ===== points =====
const points = await ethers.deployContract("Points", [admin.address, DAY]);
const pointsReceipt = await points.deploymentTransaction()!.wait();
for (const role of ["PROGRAM_MANAGER_ROLE", "ISSUER_ROLE", "PAUSER_ROLE"] as const) {
  await (await points.grantRole(await points[role](), issuer.address)).wait();
}
const manager = points.connect(issuer);
const noGate = { enabled: false, erc721: ethers.ZeroAddress, erc1155: ethers.ZeroAddress, erc1155Id: 0n };
const pointsEnd = BigInt(await networkHelpers.time.latest()) + 365n * BigInt(DAY);
await (await manager.createProgram(noGate, pointsEnd)).wait();
await (await manager.createProgram(noGate, pointsEnd)).wait();
const pointsAccounts = [invA1.address, invA2.address, invB.address, invC.address, ...bulkInvestors.slice(0, 20)];
let refId = 1n;
await (
  await manager.grantBatch(
    1n,
    pointsAccounts.map((account, i) => ({ account, amount: BigInt(100 + i * 10), refId: refId++ })),
  )
).wait();
await (await manager.grant(1n, invA1.address, 250n, refId++)).wait();
await (await manager.grant(2n, invB.address, 1_000n, refId++)).wait();
await networkHelpers.time.increase(DAY);
await (await points.connect(invA1).spend(1n, 120n, await points.holderRefId(invA1.address, 1n))).wait();
await (await points.connect(invB).spend(2n, 999n, await points.holderRefId(invB.address, 1n))).wait();
await (await manager.pauseProgram(2n)).wait();
await (await manager.unpauseProgram(2n)).wait();
await (await manager.setProgramEnd(2n, pointsEnd + BigInt(DAY))).wait();
await (await points.connect(invA1).spend(1n, 230n, await points.holderRefId(invA1.address, 2n))).wait(); // to zero
// A token-bound program: one NFT earns once per epoch, whoever holds it.
const nfts = await ethers.deployContract("PointsMockERC721");
await (await nfts.mint(invB.address, 7n)).wait();
const nftGate = { enabled: true, erc721: await nfts.getAddress(), erc1155: ethers.ZeroAddress, erc1155Id: 0n };
await (await manager.createProgram(nftGate, pointsEnd)).wait();
await (await manager.setProgramGateMode(3n, 1, 7n * BigInt(DAY))).wait();
await (await manager.grantForToken(3n, invB.address, 7n, 40n, refId++)).wait();
const tokenRedeemedAtGrant = await points.isTokenRedeemed(3n, 7n); // epochs move on: read it now

// ===== oracle circuit breaker (as in test/oracle/OracleCircuitBreaker.ts, no sequencer on this chain) =====
const e8 = (usd: bigint) => usd * 10n ** 8n;
const breaker = await ethers.deployContract("OracleCircuitBreaker", [DAY, admin.address, ethers.ZeroAddress, 3600]);
const breakerReceipt = await breaker.deploymentTransaction()!.wait();
await (await breaker.grantRole(await breaker.ORACLE_CONFIG_ROLE(), issuer.address)).wait();
await (await breaker.grantRole(await breaker.ORACLE_GUARDIAN_ROLE(), taxAdmin.address)).wait();
const primaryFeed = await ethers.deployContract("OracleMockFeed", [8, e8(2000n)]);
const fallbackFeed = await ethers.deployContract("OracleMockFeed", [8, e8(2000n)]);
const ASSET = ethers.getAddress("0x00000000000000000000000000000000000a55e7");
const ASSET2 = ethers.getAddress("0x00000000000000000000000000000000000a55e8");
const assetConfig = {
  primary: await primaryFeed.getAddress(),
  fallbackFeed: await fallbackFeed.getAddress(),
  heartbeat: 3600,
  fallbackHeartbeat: 7200,
  minPrice: 10n ** 18n,
  maxPrice: 1_000_000n * 10n ** 18n,
  maxDeviationBps: 0,
  recoveryRounds: 3,
};
await (await breaker.connect(issuer).setAssetConfig(ASSET, assetConfig)).wait();
await (
  await breaker
    .connect(issuer)
    .setAssetConfig(ASSET2, { ...assetConfig, fallbackFeed: ethers.ZeroAddress, fallbackHeartbeat: 0 })
).wait();
const keeper = operator;
const push = async (usd: bigint) => {
  await networkHelpers.time.increase(60);
  await (await primaryFeed.setAnswer(e8(usd))).wait();
};
await (await breaker.connect(issuer).setCumulativeBound(ASSET2, 2 * 3600, 3000)).wait();
await (await breaker.connect(keeper).update(ASSET)).wait(); // first price
await (await breaker.connect(keeper).update(ASSET2)).wait();
await push(2100n);
await (await breaker.connect(keeper).update(ASSET)).wait();
await push(1000n);
await (await breaker.connect(keeper).update(ASSET)).wait(); // trip (-52%)
await push(1010n);
await (await breaker.connect(keeper).update(ASSET)).wait(); // recovery progress
await push(1005n);
await (await breaker.connect(keeper).update(ASSET)).wait(); // recovered
await (await breaker.connect(taxAdmin).trip(ASSET2)).wait(); // manual trip (a guardian pin)
await (await breaker.connect(taxAdmin).unpin(ASSET2)).wait(); // a pinned asset cannot be reset: lift the pin first
await (await breaker.connect(taxAdmin).reset(ASSET2)).wait();
await networkHelpers.time.increase(3601); // primary stale: the agreeing fallback serves
await (await fallbackFeed.setAnswer(e8(1000n))).wait();
await (await breaker.connect(keeper).update(ASSET)).wait();
await push(1001n);
await (await breaker.connect(keeper).update(ASSET)).wait(); // back to the primary
await (await primaryFeed.setReverts(true)).wait();
await (await fallbackFeed.setAnswer(e8(3000n))).wait();
await (await breaker.connect(keeper).update(ASSET)).wait(); // frozen: fallback disagrees
await (await primaryFeed.setReverts(false)).wait();
await push(1002n);
await (await breaker.connect(taxAdmin).reset(ASSET)).wait();

// ===== primary offering (as in test/offering/helpers.ts: a token mock whose agent is the offering; oversubscribed) =====
const offeringToken = await ethers.deployContract("OfferingMockToken");
const stable = await ethers.deployContract("OfferingMockStablecoin", ["USD Coin", "USDC", 6]);
const stableAddress = await stable.getAddress();
const usd = (n: bigint) => n * 10n ** 6n;
const offeringStart = BigInt(await networkHelpers.time.latest()) + 3600n;
const offeringTerms = {
  token: await offeringToken.getAddress(),
  paymentToken: await stable.getAddress(),
  price: usd(2n),
  minSubscription: usd(10n),
  maxSubscription: usd(20_000n),
  softCap: 1_000n * unit,
  hardCap: 10_000n * unit,
  startTime: offeringStart,
  endTime: offeringStart + 7n * BigInt(DAY),
  lockupEnd: offeringStart + 187n * BigInt(DAY),
  treasury: treasury.address,
  oracle: ethers.ZeroAddress,
  oracleAsset: ethers.ZeroAddress,
};
const offering = await ethers.deployContract("Offering", [
  offeringTerms,
  admin.address,
  DAY,
  issuer.address,
  operator.address,
]);
const offeringReceipt = await offering.deploymentTransaction()!.wait();
const offeringAddress = await offering.getAddress();
await (await offeringToken.setAgent(offeringAddress)).wait();
await (await offeringToken.setMaxInvestors(true, 50, 0)).wait(); // every new investor reserves a slot
const subscribers = [invA1, invA2, invB, invC, invDNew, dave];
for (const s of subscribers) {
  await (await stable.mint(s.address, usd(50_000n))).wait();
  await (await stable.connect(s).approve(offeringAddress, ethers.MaxUint256)).wait();
}
await networkHelpers.time.increaseTo(offeringStart);
const deposits = [usd(8_000n), usd(5_000n), usd(6_000n), usd(3_000n), usd(1_000n), usd(777n) + 1n];
for (const [i, s] of subscribers.entries()) await (await offering.connect(s).subscribe(deposits[i])).wait();
await networkHelpers.time.increase(DAY);
await (await offering.connect(invB).subscribe(usd(2_000n))).wait(); // a second deposit
await (await offering.connect(invC).cancelSubscription()).wait();
await (await offering.connect(invC).subscribe(usd(500n))).wait(); // back in
await (await offering.connect(dave).cancelSubscription()).wait(); // out for good
await networkHelpers.time.increaseTo(offeringTerms.endTime);
await (await offering.connect(issuer).finalise()).wait(); // 25,500 USDC for 10,000 tokens at 2: oversubscribed
await (await offering.connect(invA1).claim()).wait();
await networkHelpers.time.increase(DAY);
// Between finalisation and settlement the token starts refusing C (code 11) and D's wallet is recovered into erin's:
// C's whole deposit is refunded, D's tokens follow the successor.
await (await offeringToken.setRestriction(invC.address, 11)).wait();
await (await offeringToken.setWalletSuccessor(invDNew.address, erin.address)).wait();
await (await offering.connect(operator).settle([invA2.address, invB.address, invC.address, invDNew.address])).wait();
await (await offering.setTreasury(taxWallet2.address)).wait();
await (await offering.connect(issuer).withdrawProceeds()).wait();

// ===== the secondary market, deployed with the suite (it trades the IPs listed below, at the end) =====
const market = await ethers.deployContract("Market", [DAY, admin.address]);
const marketReceipt = await market.deploymentTransaction()!.wait();
const marketAddress = await market.getAddress();
await (await market.grantRole(await market.OPERATOR_ROLE(), operator.address)).wait();
await (await market.setFee(25, taxWallet.address)).wait(); // 0.25% of the seller's proceeds, paid by the taker

// ===== the platform: factories deployed late, two IPs and three offerings created through them =====
// Everything here happens after the start blocks of the address book's data sources: the subgraph finds the IP tokens
// and their offerings only through TokenCreated/OfferingCreated (templates).
const chunksOf = async (product: "token" | "offering") => {
  const code = creationCode(product);
  const chunks = [];
  for (const data of splitInitcode(code)) chunks.push(await ethers.deployContract("InitcodeChunk", [data]));
  return { chunks: await Promise.all(chunks.map((c) => c.getAddress())), hash: ethers.keccak256(code) };
};
const offeringCode = await chunksOf("offering");
const offeringFactory = await ethers.deployContract("OfferingFactory", [
  admin.address,
  DAY,
  offeringCode.chunks,
  offeringCode.hash,
]);
const offeringFactoryReceipt = await offeringFactory.deploymentTransaction()!.wait();
const tokenCode = await chunksOf("token");
const tokenFactory = await ethers.deployContract("TokenFactory", [
  admin.address,
  DAY,
  await registry.getAddress(),
  distributorAddress,
  await offeringFactory.getAddress(),
  tokenCode.chunks,
  tokenCode.hash,
]);
const tokenFactoryReceipt = await tokenFactory.deploymentTransaction()!.wait();
await (await registry.grantRole(ethers.id("TOKEN_BINDER_ROLE"), await tokenFactory.getAddress())).wait();
await (await tokenFactory.grantRole(ethers.id("TOKEN_CREATOR_ROLE"), issuer.address)).wait();
await (await offeringFactory.grantRole(ethers.id("OFFERING_CREATOR_ROLE"), issuer.address)).wait();
const ipRoles = {
  admin: admin.address,
  adminDelay: DAY,
  agent: issuer.address,
  compliance: issuer.address,
  pauser: issuer.address,
  lockup: issuer.address,
  recordDate: issuer.address,
};
const ipDefs = [
  { ipId: ethers.id("webtoon:moonlit"), name: "Moonlit Revenue Right", symbol: "MOON", uri: "ipfs://moonlit" },
  { ipId: ethers.id("character:kumo"), name: "Kumo Character Right", symbol: "KUMO", uri: "ipfs://kumo" },
];
const ipTokens = [];
for (const def of ipDefs) {
  await (await tokenFactory.connect(issuer).createToken({ ...def, roles: ipRoles })).wait();
  ipTokens.push(await ethers.getContractAt("IpSecurityToken", await tokenFactory.tokenOf(def.ipId)));
}
const [moon, kumo] = ipTokens;
// One KYC for every IP: the investors registered before the tokens existed are synced into them.
for (const t of ipTokens) await (await t.syncIdentity([invA1.address, invA2.address, invB.address])).wait();
const ipStart = BigInt(await networkHelpers.time.latest()) + 3600n;
const ipTerms = (token: string, price: bigint, lockupEnd: bigint, paymentToken = stableAddress) => ({
  token,
  paymentToken,
  price,
  minSubscription: usd(10n),
  maxSubscription: usd(20_000n),
  softCap: 100n * unit,
  hardCap: 5_000n * unit,
  startTime: ipStart,
  endTime: ipStart + 7n * BigInt(DAY),
  lockupEnd,
  treasury: treasury.address,
  oracle: ethers.ZeroAddress,
  oracleAsset: ethers.ZeroAddress,
});
const openOffering = async (terms: ReturnType<typeof ipTerms>) => {
  const params = { terms, admin: admin.address, adminDelay: DAY, issuer: issuer.address, operator: operator.address };
  const receipt = await (await offeringFactory.connect(issuer).createOffering(params)).wait();
  const created = receipt!.logs
    .map((l) => offeringFactory.interface.parseLog(l))
    .find((e) => e?.name === "OfferingCreated")!;
  return await ethers.getContractAt("Offering", created.args.offering as string);
};
// MOON: a completed round (no lock-up), then a second round that never opens in this chain's time.
// MOON is paid in the dividends' payout token: its decimals become known from OfferingCreated.
const moonRound = await openOffering(ipTerms(await moon.getAddress(), usd(2n), 0n, await usdc.getAddress()));
const kumoRound = await openOffering(ipTerms(await kumo.getAddress(), usd(5n), ipStart + 365n * BigInt(DAY)));
const ipSubscribers = [invA1, invB, invA2];
for (const s of ipSubscribers) {
  await (await usdc.mint(s.address, usd(5_000n))).wait();
  await (await usdc.connect(s).approve(moonRound, ethers.MaxUint256)).wait();
  await (await stable.connect(s).approve(kumoRound, ethers.MaxUint256)).wait();
}
await networkHelpers.time.increaseTo(ipStart);
await (await moonRound.connect(invA1).subscribe(usd(1_000n))).wait();
await (await moonRound.connect(invB).subscribe(usd(600n))).wait();
await (await kumoRound.connect(invA1).subscribe(usd(500n))).wait(); // one investor holds both IPs
await networkHelpers.time.increase(DAY);
await (await moonRound.connect(invA2).subscribe(usd(400n))).wait();
await (await kumoRound.connect(invB).subscribe(usd(250n))).wait();
await networkHelpers.time.increaseTo(ipStart + 7n * BigInt(DAY));
await (await moonRound.connect(issuer).finalise()).wait(); // 2,000 USDC at 2: 1,000 MOON
await (await kumoRound.connect(issuer).finalise()).wait(); // 750 USDC at 5: 150 KUMO (above the soft cap)
await (await moonRound.connect(invA1).claim()).wait();
await (await moonRound.connect(operator).settle([invB.address, invA2.address])).wait();
await (await kumoRound.connect(operator).settle([invA1.address, invB.address])).wait();
await (await moonRound.connect(issuer).withdrawProceeds()).wait();
// MOON's second round opens now and is still open at the end of the scenario.
const moonOpenStart = BigInt(await networkHelpers.time.latest()) + 60n;
const moonOpen = await openOffering({
  ...ipTerms(await moon.getAddress(), usd(3n), 0n, await usdc.getAddress()),
  startTime: moonOpenStart,
  endTime: moonOpenStart + 90n * BigInt(DAY),
});
await networkHelpers.time.increase(DAY);
await (await moon.connect(invB).transfer(invA1.address, 50n * unit)).wait(); // MOON trades (KUMO is locked up)
await (await moon.connect(invA2).transfer(invB.address, 20n * unit)).wait();
// A distribution to MOON's holders.
const moonRecord = BigInt(await networkHelpers.time.latest()) + 3600n;
await (await moon.connect(issuer).scheduleRecordDate(moonRecord)).wait();
await networkHelpers.time.increase(3660);
await (
  await distributor
    .connect(issuer)
    .createDistribution(moon, usdc, 3_000n * 10n ** 6n, moonRecord, moonRecord + 60n * BigInt(DAY), [])
).wait();
const moonDistribution = await distributor.distributionCount();
await (await distributor.connect(invA1).claim(moonDistribution)).wait();
await networkHelpers.time.increase(DAY);
await (await distributor.connect(operator).claimFor(moonDistribution, [invB.address])).wait();
await (await usdc.connect(invA2).approve(moonOpen, ethers.MaxUint256)).wait();
await (await moonOpen.connect(invA2).subscribe(usd(300n))).wait();

// ===== the secondary market: MOON traded against USDC (and once against the offering's stablecoin) over two days =====
// Fills of a sell order (two partial fills in one hour), a match in another hour, a cancel after a partial fill, a cancel
// of an order that never traded, a cancelUpTo, then a full fill and a buy-order fill on the next day.
const HOUR = 3600;
await (await moon.connect(issuer).setTrustedOperator(marketAddress, true)).wait();
for (const s of [invA1, invB, invA2]) {
  await (await moon.connect(s).approve(marketAddress, ethers.MaxUint256)).wait();
  await (await usdc.connect(s).approve(marketAddress, ethers.MaxUint256)).wait();
  await (await stable.connect(s).approve(marketAddress, ethers.MaxUint256)).wait();
}
const orderDomain = {
  name: "stokit Market",
  version: "1",
  chainId: (await provider.getNetwork()).chainId,
  verifyingContract: marketAddress,
};
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
const BUY = 0;
const SELL = 1;
const signedOrders: {
  hash: string;
  maker: string;
  side: number;
  token: string;
  paymentToken: string;
  price: string;
  amount: string;
  expiry: string;
  nonce: string;
}[] = [];
const usdcAddress = await usdc.getAddress();
const signOrder = async (
  maker: (typeof signers)[number],
  side: number,
  price: bigint,
  amount: bigint,
  nonce: bigint,
  paymentToken = usdcAddress,
) => {
  const order = {
    maker: maker.address,
    side,
    token: await moon.getAddress(),
    paymentToken,
    price,
    amount,
    expiry: BigInt(await networkHelpers.time.latest()) + 30n * BigInt(DAY),
    nonce,
    salt: BigInt(signedOrders.length + 1),
  };
  const hash = await market.hashOrder(order);
  signedOrders.push({
    hash: hash.toLowerCase(),
    maker: maker.address.toLowerCase(),
    side,
    token: order.token.toLowerCase(),
    paymentToken: paymentToken.toLowerCase(),
    price: price.toString(),
    amount: amount.toString(),
    expiry: order.expiry.toString(),
    nonce: nonce.toString(),
  });
  return { order, signature: await maker.signTypedData(orderDomain, ORDER_TYPES, order) };
};
const px = (cents: bigint) => cents * 10n ** 4n; // USDC (6 decimals) per 1e18 MOON units
// Day 1, first hour: B sells 100 MOON at 2.10; A1 takes 40, A2 takes 30 twenty minutes later.
await networkHelpers.time.increaseTo(
  (Math.floor((await networkHelpers.time.latest()) / DAY) + 1) * DAY + 9 * HOUR + 60,
);
const bSell = await signOrder(invB, SELL, px(210n), 100n * unit, 1n);
await (await market.connect(invA1).fill(bSell.order, bSell.signature, 40n * unit)).wait();
await networkHelpers.time.increase(20 * 60);
await (await market.connect(invA2).fill(bSell.order, bSell.signature, 30n * unit)).wait();
// Two hours later: the operator matches A1's buy at 2.30 with A2's sell at 2.20 for 20 MOON (at 2.20), A1 cancels the
// rest of its buy; A1 also cancels an order that never traded; A2 cancels its nonces below 5, an unfilled sell with them.
await networkHelpers.time.increase(2 * HOUR);
const a1Buy = await signOrder(invA1, BUY, px(230n), 50n * unit, 1n);
const a2Sell = await signOrder(invA2, SELL, px(220n), 50n * unit, 1n);
await (
  await market.connect(operator).matchOrders(a1Buy.order, a1Buy.signature, a2Sell.order, a2Sell.signature, 20n * unit)
).wait();
await (await market.connect(invA1).cancel(a1Buy.order)).wait();
const a1Unused = await signOrder(invA1, SELL, px(300n), 5n * unit, 2n);
await (await market.connect(invA1).cancel(a1Unused.order)).wait();
await signOrder(invA2, SELL, px(190n), 10n * unit, 3n); // never sent: invalidated by the cancelUpTo below
await (await market.connect(invA2).cancelUpTo(5n)).wait();
// Day 2: A2 sells 60 at 2.50, filled in full by B; B's buy of 10 at 2.40 in the offering's stablecoin, filled by A1
// (a buy-order fill: the fee comes out of the seller's side); three hours later A1 sells 15 at 2.45 to A2.
await networkHelpers.time.increaseTo((Math.floor((await networkHelpers.time.latest()) / DAY) + 1) * DAY + 10 * HOUR);
const a2Sell2 = await signOrder(invA2, SELL, px(250n), 60n * unit, 5n);
await (await market.connect(invB).fill(a2Sell2.order, a2Sell2.signature, 60n * unit)).wait();
const bBuy = await signOrder(invB, BUY, px(240n), 10n * unit, 2n, stableAddress);
await (await market.connect(invA1).fill(bBuy.order, bBuy.signature, 10n * unit)).wait();
await networkHelpers.time.increase(3 * HOUR);
const a1Sell = await signOrder(invA1, SELL, px(245n), 15n * unit, 3n);
await (await market.connect(invA2).fill(a1Sell.order, a1Sell.signature, 15n * unit)).wait();

// ===== capture =====
const latest = await provider.getBlockNumber();
const blocks = [];
for (let n = 0; n <= latest; n++) {
  const block = await provider.send("eth_getBlockByNumber", [ethers.toQuantity(n), true]);
  const receipts = [];
  for (const tx of block.transactions) receipts.push(await provider.send("eth_getTransactionReceipt", [tx.hash]));
  blocks.push({ block, receipts });
}

const holders = holdings.map(([h]) => h);
const distributions = [];
for (let id = 1n; id <= (await distributor.distributionCount()); id++) {
  const d = await distributor.distribution(id);
  const perHolder = [];
  for (const holder of holders) {
    perHolder.push({
      holder: holder.toLowerCase(),
      isClaimed: await distributor.isClaimed(id, holder),
      heldFor: (await distributor.heldFor(id, holder)).toString(),
      entitlement: (await distributor.entitlementOf(id, holder)).toString(),
    });
  }
  distributions.push({
    id: id.toString(),
    token: d.token.toLowerCase(),
    payoutToken: d.payoutToken.toLowerCase(),
    creator: d.creator.toLowerCase(),
    status: Number(d.status),
    amount: d.amount.toString(),
    claimed: d.claimed.toString(),
    held: d.held.toString(),
    reclaimed: d.reclaimed.toString(),
    denominator: d.denominator.toString(),
    recordDate: d.recordDate.toString(),
    claimDeadline: d.claimDeadline.toString(),
    perHolder,
  });
}
const withholding: Record<string, number> = {};
for (const holder of holders) withholding[holder.toLowerCase()] = Number(await distributor.withholdingRateOf(holder));

// The security token: every wallet that ever held, every investor key, and the points accounts.
const tokenIface = stoken.interface;
const tokenWallets = new Set<string>();
for (const { receipts } of blocks)
  for (const log of receipts.flatMap((r: { logs: { address: string; topics: string[]; data: string }[] }) => r.logs)) {
    if (log.address.toLowerCase() !== stokenAddress.toLowerCase()) continue;
    const parsed = tokenIface.parseLog(log);
    if (parsed?.name !== "Transfer") continue;
    for (const a of [parsed.args.from as string, parsed.args.to as string])
      if (a !== ethers.ZeroAddress) tokenWallets.add(a.toLowerCase());
  }
const walletBalances: Record<string, { balance: string; frozenTokens: string; frozen: boolean; successor: string }> =
  {};
for (const wallet of tokenWallets) {
  walletBalances[wallet] = {
    balance: (await stoken.balanceOf(wallet)).toString(),
    frozenTokens: (await stoken.getFrozenTokens(wallet)).toString(),
    frozen: await stoken.isFrozen(wallet),
    successor: (await stoken.walletSuccessor(wallet)).toLowerCase(),
  };
}
const investors: Record<string, { key: string; balance: string; walletCount: number; lockup: string }> = {};
for (const ref of ["A", "B", "C", "D", ...bulkInvestors.map((_, i) => `bulk${i}`)]) {
  const info = await registry.investor(investorRef(ref));
  const wallets = await registry.walletsOf(investorRef(ref));
  investors[investorRef(ref)] = {
    key: info.key.toString(),
    balance: (await stoken.investorBalance(info.key)).toString(),
    walletCount: Number(info.walletCount),
    lockup: wallets.length ? (await stoken.lockupOf(wallets[0])).toString() : "0",
  };
}
const compliance = await stoken.compliance();
const pointsBalances: { programId: string; account: string; balance: string }[] = [];
const pointsTotals: Record<string, string> = {};
for (let programId = 1n; programId <= (await points.programCount()); programId++) {
  pointsTotals[programId.toString()] = (await points.totalPoints(programId)).toString();
  for (const account of pointsAccounts)
    pointsBalances.push({
      programId: programId.toString(),
      account: account.toLowerCase(),
      balance: (await points.balanceOf(programId, account)).toString(),
    });
}
const oracleAssets: Record<
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
> = {};
for (const asset of [ASSET, ASSET2]) {
  const state = await breaker.assetState(asset);
  const bound = await breaker.cumulativeBound(asset);
  oracleAssets[asset.toLowerCase()] = {
    status: Number(state.status),
    price: state.price.toString(),
    updatedAt: state.updatedAt.toString(),
    window: Number(bound.window),
    maxCumulativeDeviationBps: Number(bound.maxDeviationBps),
    anchorPrice: bound.anchorPrice.toString(),
    anchorAt: bound.anchorAt.toString(),
  };
}
const tokenBound = await points.gateModeOf(3n);

const offeringInvestors: Record<
  string,
  { tokens: string; value: string; stableAmount: string; settled: boolean; settlementWallet: string }
> = {};
for (const s of subscribers) {
  const sub = await offering.subscriptionOf(s.address);
  const settlementWallet = await offering.settlementWalletOf(s.address);
  offeringInvestors[s.address.toLowerCase()] = {
    tokens: (await offeringToken.balanceOf(settlementWallet)).toString(),
    value: (sub.stableAmount + sub.nativeValue).toString(),
    stableAmount: sub.stableAmount.toString(),
    settled: sub.settled,
    settlementWallet: settlementWallet.toLowerCase(),
  };
}
const [stableWithdrawn] = await offering.withdrawnProceeds();
const [stableEscrow, nativeEscrow] = await offering.escrowed();

// The platform: every IP token the factory lists and every offering the offering factory opened, read back.
const ipWallets = [invA1, invA2, invB].map((s) => s.address);
const platformTokens = [];
for (const address of await tokenFactory.tokens(0n, 100n)) {
  const t = await ethers.getContractAt("IpSecurityToken", address);
  const balances: Record<string, string> = {};
  for (const w of ipWallets) balances[w.toLowerCase()] = (await t.balanceOf(w)).toString();
  const offerings = [];
  for (let i = 0n; i < (await offeringFactory.offeringCount(address)); i++) {
    const o = await ethers.getContractAt("Offering", await offeringFactory.offeringAt(address, i));
    const terms = await o.terms();
    const [withdrawn] = await o.withdrawnProceeds();
    offerings.push({
      address: (await o.getAddress()).toLowerCase(),
      index: Number(i),
      status: Number(await o.status()),
      totalValue: (await o.totalSubscribedValue()).toString(),
      totalTokensMinted: (await o.totalTokensMinted()).toString(),
      stableWithdrawn: withdrawn.toString(),
      paymentToken: terms.paymentToken.toLowerCase(),
      paymentDecimals: Number(await o.paymentDecimals()),
      price: terms.price.toString(),
      softCap: terms.softCap.toString(),
      hardCap: terms.hardCap.toString(),
      startTime: terms.startTime.toString(),
      endTime: terms.endTime.toString(),
      lockupEnd: terms.lockupEnd.toString(),
    });
  }
  platformTokens.push({
    address: address.toLowerCase(),
    ipId: await tokenFactory.ipIdOf(address),
    name: await t.name(),
    symbol: await t.symbol(),
    decimals: Number(await t.decimals()),
    totalSupply: (await t.totalSupply()).toString(),
    holderCount: Object.values(balances).filter((b) => b !== "0").length,
    investorCount: Number((await t.compliance()).investorCount),
    balances,
    offerings,
  });
}
const platformEnd = await provider.getBlock("latest");

// The market: every signed order's state, and each trader's nonce floor and balances.
const [feeBps, feeWallet] = await market.fee();
const marketChain = {
  feeBps: Number(feeBps),
  feeWallet: feeWallet.toLowerCase(),
  orders: [] as ((typeof signedOrders)[number] & { filled: string; cancelled: boolean })[],
  minNonces: {} as Record<string, string>,
};
for (const o of signedOrders) {
  const [filled, cancelled] = await market.orderState(o.hash);
  marketChain.orders.push({ ...o, filled: filled.toString(), cancelled });
}
for (const s of [invA1, invB, invA2])
  marketChain.minNonces[s.address.toLowerCase()] = (await market.minNonce(s)).toString();

const { chainId } = await provider.getNetwork();
const addressBook = {
  network: "hardhat",
  chainId: Number(chainId),
  contracts: {
    IdentityRegistry: {
      address: await registry.getAddress(),
      blockNumber: registryReceipt!.blockNumber,
      txHash: registryReceipt!.hash,
    },
    SecurityToken: { address: stokenAddress, blockNumber: stokenReceipt!.blockNumber, txHash: stokenReceipt!.hash },
    DividendDistributor: {
      address: distributorAddress,
      blockNumber: deployReceipt!.blockNumber,
      txHash: deployReceipt!.hash,
    },
    Points: {
      address: await points.getAddress(),
      blockNumber: pointsReceipt!.blockNumber,
      txHash: pointsReceipt!.hash,
    },
    OracleCircuitBreaker: {
      address: await breaker.getAddress(),
      blockNumber: breakerReceipt!.blockNumber,
      txHash: breakerReceipt!.hash,
    },
    Offering: { address: offeringAddress, blockNumber: offeringReceipt!.blockNumber, txHash: offeringReceipt!.hash },
    TokenFactory: {
      address: await tokenFactory.getAddress(),
      blockNumber: tokenFactoryReceipt!.blockNumber,
      txHash: tokenFactoryReceipt!.hash,
    },
    OfferingFactory: {
      address: await offeringFactory.getAddress(),
      blockNumber: offeringFactoryReceipt!.blockNumber,
      txHash: offeringFactoryReceipt!.hash,
    },
    Market: { address: marketAddress, blockNumber: marketReceipt!.blockNumber, txHash: marketReceipt!.hash },
  },
};
const fixture = {
  networkName,
  chainId: Number(chainId),
  addressBook,
  contracts: {
    distributor: distributorAddress.toLowerCase(),
    token: (await token.getAddress()).toLowerCase(),
    payoutToken: (await usdc.getAddress()).toLowerCase(),
    registry: (await registry.getAddress()).toLowerCase(),
    securityToken: stokenAddress.toLowerCase(),
    points: (await points.getAddress()).toLowerCase(),
    breaker: (await breaker.getAddress()).toLowerCase(),
    offering: offeringAddress.toLowerCase(),
    tokenFactory: (await tokenFactory.getAddress()).toLowerCase(),
    offeringFactory: (await offeringFactory.getAddress()).toLowerCase(),
    moonOpenOffering: (await moonOpen.getAddress()).toLowerCase(),
    market: marketAddress.toLowerCase(),
    moon: (await moon.getAddress()).toLowerCase(),
    marketStable: stableAddress.toLowerCase(),
  },
  blocks,
  chain: {
    distributionCount: (await distributor.distributionCount()).toString(),
    taxWallet: (await distributor.taxWallet()).toLowerCase(),
    remainderRecipient: (await distributor.remainderRecipient()).toLowerCase(),
    distributorPayoutBalance: (await usdc.balanceOf(distributorAddress)).toString(),
    distributions,
    withholding,
    securityToken: {
      totalSupply: (await stoken.totalSupply()).toString(),
      investorCount: Number(compliance.investorCount),
      holderCount: Object.values(walletBalances).filter((w) => w.balance !== "0").length,
      paused: compliance.paused,
      transfersDisabled: compliance.transfersDisabled,
      rules: Number(compliance.rules),
      maxInvestors: Number(compliance.maxInvestors),
      maxBalance: compliance.maxBalance.toString(),
      recordDates: (await stoken.recordDates()).map((t: bigint) => t.toString()),
      wallets: walletBalances,
      investors,
    },
    points: {
      balances: pointsBalances,
      totals: pointsTotals,
      tokenBound: {
        programId: "3",
        mode: Number(tokenBound.mode),
        epochLength: tokenBound.epochLength.toString(),
        tokenId: "7",
        redeemedAtGrant: tokenRedeemedAtGrant,
      },
    },
    oracle: oracleAssets,
    offering: {
      status: Number(await offering.status()),
      totalValue: (await offering.totalSubscribedValue()).toString(),
      totalTokensMinted: (await offering.totalTokensMinted()).toString(),
      stableWithdrawn: stableWithdrawn.toString(),
      stableEscrow: stableEscrow.toString(),
      nativeEscrow: nativeEscrow.toString(),
      reservedSlots: Number(await offering.reservedInvestorSlots()),
      treasury: (await offering.terms()).treasury.toLowerCase(),
      investors: offeringInvestors,
    },
    market: marketChain,
    platform: {
      endTimestamp: platformEnd!.timestamp,
      moonDistribution: moonDistribution.toString(),
      tokens: platformTokens,
    },
  },
};
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(fixture));
// The local chain's address book, in the deployments/<network>.json format scripts/networks.mjs reads.
const deployments = path.join(path.dirname(out), "deployments");
mkdirSync(deployments, { recursive: true });
writeFileSync(path.join(deployments, `${addressBook.network}.json`), JSON.stringify(addressBook, null, 2) + "\n");
console.log(
  `scenario: ${blocks.length} blocks, ${blocks.reduce((n, b) => n + b.receipts.reduce((m: number, r: { logs: unknown[] }) => m + r.logs.length, 0), 0)} logs -> ${path.relative(process.cwd(), out)}`,
);
