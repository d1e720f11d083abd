import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import { network } from "hardhat";

import { deployOfferingSuite, TOKEN_UNIT } from "./helpers.js";

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

    expect(gas["subscribe (first)"]).to.be.below(150_000n);
    expect(gas["subscribe (add)"]).to.be.below(gas["subscribe (first)"]);
    expect(gas["claim (tokens + stable refund, lock-up)"]).to.be.below(200_000n);
    expect(gas["claim (later investor, stable refund)"]).to.be.below(gas["claim (tokens + stable refund, lock-up)"]);
    expect(gas["settle (batch of 10)"]).to.be.below(10n * gas["claim (tokens + stable refund, lock-up)"]);
  });
});
