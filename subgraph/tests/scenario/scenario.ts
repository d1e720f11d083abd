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
await networkHelpers.time.increase(30 * DAY);
// distribution 1 passes its deadline: reclaim its remainder
await (await distributor.connect(issuer).reclaim(d1)).wait();

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

const { chainId } = await provider.getNetwork();
const addressBook = {
  network: "hardhat",
  chainId: Number(chainId),
  contracts: {
    DividendDistributor: {
      address: distributorAddress,
      blockNumber: deployReceipt!.blockNumber,
      txHash: deployReceipt!.hash,
    },
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
  },
  blocks,
  chain: {
    distributionCount: (await distributor.distributionCount()).toString(),
    taxWallet: (await distributor.taxWallet()).toLowerCase(),
    distributorPayoutBalance: (await usdc.balanceOf(distributorAddress)).toString(),
    distributions,
    withholding,
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
