import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import hre, { network } from "hardhat";

import { RULE, UNIT, deployTokenSuite } from "../token/helpers.js";
import { deployOfferingSuite, TOKEN_UNIT } from "./helpers.js";

/** Under `--coverage` the bytecode is instrumented: absolute budgets are not asserted, relative ones are. */
const instrumented = hre.globalOptions.coverage === true;

const { ethers, networkHelpers, networkName } = await network.create();

/** Receipt gasUsed (21,000 base and calldata included) of one transaction. */
async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  return receipt!.gasUsed;
}

/**
 * Measures the gas of the investor-facing operations (receipt gasUsed) and keeps them under ceilings, so a
 * regression fails. Prints the figures (`npx hardhat test mocha --network <chain> test/offering/OfferingGas.ts`).
 */
describe(`Offering gas on ${networkName}`, function () {
  it("subscribe, claim and batch settle stay within their budgets", async function () {
    const s = await deployOfferingSuite(ethers, { decimals: 6, nativeUsd: 600n * TOKEN_UNIT });
    const { offering, stablecoin, alice, bob, carol, issuer, operator, others, unit, terms } = s;
    const spender = await offering.getAddress();
    const batch = others.slice(0, 10);
    for (const investor of [alice, bob, carol, ...batch]) {
      await stablecoin.mint(investor.address, 20_000n * unit);
      await stablecoin.connect(investor).approve(spender, 20_000n * unit);
    }
    await networkHelpers.time.increaseTo(terms.startTime);

    const { chainId } = await ethers.provider.getNetwork();
    const stable = await ethers.getContractAt("OfferingMockStablecoin", await stablecoin.getAddress());
    const permitSubscribe = async (investor: (typeof batch)[number], amount: bigint) => {
      await stable.connect(investor).approve(spender, 0n);
      const deadline = terms.endTime;
      const signature = ethers.Signature.from(
        await investor.signTypedData(
          { name: "USD Coin", version: "1", chainId, verifyingContract: await stable.getAddress() },
          {
            Permit: [
              { name: "owner", type: "address" },
              { name: "spender", type: "address" },
              { name: "value", type: "uint256" },
              { name: "nonce", type: "uint256" },
              { name: "deadline", type: "uint256" },
            ],
          },
          { owner: investor.address, spender, value: amount, nonce: await stable.nonces(investor.address), deadline },
        ),
      );
      return offering.connect(investor).subscribeWithPermit(amount, deadline, signature.v, signature.r, signature.s);
    };
    const gas: Record<string, bigint> = {};
    gas["subscribe (first)"] = await gasOf(offering.connect(alice).subscribe(1_000n * unit));
    gas["subscribe (add)"] = await gasOf(offering.connect(alice).subscribe(500n * unit));
    gas["subscribe (second investor)"] = await gasOf(offering.connect(bob).subscribe(15_000n * unit));
    gas["subscribeNative (first)"] = await gasOf(offering.connect(carol).subscribeNative({ value: 10n ** 18n }));
    for (const investor of batch.slice(1)) await offering.connect(investor).subscribe(1_000n * unit);
    gas["subscribeWithPermit (first)"] = await gasOf(permitSubscribe(batch[0], 1_000n * unit));

    await networkHelpers.time.increaseTo(terms.endTime);
    gas["finalise"] = await gasOf(offering.connect(issuer).finalise());
    gas["claim (tokens + stable refund, lock-up)"] = await gasOf(offering.connect(alice).claim());
    gas["claim (tokens + native refund, lock-up)"] = await gasOf(offering.connect(carol).claim());
    gas["claim (later investor, stable refund)"] = await gasOf(offering.connect(bob).claim());
    gas["settle (batch of 10)"] = await gasOf(offering.connect(operator).settle(batch.map((i) => i.address)));
    gas["withdrawProceeds"] = await gasOf(offering.withdrawProceeds());

    console.log(`      gas on ${networkName} (receipt gasUsed):`);
    for (const [name, used] of Object.entries(gas)) console.log(`        ${name.padEnd(42)} ${used}`);

    // The offering's first subscription also starts the running total of tokens allocated at price (the soft-cap
    // decision, issue #14 case 13): a one-time zero-to-non-zero write.
    if (!instrumented) expect(gas["subscribe (first)"]).to.be.below(160_000n);
    expect(gas["subscribe (add)"]).to.be.below(gas["subscribe (first)"]);
    if (!instrumented) expect(gas["claim (tokens + stable refund, lock-up)"]).to.be.below(200_000n);
    expect(gas["claim (later investor, stable refund)"]).to.be.below(gas["claim (tokens + stable refund, lock-up)"]);
    expect(gas["settle (batch of 10)"]).to.be.below(10n * gas["claim (tokens + stable refund, lock-up)"]);
  });

  it("through the real SecurityToken (as bench/gas.ts measures): second subscribe and second claim", async function () {
    const suite = await deployTokenSuite(ethers);
    const { token, admin, officer, alice, bob } = suite;
    const usd = 10n ** 6n;
    const usdc = await ethers.deployContract("OfferingMockStablecoin", ["USD Coin", "USDC", 6]);
    const now = BigInt(await networkHelpers.time.latest());
    const terms = {
      token: await token.getAddress(),
      paymentToken: await usdc.getAddress(),
      price: 2n * usd,
      minSubscription: 10n * usd,
      maxSubscription: 20_000n * usd,
      softCap: 100n * UNIT,
      hardCap: 10_000n * UNIT,
      startTime: now + 100n,
      endTime: now + 100_000n,
      lockupEnd: now + 10_000_000n,
      treasury: admin.address,
      oracle: ethers.ZeroAddress,
      oracleAsset: ethers.ZeroAddress,
    };
    const offering = await ethers.deployContract("Offering", [terms, admin.address, 0n, admin.address, admin.address]);
    await token.grantRole(await token.AGENT_ROLE(), await offering.getAddress());
    await token.grantRole(await token.LOCKUP_ROLE(), await offering.getAddress());
    // The usual configuration: investor and balance limits, lock-up enforced (new investors reserve a slot).
    await token.connect(officer).setRules(RULE.maxInvestors | RULE.maxBalance | RULE.lockup, 0, 100, 6_000n * UNIT);
    for (const investor of [alice, bob]) {
      await usdc.mint(investor.address, 5_000n * usd);
      await usdc.connect(investor).approve(await offering.getAddress(), 5_000n * usd);
    }
    await networkHelpers.time.increaseTo(terms.startTime);
    await offering.connect(alice).subscribe(1_000n * usd);
    const subscribe = await gasOf(offering.connect(bob).subscribe(1_000n * usd));
    await networkHelpers.time.increaseTo(terms.endTime);
    await offering.connect(admin).finalise();
    await offering.connect(alice).claim();
    const claim = await gasOf(offering.connect(bob).claim());
    expect(await token.balanceOf(bob.address)).to.equal(500n * UNIT);
    console.log(`      real token on ${networkName}: subscribe ${subscribe}, claim ${claim}`);
    expect(subscribe).to.be.below(200_000n);
    expect(claim).to.be.below(250_000n);
  });
});
