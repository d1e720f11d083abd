/**
 * Issue 19 flow through the real SecurityToken, IdentityRegistry and DividendDistributor: investors trade on the
 * secondary market around a record date; the buyer of a trade settled after the record date does not get that
 * date's dividend (the seller does), and a trade the token refuses reverts with the token's restriction code.
 */
import { expect } from "chai";
import type { Signer } from "ethers";
import { network } from "hardhat";

import { CODE, UNIT, deployTokenSuite } from "../token/helpers.js";

const { ethers, networkHelpers, networkName } = await network.create();

const USDC = 10n ** 6n;
const DAY = 86_400n;
const SIDE = { buy: 0, sell: 1 } as const;
/** IMarket.FillStatus */
const STATUS = { fillable: 0, tokenRestricted: 7 } as const;
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

async function deployMarketFlow() {
  const suite = await deployTokenSuite(ethers);
  const { token, admin, agent, officer, recorder, alice, bob, carol, others } = suite;
  const [issuer] = others;
  const market = await ethers.deployContract("Market", [0n, admin.address]);
  const marketAddress = await market.getAddress();
  await token.connect(officer).setTrustedOperator(marketAddress, true);
  const usdc = await ethers.deployContract("OfferingMockStablecoin", ["USD Coin", "USDC", 6]);
  const distributor = await ethers.deployContract("DividendDistributor", [admin.address, 0n]);
  await distributor.grantRole(await distributor.DISTRIBUTOR_ROLE(), issuer.address);

  await token.connect(agent).mint(alice.address, 100n * UNIT);
  await token.connect(agent).mint(carol.address, 100n * UNIT);
  await token.connect(alice).approve(marketAddress, ethers.MaxUint256);
  await usdc.mint(bob.address, 10_000n * USDC);
  await usdc.connect(bob).approve(marketAddress, ethers.MaxUint256);
  const recordDate = BigInt(await networkHelpers.time.latest()) + 3_600n;
  await token.connect(recorder).scheduleRecordDate(recordDate);

  const [, name, version, chainId, verifyingContract] = await market.eip712Domain();
  const domain = { name, version, chainId, verifyingContract };
  let salt = 0n;
  async function signOrder(maker: Signer, side: number, amount: bigint, price: bigint) {
    const order = {
      maker: await maker.getAddress(),
      side,
      token: await token.getAddress(),
      paymentToken: await usdc.getAddress(),
      price,
      amount,
      expiry: recordDate + 10n * DAY,
      nonce: 0n,
      salt: ++salt,
    };
    return { order, signature: await maker.signTypedData(domain, ORDER_TYPES, order) };
  }
  return { ...suite, market, usdc, distributor, issuer, recordDate, signOrder };
}

describe(`Secondary market with the real SecurityToken on ${networkName}`, function () {
  it("a buyer after the record date does not get that date's dividend; the seller does", async function () {
    const { token, market, usdc, distributor, issuer, recordDate, signOrder, alice, bob, carol } =
      await networkHelpers.loadFixture(deployMarketFlow);
    const { order, signature } = await signOrder(alice, SIDE.sell, 50n * UNIT, 2n * USDC);
    const orderHash = await market.hashOrder(order);

    // settled before the record date: 10 tokens count for bob
    await expect(market.connect(bob).fill(order, signature, 10n * UNIT))
      .to.emit(market, "Trade")
      .withArgs(
        orderHash,
        ethers.ZeroHash,
        await token.getAddress(),
        alice.address,
        bob.address,
        await usdc.getAddress(),
        2n * USDC,
        10n * UNIT,
        20n * USDC,
        0n,
        40n * UNIT,
        0n,
      );
    await networkHelpers.time.increaseTo(recordDate + 1n);
    // settled after the record date: 30 more tokens move, the record stays with alice
    await market.connect(bob).fill(order, signature, 30n * UNIT);
    expect(await token.balanceOf(bob.address)).to.equal(40n * UNIT);
    expect(await token.balanceOfAt(bob.address, recordDate)).to.equal(10n * UNIT);
    expect(await token.balanceOfAt(alice.address, recordDate)).to.equal(90n * UNIT);
    expect(await usdc.balanceOf(alice.address)).to.equal(80n * USDC);

    await usdc.mint(issuer.address, 2_000n * USDC);
    await usdc.connect(issuer).approve(await distributor.getAddress(), 2_000n * USDC);
    await distributor
      .connect(issuer)
      .createDistribution(
        await token.getAddress(),
        await usdc.getAddress(),
        2_000n * USDC,
        recordDate,
        recordDate + 30n * DAY,
        [],
      );
    expect((await distributor.claimable(1n, bob.address)).net).to.equal(100n * USDC); // 10 of 200 tokens
    expect((await distributor.claimable(1n, alice.address)).net).to.equal(900n * USDC); // 90 of 200
    expect((await distributor.claimable(1n, carol.address)).net).to.equal(1_000n * USDC);
    await distributor.connect(bob).claim(1n);
    expect(await usdc.balanceOf(bob.address)).to.equal(10_000n * USDC - 80n * USDC + 100n * USDC);
  });

  it("a trade the token refuses reverts with its restriction code, and the pre-trade check says why", async function () {
    const { token, market, usdc, signOrder, alice, stranger } = await networkHelpers.loadFixture(deployMarketFlow);
    const { order, signature } = await signOrder(alice, SIDE.sell, 50n * UNIT, 2n * USDC);
    await usdc.mint(stranger.address, 100n * USDC);
    await usdc.connect(stranger).approve(await market.getAddress(), ethers.MaxUint256);

    const check = await market.checkFill(order, signature, UNIT, stranger.address);
    expect(check.status).to.equal(STATUS.tokenRestricted);
    expect(check.restrictionCode).to.equal(CODE.receiverNotVerified);
    expect(await token.messageForTransferRestriction(check.restrictionCode)).to.not.equal("");
    await expect(market.connect(stranger).fill(order, signature, UNIT))
      .to.be.revertedWithCustomError(token, "SecurityTokenRestricted")
      .withArgs(CODE.receiverNotVerified, alice.address, stranger.address, UNIT);
    expect(await usdc.balanceOf(stranger.address)).to.equal(100n * USDC);
    expect((await market.orderState(await market.hashOrder(order))).filled).to.equal(0n);
  });

  it("an operator matches a crossing buy and sell at the sell price", async function () {
    const { token, market, usdc, signOrder, admin, alice, bob, others } =
      await networkHelpers.loadFixture(deployMarketFlow);
    const operator = others[1];
    await market.connect(admin).grantRole(await market.OPERATOR_ROLE(), operator.address);
    const buy = await signOrder(bob, SIDE.buy, 20n * UNIT, 3n * USDC);
    const sell = await signOrder(alice, SIDE.sell, 20n * UNIT, 2n * USDC);
    const check = await market.checkFill(sell.order, sell.signature, 5n * UNIT, bob.address);
    expect(check.status).to.equal(STATUS.fillable);
    await expect(market.connect(operator).matchOrders(buy.order, buy.signature, sell.order, sell.signature, 5n * UNIT))
      .to.emit(market, "Trade")
      .withArgs(
        await market.hashOrder(sell.order),
        await market.hashOrder(buy.order),
        await token.getAddress(),
        alice.address,
        bob.address,
        await usdc.getAddress(),
        2n * USDC,
        5n * UNIT,
        10n * USDC,
        0n,
        15n * UNIT,
        15n * UNIT,
      );
    await expect(market.connect(bob).matchOrders(buy.order, buy.signature, sell.order, sell.signature, UNIT))
      .to.be.revertedWithCustomError(market, "AccessControlUnauthorizedAccount")
      .withArgs(bob.address, await market.OPERATOR_ROLE());
  });
});
