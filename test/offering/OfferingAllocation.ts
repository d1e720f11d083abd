import { expect } from "chai";
import { network } from "hardhat";

import {
  deployOfferingSuite,
  prng,
  referenceAllocation,
  referenceNativeValue,
  type ReferenceSubscription,
  TOKEN_UNIT,
} from "./helpers.js";

const { ethers, networkHelpers, networkName } = await network.create();

const CASES = 10;

/**
 * Differential check of the allocation math: random offerings (price, hard cap, decimals 6 or 18, native price)
 * with random investors paying in the stablecoin and/or the native coin; every on-chain allocation must equal the
 * BigInt reference of the documented rule, and settling everyone must conserve every unit.
 */
describe(`Offering allocation vs BigInt reference on ${networkName}`, function () {
  for (let c = 0; c < CASES; c++) {
    it(`case ${c}: allocations, refunds and proceeds match the reference`, async function () {
      const rand = prng(0x5707 + c);
      const decimals = rand.next() < 0.5 ? 6 : 18;
      const unit = 10n ** BigInt(decimals);
      const price = rand.between(1n, 50n * unit) + (rand.next() < 0.5 ? 0n : unit / 3n);
      const hardCap = rand.between(10n * TOKEN_UNIT, 5_000n * TOKEN_UNIT) + rand.between(0n, TOKEN_UNIT);
      const nativeUsd = rand.between(100n * TOKEN_UNIT, 5_000n * TOKEN_UNIT) + rand.between(0n, TOKEN_UNIT);
      const suite = await deployOfferingSuite(ethers, {
        decimals,
        price,
        hardCap,
        softCap: 0n,
        minSubscription: 1n,
        maxSubscription: 10n ** 30n,
        nativeUsd,
      });
      const { offering, stablecoin, token, terms, operator, issuer, treasury } = suite;
      const investors = [suite.alice, suite.bob, suite.carol, suite.dave, ...suite.others.slice(0, 4)];
      await networkHelpers.time.increaseTo(terms.startTime);

      const subs: ReferenceSubscription[] = [];
      for (const investor of investors) {
        const sub: ReferenceSubscription = { stable: 0n, native: 0n, nativeValue: 0n };
        const mode = rand.next();
        if (mode < 0.7) {
          sub.stable = rand.between(1n, 3_000n * unit);
          await stablecoin.mint(investor.address, sub.stable);
          await stablecoin.connect(investor).approve(await offering.getAddress(), sub.stable);
          await offering.connect(investor).subscribe(sub.stable);
        }
        if (mode > 0.4) {
          sub.native = rand.between(10n ** 15n, 2n * 10n ** 18n);
          sub.nativeValue = referenceNativeValue(sub.native, nativeUsd, decimals);
          await offering.connect(investor).subscribeNative({ value: sub.native });
        }
        subs.push(sub);
        const onChain = await offering.subscriptionOf(investor.address);
        expect(onChain.nativeValue).to.equal(sub.nativeValue);
      }
      const total = subs.reduce((acc, s) => acc + s.stable + s.nativeValue, 0n);
      expect(await offering.totalSubscribedValue()).to.equal(total);

      await networkHelpers.time.increaseTo(terms.endTime);
      await offering.connect(issuer).finalise();

      const stableBefore = await Promise.all(investors.map((i) => stablecoin.balanceOf(i.address)));
      let minted = 0n;
      let stableCharged = 0n;
      let nativeCharged = 0n;
      for (let i = 0; i < investors.length; i++) {
        const expected = referenceAllocation(subs[i], total, price, hardCap);
        const actual = await offering.allocationOf(investors[i].address);
        expect(actual.tokens).to.equal(expected.tokens, `tokens of investor ${i}`);
        expect(actual.stableCharged).to.equal(expected.stableCharged, `stable charge of investor ${i}`);
        expect(actual.nativeCharged).to.equal(expected.nativeCharged, `native charge of investor ${i}`);
        expect(actual.stableRefund).to.equal(expected.stableRefund, `stable refund of investor ${i}`);
        expect(actual.nativeRefund).to.equal(expected.nativeRefund, `native refund of investor ${i}`);
        expect(expected.stableCharged).to.be.at.most(subs[i].stable);
        expect(expected.nativeCharged).to.be.at.most(subs[i].native);
        minted += expected.tokens;
        stableCharged += expected.stableCharged;
        nativeCharged += expected.nativeCharged;
      }
      expect(minted).to.be.at.most(hardCap);

      await offering.connect(operator).settle(investors.map((i) => i.address));
      expect(await token.totalSupply()).to.equal(minted);
      for (let i = 0; i < investors.length; i++) {
        const expected = referenceAllocation(subs[i], total, price, hardCap);
        expect((await stablecoin.balanceOf(investors[i].address)) - stableBefore[i]).to.equal(expected.stableRefund);
      }
      const [pendingStable, pendingNative] = await offering.pendingProceeds();
      expect(pendingStable).to.equal(stableCharged);
      expect(pendingNative).to.equal(nativeCharged);
      if (pendingStable + pendingNative > 0n) await offering.withdrawProceeds();
      expect(await stablecoin.balanceOf(treasury.address)).to.equal(stableCharged);
      expect(await stablecoin.balanceOf(await offering.getAddress())).to.equal(0n);
      expect(await ethers.provider.getBalance(await offering.getAddress())).to.equal(0n);
    });
  }
});
