import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import hre, { network } from "hardhat";

import { deployTokenSuite, UNIT } from "../token/helpers.js";

const { ethers, networkHelpers, networkName } = await network.create();
/** Under `--coverage` the bytecode is instrumented: gas is measured but the budgets are not asserted. */
const instrumented = hre.globalOptions.coverage === true;

/** Issue 17's budget for createDistribution (receipt gasUsed). */
const CREATE_BUDGET = 150_000n;
/**
 * A typical claim (its flags word already holds another holder's claim) after issue 17's second round: 88,498 on
 * Hardhat, 105,484 before the flags were shared by holder index. Issue 17's goal is 85,000 (README, "Dividends").
 */
const CLAIM_BUDGET = 89_000n;
/** The first claim of a flags word pays the fresh slot (17,100 more): no more than a claim before the change. */
const FIRST_OF_WORD_BEFORE = 105_720n;

/** Receipt gasUsed (21,000 base and calldata included) of one transaction. */
async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  return receipt!.gasUsed;
}

const suite = () => deployTokenSuite(ethers);

async function scenario() {
  const s = await networkHelpers.loadFixture(suite);
  const { token, agent, recorder, admin, alice, bob, carol, stranger: issuer } = s;
  for (const holder of [alice, bob, carol]) await token.connect(agent).mint(holder.address, 100n * UNIT);
  const recordDate = BigInt(await networkHelpers.time.latest()) + 100n;
  await token.connect(recorder).scheduleRecordDate(recordDate);
  await networkHelpers.time.increaseTo(recordDate + 10n);
  const payout = await ethers.deployContract("DividendsMockPayout", [6]);
  const amount = 1_000_000n * 10n ** 6n;
  await payout.mint(issuer.address, 10n * amount);
  const distributor = await ethers.deployContract("DividendDistributor", [admin.address, 86_400n]);
  await distributor.grantRole(await distributor.DISTRIBUTOR_ROLE(), issuer.address);
  // As in the bench: the issuer approves exactly the amount before each creation.
  const create = async () => {
    await payout.connect(issuer).approve(await distributor.getAddress(), amount);
    return distributor
      .connect(issuer)
      .createDistribution(token, payout, amount, recordDate, recordDate + 86_400n * 30n, []);
  };
  return { distributor, payout, alice, bob, carol, amount, create };
}

/**
 * The bench's distribution scenario (bench/gas.ts, note 5 of bench/gas.md) on the real SecurityToken: a fresh
 * distributor, a passed record date, no exclusions, no withholding, a holder whose payout balance is empty, and
 * (as in the bench) another holder of the same flags word claimed first; that first claim is measured too. Prints the figures (`npx hardhat test mocha test/dividends/DividendDistributorGas.ts`).
 */
describe(`DividendDistributor gas on ${networkName}`, function () {
  it("creates a distribution within 150,000 gas and claims within 89,000 where the flags word is in use", async function () {
    const { distributor, payout, alice, bob, amount, create } = await scenario();
    const createGas = await gasOf(create());
    const firstOfWordGas = await gasOf(distributor.connect(bob).claim(1n));
    const claimGas = await gasOf(distributor.connect(alice).claim(1n));
    expect(await payout.balanceOf(alice.address)).to.equal(amount / 3n);
    // The same holder's next claim: its payout balance is no longer empty.
    await create();
    const nextClaimGas = await gasOf(distributor.connect(alice).claim(2n));
    console.log(
      `      create ${createGas}, claim ${claimGas} (first of its word ${firstOfWordGas}), next claim by the same holder ${nextClaimGas}`,
    );
    if (instrumented) return;
    expect(createGas <= CREATE_BUDGET).to.equal(true, `create ${createGas} > ${CREATE_BUDGET}`);
    expect(claimGas <= CLAIM_BUDGET).to.equal(true, `claim ${claimGas} > ${CLAIM_BUDGET}`);
    expect(firstOfWordGas <= FIRST_OF_WORD_BEFORE).to.equal(true, `first of its word ${firstOfWordGas}`);
    expect(nextClaimGas < claimGas).to.equal(
      true,
      `next claim ${nextClaimGas}, claim ${claimGas}, first of word ${firstOfWordGas}`,
    );
  });
});
