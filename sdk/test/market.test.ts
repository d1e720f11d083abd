// The secondary market through @stokit/sdk/market, against the real Market and SecurityToken on the test chain: a
// token of its own (bound to the suite's registry, the market a trusted operator) and a 6-decimal stablecoin, traded
// by fresh, registered accounts, so the suite's shared balances are untouched.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { Interface, Wallet, getAddress, id, verifyTypedData } from "ethers";

import { ContractRevertError } from "../src/errors/contract.js";
import { InvalidParameterError, UnsupportedChainError } from "../src/errors/parameter.js";
import {
  FillStatus,
  ORDER_TYPES,
  cancelOrderAndWait,
  cancelOrdersUpToAndWait,
  checkFill,
  fillOrder,
  fillOrderAndWait,
  getOrderBook,
  getOrderStatus,
  hashOrder,
  marketAbi,
  marketDomain,
  marketReasons,
  matchOrdersAndWait,
  orderMessage,
  signOrder,
  simulateFillOrder,
  simulateMatchOrders,
  type Order,
  type SignedOrder,
} from "../src/market.js";
import { deploy, now, type AnyContract } from "./chain.js";
import { COUNTRY_KR, E18, fullSuite, type FullSuite } from "./suite.js";

const USDC = 10n ** 6n;
const DAY = 86_400n;

/** Asserts a promise rejects with a decoded ContractRevertError named `errorName`, returning it. */
async function revertsWith(p: Promise<unknown>, errorName: string): Promise<ContractRevertError> {
  try {
    await p;
  } catch (error) {
    assert.ok(error instanceof ContractRevertError, `expected a ContractRevertError, got ${String(error)}`);
    assert.equal(error.errorName, errorName, error.message);
    return error;
  }
  assert.fail(`expected ${errorName}`);
}

describe("market: @stokit/sdk/market", () => {
  let f: FullSuite;
  let market: AnyContract;
  let marketAddress: string;
  let token: AnyContract;
  let tokenAddress: string;
  let usdc: AnyContract;
  let usdcAddress: string;
  /** Registered investors: sellers[0..1] hold 100 tokens each, buyers[0..1] 10,000 USDC each; all approved. */
  let sellers: Wallet[];
  let buyers: Wallet[];
  /** Registered, holds nothing. */
  let idle: Wallet;
  /** Never registered. */
  let stranger: Wallet;
  let expiry: bigint;
  let p: { market: string };
  let salt = 1000n;

  const order = (
    maker: Wallet | string,
    side: "buy" | "sell",
    price: bigint,
    amount: bigint,
    extra: Partial<Order> = {},
  ) => ({
    maker: typeof maker === "string" ? maker : maker.address,
    side,
    token: tokenAddress,
    paymentToken: usdcAddress,
    price,
    amount,
    expiry,
    salt: ++salt,
    ...extra,
  });
  const wait = async (tx: Promise<{ wait(): Promise<unknown> }>) => (await tx).wait();

  before(async () => {
    f = await fullSuite();
    const fresh = async () => {
      const w = new Wallet(Wallet.createRandom().privateKey, f.provider);
      await f.provider.send("hardhat_setBalance", [w.address, "0x56BC75E2D63100000"]);
      return w;
    };
    sellers = [await fresh(), await fresh()];
    buyers = [await fresh(), await fresh()];
    idle = await fresh();
    stranger = await fresh();
    market = await deploy("Market", f.admin, [0, f.admin.address]);
    marketAddress = getAddress(await market.getAddress());
    p = { market: marketAddress };
    token = await deploy("SecurityToken", f.admin, [
      "Market Right",
      "MKT",
      await f.registry.getAddress(),
      0,
      f.admin.address,
    ]);
    tokenAddress = getAddress(await token.getAddress());
    await wait(f.registry.setTokenBinding(tokenAddress, true));
    for (const role of ["AGENT_ROLE", "COMPLIANCE_ROLE"])
      await wait(token.grantRole(await token[role](), f.admin.address));
    await wait(token.setTrustedOperator(marketAddress, true));
    await wait(market.grantRole(await market.OPERATOR_ROLE(), f.admin.address));
    // Registered after the binding: the registry pushes each identity to its bound tokens.
    const kycExpiry = (await now(f.provider)) + 365n * DAY;
    for (const [i, w] of [...sellers, ...buyers, idle].entries())
      await wait(
        f.registry.registerInvestor(id(`market-investor-${i}-${w.address}`), COUNTRY_KR, kycExpiry, 1, w.address),
      );

    usdc = await deploy("OfferingMockStablecoin", f.admin, ["USD Coin", "USDC", 6]);
    usdcAddress = getAddress(await usdc.getAddress());
    for (const s of sellers) {
      await wait(token.mint(s.address, 100n * E18));
      await wait((token.connect(s) as AnyContract).approve(marketAddress, 2n ** 255n));
    }
    for (const b of buyers) {
      await wait(usdc.mint(b.address, 10_000n * USDC));
      await wait((usdc.connect(b) as AnyContract).approve(marketAddress, 2n ** 255n));
    }
    expiry = (await now(f.provider)) + 30n * DAY;
  });

  it("signs an order as the contract hashes it (hashOrder offline = the market's view; the maker recovers) and fills it", async () => {
    const signed = await signOrder(sellers[0]!, {
      ...p,
      order: { ...order(sellers[0]!, "sell", 2n * USDC, 10n * E18) },
    });
    assert.equal(signed.order.nonce, 0n);
    assert.equal(signed.hash, await market.hashOrder(Object.values(orderMessage(signed.order))));
    assert.equal(signed.hash, hashOrder(signed.order, { chainId: f.chainId, market: marketAddress }));
    assert.deepEqual(signed.domain, marketDomain({ chainId: f.chainId, market: marketAddress }));
    const recovered = verifyTypedData(
      signed.domain,
      ORDER_TYPES as unknown as Record<string, { name: string; type: string }[]>,
      orderMessage(signed.order),
      signed.signature,
    );
    assert.equal(recovered, sellers[0]!.address);
    // The type hash is the contract's.
    const typeString = ORDER_TYPES.Order.map((x) => `${x.type} ${x.name}`).join(",");
    assert.equal(id(`Order(${typeString})`), await market.ORDER_TYPEHASH());

    // A default salt is random: two otherwise equal orders hash apart.
    const { salt: _s, ...noSalt } = order(sellers[0]!, "sell", 2n * USDC, 10n * E18);
    void _s;
    const a = await signOrder(sellers[0]!, { ...p, order: noSalt });
    const b = await signOrder(sellers[0]!, { ...p, order: noSalt });
    assert.notEqual(a.hash, b.hash);

    const check = await checkFill(f.provider, { ...p, order: signed, amount: 4n * E18, taker: buyers[0]!.address });
    assert.equal(check.fillable, true);
    assert.equal(check.reason, undefined);
    assert.equal(check.status, FillStatus.Fillable);
    assert.equal(check.payment, 8n * USDC);
    assert.equal(check.remaining, 10n * E18);
    assert.equal(check.paymentDecimals, 6);
    assert.equal(check.paymentSymbol, "USDC");
    assert.equal(check.hash, signed.hash);

    const before = BigInt(await usdc.balanceOf(sellers[0]!.address));
    const { trade, receipt } = await fillOrderAndWait(buyers[0]!, { ...p, order: signed, amount: 4n * E18 });
    assert.equal(receipt.status, 1);
    assert.deepEqual(trade, {
      sellOrderHash: signed.hash,
      buyOrderHash: `0x${"0".repeat(64)}`,
      token: tokenAddress,
      seller: sellers[0]!.address,
      buyer: buyers[0]!.address,
      paymentToken: usdcAddress,
      price: 2n * USDC,
      amount: 4n * E18,
      payment: 8n * USDC,
      fee: 0n,
      sellRemaining: 6n * E18,
      buyRemaining: 0n,
    });
    assert.equal(BigInt(await usdc.balanceOf(sellers[0]!.address)) - before, 8n * USDC);
    f.provider.resetStats();
    const status = await getOrderStatus(f.provider, { ...p, order: signed.order });
    assert.equal(f.provider.stats.roundTrips, 1, "order status: one eth_call");
    assert.deepEqual(
      { state: status.state, filled: status.filled, remaining: status.remaining, hash: status.hash },
      { state: "open", filled: 4n * E18, remaining: 6n * E18, hash: signed.hash },
    );
    await fillOrderAndWait(buyers[0]!, { ...p, order: signed, amount: 6n * E18 });
    const done = await getOrderStatus(f.provider, { ...p, order: signed.order });
    assert.equal(done.state, "filled");
    assert.equal(done.remaining, 0n);
    const filled = await checkFill(f.provider, { ...p, order: signed, amount: 1n, taker: buyers[0]!.address });
    assert.equal(filled.reason, "Filled");
    assert.match(filled.message, /completely filled/);
  });

  it("fills a buy order: the taker sells, the buying maker's payment is rounded down", async () => {
    const signed = await signOrder(buyers[1]!, { ...p, order: order(buyers[1]!, "buy", 3n * USDC + 1n, 3n * E18) });
    const { trade } = await fillOrderAndWait(sellers[1]!, { ...p, order: signed, amount: 1n * E18 + 1n });
    assert.equal(trade.buyOrderHash, signed.hash);
    assert.equal(trade.seller, sellers[1]!.address);
    assert.equal(trade.buyRemaining, 2n * E18 - 1n);
    assert.equal(trade.payment, ((1n * E18 + 1n) * (3n * USDC + 1n)) / E18);
  });

  it("checkFill gives a typed reason for each refusal, with the token's restriction code and sentence", async () => {
    const base = await signOrder(sellers[1]!, { ...p, order: order(sellers[1]!, "sell", 2n * USDC, 5n * E18) });
    const taker = buyers[1]!.address;
    const at = (o: SignedOrder, amount: bigint, who = taker) =>
      checkFill(f.provider, { ...p, order: o, amount, taker: who });

    const restricted = await at(base, E18, stranger.address);
    assert.equal(restricted.reason, "TokenRestricted");
    assert.equal(restricted.restrictionCode, 4);
    assert.equal(restricted.restrictionName, "ReceiverNotVerified");
    assert.match(
      restricted.message,
      new RegExp(`restriction 4 \\(ReceiverNotVerified\\).*${stranger.address} is not a verified investor`),
    );

    assert.equal((await at(base, 6n * E18)).reason, "Overfilled");
    assert.equal((await at(base, 0n)).reason, "ZeroAmount");
    assert.equal((await at(base, E18, sellers[1]!.address)).reason, "SelfTrade");
    const forged = {
      order: base.order,
      signature: (await signOrder(sellers[0]!, { ...p, order: { ...base.order, maker: sellers[0]!.address } }))
        .signature,
    };
    assert.equal((await at(forged, E18)).reason, "InvalidSignature");
    // Each leg's balance and allowance, the taker's included: a registered seller without payment tokens buying...
    assert.equal((await at(base, E18, idle.address)).reason, "BuyerBalance");
    await wait(usdc.mint(idle.address, 100n * USDC));
    const noApproval = await at(base, E18, idle.address);
    assert.equal(noApproval.reason, "BuyerAllowance");
    assert.match(noApproval.message, /has not approved the market for the 2000000 to pay/);
    // ...and a registered buyer without tokens selling into a buy order, then with tokens but no approval.
    const bid = await signOrder(buyers[0]!, { ...p, order: order(buyers[0]!, "buy", 2n * USDC, 5n * E18) });
    assert.equal((await at(bid, E18, idle.address)).reason, "SellerBalance");
    await wait(token.mint(idle.address, E18));
    assert.equal((await at(bid, E18, idle.address)).reason, "SellerAllowance");
    const unverifiedSeller = await at(bid, E18, stranger.address);
    assert.equal(unverifiedSeller.reason, "TokenRestricted");
    assert.equal(unverifiedSeller.restrictionCode, 3);
    assert.equal(unverifiedSeller.restrictionName, "SenderNotVerified");

    const brief = await signOrder(sellers[1]!, {
      ...p,
      order: order(sellers[1]!, "sell", 2n * USDC, E18, { expiry: (await now(f.provider)) + 60n }),
    });
    await f.provider.send("evm_increaseTime", [120]);
    await f.provider.send("evm_mine", []);
    const expired = await at(brief, E18);
    assert.equal(expired.reason, "Expired");
    assert.equal((await getOrderStatus(f.provider, { ...p, order: brief.order })).state, "expired");
    await revertsWith(fillOrder(buyers[1]!, { ...p, order: brief, amount: E18 }), "MarketOrderExpired");

    const { cancelled } = await cancelOrderAndWait(sellers[1]!, { ...p, order: base.order });
    assert.deepEqual(cancelled, { orderHash: base.hash, maker: sellers[1]!.address, filled: 0n });
    assert.equal((await at(base, E18)).reason, "Cancelled");
    assert.equal((await getOrderStatus(f.provider, { ...p, order: base.order })).state, "cancelled");
    await revertsWith(fillOrder(buyers[1]!, { ...p, order: base, amount: E18 }), "MarketOrderCancelled");
    const notMaker = await revertsWith(cancelOrderAndWait(buyers[1]!, { ...p, order: base.order }), "MarketNotMaker");
    assert.equal(notMaker.reason, marketReasons.MarketNotMaker!({ caller: buyers[1]!.address, orderHash: base.hash }));
  });

  it("a refused fill throws the decoded error: the market's, or the token's restriction with its code", async () => {
    const signed = await signOrder(sellers[0]!, { ...p, order: order(sellers[0]!, "sell", 2n * USDC, 5n * E18) });
    const over = await revertsWith(
      simulateFillOrder(buyers[0]!, { ...p, order: signed, amount: 6n * E18 }),
      "MarketOverfill",
    );
    assert.equal(over.reason, `Order ${signed.hash} has ${5n * E18} left to fill, less than the ${6n * E18} asked.`);
    await wait(f.provider.send("hardhat_setBalance", [stranger.address, "0x56BC75E2D63100000"]) as never).catch(
      () => {},
    );
    await wait((usdc.connect(f.admin) as AnyContract).mint(stranger.address, 100n * USDC));
    await wait((usdc.connect(stranger) as AnyContract).approve(marketAddress, 2n ** 255n));
    const restricted = await revertsWith(
      fillOrder(stranger, { ...p, order: signed, amount: E18 }),
      "SecurityTokenRestricted",
    );
    assert.equal(restricted.args.code, 4n);
    assert.match(restricted.reason, /restriction 4 \(ReceiverNotVerified\)/);
    await revertsWith(fillOrder(sellers[0]!, { ...p, order: signed, amount: E18 }), "MarketSelfTrade");
    await assert.rejects(fillOrder(buyers[0]!, { ...p, order: signed, amount: 0n }), InvalidParameterError);
    await assert.rejects(
      fillOrder(buyers[0]!, { ...p, order: { ...signed, signature: "0xzz" }, amount: E18 }),
      (e: unknown) => e instanceof InvalidParameterError && e.parameter === "order.signature",
    );
    await assert.rejects(
      signOrder(sellers[0]!, { ...p, order: { ...order(sellers[0]!, "sell", 2n * USDC, E18), expiry: 1n } }),
      (e: unknown) => e instanceof InvalidParameterError && e.parameter === "order.expiry",
    );
    await assert.rejects(
      signOrder(sellers[0]!, { ...p, order: { ...order(sellers[0]!, "sell", 0n, E18) } }),
      (e: unknown) => e instanceof InvalidParameterError && e.parameter === "order.price",
    );
    // A contract that is not a Market (no EIP-712 domain of this name): nothing is signed.
    await assert.rejects(
      signOrder(sellers[0]!, { market: await f.points.getAddress(), order: order(sellers[0]!, "sell", 1n, 1n) }),
      InvalidParameterError,
    );
  });

  it("matches two crossing orders at the sell price (operator only), and refuses uncrossed ones", async () => {
    const sell = await signOrder(sellers[1]!, { ...p, order: order(sellers[1]!, "sell", 2n * USDC, 4n * E18) });
    const buy = await signOrder(buyers[1]!, { ...p, order: order(buyers[1]!, "buy", 3n * USDC, 4n * E18) });
    await revertsWith(
      simulateMatchOrders(buyers[1]!, { ...p, buy, sell, amount: E18 }),
      "AccessControlUnauthorizedAccount",
    );
    const low = await signOrder(buyers[1]!, { ...p, order: order(buyers[1]!, "buy", USDC, 4n * E18) });
    const notCrossed = await revertsWith(
      simulateMatchOrders(f.admin, { ...p, buy: low, sell, amount: E18 }),
      "MarketNotCrossed",
    );
    assert.equal(notCrossed.args.payment, 2n * USDC);
    assert.equal(notCrossed.args.maxPayment, USDC);
    await revertsWith(
      simulateMatchOrders(f.admin, { ...p, buy: sell, sell: buy, amount: E18 }),
      "MarketOrdersMismatch",
    );
    const { trade } = await matchOrdersAndWait(f.admin, { ...p, buy, sell, amount: 3n * E18 });
    assert.equal(trade.sellOrderHash, sell.hash);
    assert.equal(trade.buyOrderHash, buy.hash);
    assert.equal(trade.price, 2n * USDC);
    assert.equal(trade.payment, 6n * USDC);
    assert.equal(trade.sellRemaining, E18);
    assert.equal(trade.buyRemaining, E18);
  });

  it("cancels every order below a nonce at once; a floor not above the current one is refused", async () => {
    const signed = await signOrder(idle, {
      ...p,
      order: { ...order(idle, "sell", 2n * USDC, E18), nonce: 3n },
    });
    const { cancelled } = await cancelOrdersUpToAndWait(idle, { ...p, minNonce: 4n });
    assert.deepEqual(cancelled, { maker: idle.address, minNonce: 4n });
    const status = await getOrderStatus(f.provider, { ...p, order: signed.order });
    assert.equal(status.state, "cancelled");
    assert.equal(status.cancelled, true);
    const again = await revertsWith(cancelOrdersUpToAndWait(idle, { ...p, minNonce: 4n }), "MarketNonceNotIncreasing");
    assert.equal(again.reason, "The nonce floor is 4; the new one (4) must be higher.");
    await assert.rejects(cancelOrdersUpToAndWait(idle, { ...p, minNonce: 0n }), InvalidParameterError);
    // The market from the address book's `Market` entry (here given as an override), or none known: a typed error.
    const viaBook = await getOrderStatus(f.provider, { addresses: { Market: marketAddress }, order: signed.order });
    assert.equal(viaBook.hash, signed.hash);
    await assert.rejects(getOrderStatus(f.provider, { order: signed.order }), UnsupportedChainError);
  });

  it("reads a book of good, partly filled, ERC-1271, expired, cancelled, filled, underfunded, non-compliant and badly signed orders in one round trip", async (t) => {
    const registered = async (label: string) => {
      const w = new Wallet(Wallet.createRandom().privateKey, f.provider);
      await f.provider.send("hardhat_setBalance", [w.address, "0x56BC75E2D63100000"]);
      const kyc = (await now(f.provider)) + 365n * DAY;
      await wait(f.registry.registerInvestor(id(`market-book-${label}-${w.address}`), COUNTRY_KR, kyc, 1, w.address));
      return w;
    };
    const [lazy, frozen, thrifty] = [await registered("lazy"), await registered("frozen"), await registered("thrifty")];
    await wait(token.mint(lazy.address, 5n * E18)); // never approves the market
    await wait(token.mint(frozen.address, 5n * E18));
    await wait((token.connect(frozen) as AnyContract).approve(marketAddress, 2n ** 255n));
    await wait(usdc.mint(thrifty.address, 100n * USDC));
    await wait((usdc.connect(thrifty) as AnyContract).approve(marketAddress, 3n * USDC)); // covers 1.5 tokens at 2
    // An ERC-1271 wallet owned by sellers[1]: registered, holding 3 tokens, the market approved for 2.
    const wallet = await deploy("MarketMockWallet", f.admin, [sellers[1]!.address]);
    const walletAddress = getAddress(await wallet.getAddress());
    const kyc = (await now(f.provider)) + 365n * DAY;
    await wait(
      f.registry.registerInvestor(id(`market-book-wallet-${walletAddress}`), COUNTRY_KR, kyc, 1, walletAddress),
    );
    await wait(token.mint(walletAddress, 3n * E18));
    const approve = new Interface(["function approve(address,uint256)"]).encodeFunctionData("approve", [
      marketAddress,
      2n * E18,
    ]);
    await wait((wallet.connect(sellers[1]!) as AnyContract).execute(tokenAddress, approve));

    const sign = (w: Wallet, o: ReturnType<typeof order>) => signOrder(w, { ...p, order: o });
    const ask3 = await sign(sellers[0]!, order(sellers[0]!, "sell", 3n * USDC, 5n * E18));
    const ask25 = await sign(sellers[1]!, order(sellers[1]!, "sell", (5n * USDC) / 2n, 2n * E18));
    const partly = await sign(sellers[0]!, order(sellers[0]!, "sell", 4n * USDC, 4n * E18));
    await fillOrderAndWait(buyers[1]!, { ...p, order: partly, amount: E18 });
    const viaWallet = await sign(sellers[1]!, order(walletAddress, "sell", 2n * USDC + 1n, 5n * E18));
    const bid15 = await sign(buyers[0]!, order(buyers[0]!, "buy", (3n * USDC) / 2n, 3n * E18));
    const bid18 = await sign(buyers[1]!, order(buyers[1]!, "buy", (9n * USDC) / 5n, E18));
    const thriftyBid = await sign(thrifty, order(thrifty, "buy", 2n * USDC, 5n * E18));
    const brief = await sign(
      sellers[0]!,
      order(sellers[0]!, "sell", 2n * USDC, E18, { expiry: (await now(f.provider)) + 30n }),
    );
    const gone = await sign(sellers[1]!, order(sellers[1]!, "sell", 2n * USDC, E18));
    await cancelOrderAndWait(sellers[1]!, { ...p, order: gone.order });
    const done = await sign(sellers[1]!, order(sellers[1]!, "sell", 2n * USDC, E18));
    await fillOrderAndWait(buyers[1]!, { ...p, order: done, amount: E18 });
    const empty = await sign(thrifty, order(thrifty, "sell", 2n * USDC, E18)); // holds no tokens
    const unapproved = await sign(lazy, order(lazy, "sell", 2n * USDC, E18));
    const frozenAsk = await sign(frozen, order(frozen, "sell", 2n * USDC, E18));
    await wait(token.setAddressFrozen(frozen.address, true));
    const forged = {
      order: ask3.order,
      signature: (await sign(sellers[1]!, { ...ask3.order, maker: sellers[1]!.address })).signature,
    };
    await f.provider.send("evm_increaseTime", [60]);
    await f.provider.send("evm_mine", []);

    const orders = [
      ask3,
      bid15,
      brief,
      partly,
      gone,
      viaWallet,
      done,
      empty,
      unapproved,
      frozenAsk,
      bid18,
      forged,
      ask25,
      thriftyBid,
    ];
    f.provider.resetStats();
    const book = await getOrderBook(f.provider, { ...p, orders, taker: buyers[0]!.address });
    t.diagnostic(
      `order book of ${orders.length} orders: ${f.provider.stats.roundTrips} round trip(s), ${JSON.stringify(f.provider.stats.byMethod)}`,
    );
    assert.equal(f.provider.stats.roundTrips, 1);
    assert.deepEqual(f.provider.stats.byMethod, { eth_call: 1 });

    const row = (e: { hash: string; price: bigint; remaining: bigint; fillable: bigint }) => [
      e.hash,
      e.price,
      e.remaining,
      e.fillable,
    ];
    assert.deepEqual(book.asks.map(row), [
      [viaWallet.hash, 2n * USDC + 1n, 5n * E18, 2n * E18], // the wallet approved 2 of its 3 tokens
      [ask25.hash, (5n * USDC) / 2n, 2n * E18, 2n * E18],
      [ask3.hash, 3n * USDC, 5n * E18, 5n * E18],
      [partly.hash, 4n * USDC, 3n * E18, 3n * E18],
    ]);
    assert.deepEqual(book.bids.map(row), [
      // 3 USDC approved at 2 USDC per token: the most whose payment (rounded down) stays within 3 USDC.
      [thriftyBid.hash, 2n * USDC, 5n * E18, 1_500_000_499_999_999_999n],
      [bid18.hash, (9n * USDC) / 5n, E18, E18],
      [bid15.hash, (3n * USDC) / 2n, 3n * E18, 3n * E18],
    ]);
    assert.deepEqual(
      [
        book.asks[0]!.paymentDecimals,
        book.asks[0]!.paymentSymbol,
        book.asks[0]!.tokenDecimals,
        book.asks[0]!.tokenSymbol,
      ],
      [6, "USDC", 18, "MKT"],
    );
    const reasons = Object.fromEntries(
      book.rejected.map((r) => [r.hash, [r.reason, r.restrictionCode, r.restrictionName]]),
    );
    assert.deepEqual(reasons, {
      [brief.hash]: ["Expired", 0, "None"],
      [gone.hash]: ["Cancelled", 0, "None"],
      [done.hash]: ["Filled", 0, "None"],
      [empty.hash]: ["MakerBalance", 0, "None"],
      [unapproved.hash]: ["MakerAllowance", 0, "None"],
      [frozenAsk.hash]: ["TokenRestricted", 5, "SenderFrozen"],
      [ask3.hash]: ["InvalidSignature", 0, "None"],
    });
    assert.equal(book.rejected.length, 7);
    for (const r of book.rejected) assert.ok(r.message.length > 0);
    assert.match(
      book.rejected.find((r) => r.reason === "TokenRestricted")!.message,
      new RegExp(`${frozen.address} is frozen`),
    );
    assert.match(book.rejected.find((r) => r.reason === "MakerAllowance")!.message, /has not approved the market/);

    // The wallet revokes its signatures: its order leaves the book. Without a taker, compliance is not checked.
    await wait((wallet.connect(sellers[1]!) as AnyContract).setRevoked(true));
    const after = await getOrderBook(f.provider, { ...p, orders: [viaWallet, frozenAsk] });
    assert.deepEqual(
      after.rejected.map((r) => r.reason),
      ["InvalidSignature"],
    );
    assert.deepEqual(
      after.asks.map((a) => a.hash),
      [frozenAsk.hash],
    );
    assert.deepEqual(await getOrderBook(f.provider, { ...p, orders: [] }), { bids: [], asks: [], rejected: [] });
    await assert.rejects(
      getOrderBook(f.provider, { ...p, orders: [ask3, { ...bid15, order: { ...bid15.order, maker: "0x1234" } }] }),
      (e: unknown) => e instanceof InvalidParameterError && e.parameter === "orders[1].order.maker",
    );
  });

  it("an order signed for one market never fills on another deployment (the domain binds the market's address)", async () => {
    const other = await deploy("Market", f.admin, [0, f.admin.address]);
    const otherAddress = getAddress(await other.getAddress());
    await wait(token.setTrustedOperator(otherAddress, true));
    const signed = await signOrder(sellers[1]!, { ...p, order: order(sellers[1]!, "sell", 2n * USDC, E18) });
    assert.notEqual(hashOrder(signed.order, { chainId: f.chainId, market: otherAddress }), signed.hash);
    const elsewhere = await checkFill(f.provider, {
      market: otherAddress,
      order: signed,
      amount: E18,
      taker: buyers[1]!.address,
    });
    assert.equal(elsewhere.reason, "InvalidSignature");
    await revertsWith(
      simulateFillOrder(buyers[1]!, { market: otherAddress, order: signed, amount: E18 }),
      "MarketInvalidSignature",
    );
    // Nor on another chain id: the hash changes with it.
    assert.notEqual(hashOrder(signed.order, { chainId: f.chainId + 1, market: marketAddress }), signed.hash);
  });

  it("every Market error has a sentence, reading the error's own parameters", () => {
    const names: string[] = [];
    new Interface(marketAbi).forEachError((e) => {
      if (e.name.startsWith("Market")) names.push(e.name);
    });
    assert.equal(names.length, 11);
    for (const n of names) assert.ok(marketReasons[n], n);
    // Each sentence reads only the error's own parameters (none prints "undefined") and prints amounts as plain
    // base-unit integers.
    new Interface(marketAbi).forEachError((e) => {
      if (!e.name.startsWith("Market")) return;
      const args = Object.fromEntries(
        e.inputs.map((x) => [
          x.name,
          x.type === "address"
            ? sellers[0]!.address
            : x.type === "bytes32"
              ? id(x.name)
              : x.type === "uint64"
                ? 1_767_225_600n // a unix time
                : 1_000_000_000_000_000_000n,
        ]),
      );
      const sentence = marketReasons[e.name]!(args);
      assert.ok(!sentence.includes("undefined"), `${e.name}: ${sentence}`);
      assert.match(sentence, /\.$/, e.name);
      assert.ok(!/\b(tokens|units)\b/.test(sentence) || e.name === "MarketOrdersMismatch", `${e.name}: ${sentence}`);
    });
  });
});
