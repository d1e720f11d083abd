import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import hre, { network } from "hardhat";

import { deployTokenSuite, UNIT } from "../token/helpers.js";

const { ethers, networkHelpers, networkName } = await network.create();
/** Under `--coverage` the bytecode is instrumented: gas is measured but the budgets are not asserted. */
const instrumented = hre.globalOptions.coverage === true;

/** Issue 17's budget for createDistribution (receipt gasUsed). */
const CREATE_BUDGET = 150_000n;
/** The first claim before issue 17's second round (bench/gas.md); it must not grow. */
const CLAIM_BEFORE = 105_720n;

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
  return { distributor, payout, alice, amount, create };
}

/**
 * The bench's distribution scenario (bench/gas.ts, note 5 of bench/gas.md) on the real SecurityToken: a fresh
 * distributor, a passed record date, no exclusions, no withholding, a holder whose payout balance is empty.
 * Prints the figures (`npx hardhat test mocha test/dividends/DividendDistributorGas.ts`).
 */
describe(`DividendDistributor gas on ${networkName}`, function () {
  it("creates a distribution within 150,000 gas and claims without growing", async function () {
    const { distributor, payout, alice, amount, create } = await scenario();
    const createGas = await gasOf(create());
    const claimGas = await gasOf(distributor.connect(alice).claim(1n));
    expect(await payout.balanceOf(alice.address)).to.equal(amount / 3n);
    // The same holder's next claim: its flags word and its payout balance are no longer empty.
    await create();
    const nextClaimGas = await gasOf(distributor.connect(alice).claim(2n));
    console.log(`      create ${createGas}, first claim ${claimGas}, next claim by the same holder ${nextClaimGas}`);
    if (instrumented) return;
    expect(createGas <= CREATE_BUDGET).to.equal(true, `create ${createGas} > ${CREATE_BUDGET}`);
    expect(claimGas <= CLAIM_BEFORE).to.equal(true, `claim ${claimGas} > ${CLAIM_BEFORE}`);
    expect(nextClaimGas < claimGas - 30_000n).to.equal(true, `next claim ${nextClaimGas}`);
  });
});
