import { Interface, TypedDataEncoder, getAddress, type TypedDataDomain } from "ethers";

import { registerCatalogue } from "../../errors/catalogue.js";
import { InvalidParameterError } from "../../errors/parameter.js";
import { explainFill, marketReasons } from "../../errors/reasons/market.js";
import { tokenReasons } from "../../errors/reasons/token.js";
import * as mk from "../../generated/abis/Market.js";
import * as st from "../../generated/abis/SecurityToken.js";
import { expand } from "../../utils/abi.js";
import type { StokitRunner } from "../../utils/runner.js";
import type { TokenUnits } from "../../utils/units.js";
import { assertAddress, assertUint } from "../../utils/validate.js";
import { resolveTarget, type AreaParameters } from "../shared.js";
import { restrictionName, type RestrictionCodeValue, type RestrictionName } from "../token/restrictions.js";

/**
 * Parameters every market action accepts: which Market (default: the address book's `Market`).
 *
 * @example
 * ```ts
 * import type { MarketParameters } from "@stokit/sdk/market";
 * const p: MarketParameters = { market: "0x…" };
 * ```
 */
export type MarketParameters = AreaParameters & {
  /** The Market; default `addresses.Market`, then the built-in address book. */
  market?: string;
};

/**
 * The side of an order: the maker buys or sells the token.
 *
 * @example
 * ```ts
 * import type { OrderSide } from "@stokit/sdk/market";
 * const side: OrderSide = "sell";
 * ```
 */
export type OrderSide = "buy" | "sell";

/**
 * A limit order (the Market's EIP-712 `Order`). `price` is payment-token units per 1e18 token units (per whole token
 * for an 18-decimal token), the limit: a sell order's lowest price, a buy order's highest. `amount` is in token units,
 * over all fills. `expiry` is the last second (unix time) it can fill. Raising the maker's nonce floor above `nonce`
 * ({@link cancelOrdersUpTo}) cancels it; `salt` tells otherwise equal orders apart.
 *
 * @example
 * ```ts
 * import type { Order } from "@stokit/sdk/market";
 * const order: Order = { maker, side: "sell", token, paymentToken: usdc, price: 1_500_000n, amount: 10n ** 18n,
 *   expiry, nonce: 0n, salt: 1n };
 * ```
 */
export type Order = {
  maker: string;
  side: OrderSide;
  token: string;
  paymentToken: string;
  price: bigint;
  amount: bigint;
  expiry: bigint;
  nonce: bigint;
  salt: bigint;
};

/**
 * An order with its maker's signature (65-byte ECDSA, or whatever the maker's ERC-1271 wallet accepts): what a maker
 * hands to takers and what {@link fillOrder} and {@link getOrderBook} take.
 *
 * @example
 * ```ts
 * import { signOrder, type SignedOrder } from "@stokit/sdk/market";
 * const signed: SignedOrder = await signOrder(maker, { market, order });
 * ```
 */
export type SignedOrder = { order: Order; signature: string };

/**
 * EIP-712 types of {@link Order}, as the Market hashes it (`ORDER_TYPEHASH`); `side` is 0 (buy) or 1 (sell).
 *
 * @example
 * ```ts
 * import { ORDER_TYPES } from "@stokit/sdk/market";
 * const signature = await maker.signTypedData(domain, ORDER_TYPES, orderMessage(order));
 * ```
 */
export const ORDER_TYPES = {
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
} as const;

/** The Market's EIP-712 domain name and version (the chain id and the market's address complete it). */
export const MARKET_EIP712_NAME = "stokit Market";
/** @see {@link MARKET_EIP712_NAME} */
export const MARKET_EIP712_VERSION = "1";

/**
 * The Market's `FillStatus`: why a fill would fail, `Fillable` when it would go through.
 *
 * @example
 * ```ts
 * import { FillStatus } from "@stokit/sdk/market";
 * FillStatus.TokenRestricted; // 7
 * ```
 */
export const FillStatus = {
  Fillable: 0,
  InvalidSignature: 1,
  Cancelled: 2,
  Expired: 3,
  Overfilled: 4,
  ZeroAmount: 5,
  SelfTrade: 6,
  TokenRestricted: 7,
  SellerBalance: 8,
  SellerAllowance: 9,
  BuyerBalance: 10,
  BuyerAllowance: 11,
} as const;

/**
 * Why a fill would fail: the Market's {@link FillStatus} names (but `Fillable`), with `Filled` told apart from
 * `Overfilled` (nothing left at all, rather than less than asked), and, in {@link getOrderBook}, `MakerBalance` /
 * `MakerAllowance` (the maker cannot deliver its leg at all).
 *
 * @example
 * ```ts
 * import type { FillRefusal } from "@stokit/sdk/market";
 * const r: FillRefusal = "Expired";
 * ```
 */
export type FillRefusal = Exclude<keyof typeof FillStatus, "Fillable"> | "Filled" | "MakerBalance" | "MakerAllowance";

/** @internal The names of {@link FillStatus} by value. */
export const FILL_STATUS_NAMES = Object.keys(FillStatus) as (keyof typeof FillStatus)[];

/**
 * What a settlement's `Trade` event says: the parties, the price and amounts, what the buyer paid (the fee included)
 * and what each order has left. A zero order hash is the taker's side of a fill.
 *
 * @example
 * ```ts
 * import { fillOrderAndWait, type Trade } from "@stokit/sdk/market";
 * const { trade }: { trade: Trade } = await fillOrderAndWait(taker, { order: signed, amount });
 * ```
 */
export type Trade = {
  sellOrderHash: string;
  buyOrderHash: string;
  token: string;
  seller: string;
  buyer: string;
  paymentToken: string;
  price: bigint;
  amount: bigint;
  payment: bigint;
  fee: bigint;
  sellRemaining: bigint;
  buyRemaining: bigint;
};

/** @internal The Market's functions, errors (and the token's, which a settlement surfaces) and events. */
const marketFunctions: string[] = /*#__PURE__*/ (() => {
  registerCatalogue({
    errors: [...mk.marketErrors, ...st.securityTokenErrors],
    reasons: { ...tokenReasons, ...marketReasons },
  });
  return expand("function", [
    mk.fill,
    mk.matchOrders,
    mk.cancel,
    mk.cancelUpTo,
    mk.checkFill,
    mk.hashOrder,
    mk.orderState,
    mk.minNonce,
    mk.eip712Domain,
  ]);
})();

/** @internal */
export const marketInterface = /*#__PURE__*/ new Interface(marketFunctions);

/** @internal {@link marketInterface} and the Market's events, for writes (their receipts decode its events). */
export const marketWriteInterface = /*#__PURE__*/ (() =>
  new Interface([...marketFunctions, ...expand("event", mk.marketEvents)]))();

/** @internal */
export function resolveMarket(runner: StokitRunner, p: MarketParameters): Promise<string> {
  return resolveTarget(runner, p, "market", p.market, "Market");
}

/** @internal Validates an order (addresses checksummed, amounts in range) under `parameter`. */
export function normalizeOrder(order: Order, parameter = "order"): Order {
  if (typeof order !== "object" || order === null)
    throw new InvalidParameterError({ parameter, value: order, expected: "an order object" });
  if (order.side !== "buy" && order.side !== "sell")
    throw new InvalidParameterError({ parameter: `${parameter}.side`, value: order.side, expected: '"buy" or "sell"' });
  return {
    maker: assertAddress(`${parameter}.maker`, order.maker),
    side: order.side,
    token: assertAddress(`${parameter}.token`, order.token),
    paymentToken: assertAddress(`${parameter}.paymentToken`, order.paymentToken),
    price: assertUint(`${parameter}.price`, order.price),
    amount: assertUint(`${parameter}.amount`, order.amount),
    expiry: assertUint(`${parameter}.expiry`, order.expiry, (1n << 64n) - 1n),
    nonce: assertUint(`${parameter}.nonce`, order.nonce),
    salt: assertUint(`${parameter}.salt`, order.salt),
  };
}

/** @internal Validates a signed order. */
export function normalizeSigned(signed: SignedOrder, parameter = "order"): SignedOrder {
  const signature = signed?.signature;
  if (typeof signature !== "string" || !/^0x([0-9a-fA-F]{2})*$/.test(signature))
    throw new InvalidParameterError({
      parameter: `${parameter}.signature`,
      value: signature,
      expected: "a 0x hex signature",
    });
  return { order: normalizeOrder(signed.order, `${parameter}.order`), signature };
}

/**
 * The EIP-712 message of an order: `side` as the contract's `uint8` (0 buy, 1 sell).
 *
 * @example
 * ```ts
 * import { ORDER_TYPES, orderMessage } from "@stokit/sdk/market";
 * const signature = await wallet.signTypedData(domain, ORDER_TYPES, orderMessage(order));
 * ```
 */
export function orderMessage(order: Order): Record<string, string | bigint | number> {
  return { ...order, side: order.side === "sell" ? 1 : 0 };
}

/**
 * The Market's EIP-712 domain on `chainId` at `market`.
 *
 * @example
 * ```ts
 * import { marketDomain } from "@stokit/sdk/market";
 * const domain = marketDomain({ chainId: 56, market: "0x…" });
 * ```
 */
export function marketDomain(p: { chainId: number | bigint; market: string }): TypedDataDomain {
  return {
    name: MARKET_EIP712_NAME,
    version: MARKET_EIP712_VERSION,
    chainId: p.chainId,
    verifyingContract: assertAddress("market", p.market),
  };
}

/**
 * The EIP-712 hash of an order under a market's domain, offline: what the Market's `hashOrder` returns, and the key
 * of its fill state and of the `Trade` and `OrderCancelled` events.
 *
 * @example
 * ```ts
 * import { hashOrder } from "@stokit/sdk/market";
 * const hash = hashOrder(order, { chainId: 56, market: "0x…" });
 * ```
 */
export function hashOrder(order: Order, p: { chainId: number | bigint; market: string }): string {
  return TypedDataEncoder.hash(
    marketDomain(p),
    ORDER_TYPES as unknown as Record<string, { name: string; type: string }[]>,
    orderMessage(normalizeOrder(order)),
  );
}

/** @internal The order as the contract's tuple argument. */
export function orderTuple(order: Order): unknown[] {
  return [
    order.maker,
    order.side === "sell" ? 1 : 0,
    order.token,
    order.paymentToken,
    order.price,
    order.amount,
    order.expiry,
    order.nonce,
    order.salt,
  ];
}

/** @internal The `Trade` event's values from decoded args. */
export function toTrade(a: Readonly<Record<string, unknown>>): Trade {
  return {
    sellOrderHash: a.sellOrderHash as string,
    buyOrderHash: a.buyOrderHash as string,
    token: getAddress(a.token as string),
    seller: getAddress(a.seller as string),
    buyer: getAddress(a.buyer as string),
    paymentToken: getAddress(a.paymentToken as string),
    price: a.price as bigint,
    amount: a.amount as bigint,
    payment: a.payment as bigint,
    fee: a.fee as bigint,
    sellRemaining: a.sellRemaining as bigint,
    buyRemaining: a.buyRemaining as bigint,
  };
}

/**
 * The answer of {@link checkFill}: whether the fill would go through, else the first reason it would not, typed, with
 * a sentence; the token's restriction code when a transfer rule refuses the token leg; the quote.
 *
 * @example
 * ```ts
 * import type { FillCheck } from "@stokit/sdk/market";
 * const explain = (c: FillCheck) => (c.fillable ? "ok" : `${c.reason}: ${c.message}`);
 * ```
 */
export type FillCheck = {
  fillable: boolean;
  /** Why not (undefined when fillable). */
  reason: FillRefusal | undefined;
  /** The contract's `FillStatus` value. */
  status: number;
  /** The token's ERC-1404 code for the token leg when `reason` is `TokenRestricted`, else 0. */
  restrictionCode: RestrictionCodeValue;
  /** Its name (`"None"` when 0). */
  restrictionName: RestrictionName;
  /** A sentence naming the parties and the amounts. */
  message: string;
  /** The order's EIP-712 hash. */
  hash: string;
  seller: string;
  buyer: string;
  /** Token units asked. */
  amount: bigint;
  /** What the buyer would pay, the fee included, in payment-token units. */
  payment: bigint;
  /** The part of `payment` going to the fee wallet. */
  fee: bigint;
  /** Token units the order has left before this fill. */
  remaining: bigint;
  /** The payment token's units (for `payment`, `fee` and the order's `price`). */
  paymentDecimals: number;
  paymentSymbol: string;
};

/** @internal The contract's `FillCheck` tuple read into a {@link FillCheck}. */
export function toFillCheck(
  raw: { status: bigint; restrictionCode: bigint; payment: bigint; fee: bigint; remaining: bigint },
  x: { order: Order; hash: string; taker: string; amount: bigint; units: TokenUnits },
): FillCheck {
  const status = Number(raw.status);
  const name = FILL_STATUS_NAMES[status] ?? "Fillable";
  const remaining = raw.remaining;
  const reason: FillRefusal | undefined =
    status === 0 ? undefined : name === "Overfilled" && remaining === 0n ? "Filled" : (name as FillRefusal);
  const code = name === "TokenRestricted" ? Number(raw.restrictionCode) : 0;
  const sells = x.order.side === "sell";
  const seller = sells ? x.order.maker : x.taker;
  const buyer = sells ? x.taker : x.order.maker;
  return {
    fillable: status === 0,
    reason,
    status,
    restrictionCode: code as RestrictionCodeValue,
    restrictionName: restrictionName(code) as RestrictionName,
    message: explainFill(reason ?? "Fillable", {
      orderHash: x.hash,
      seller,
      buyer,
      amount: x.amount,
      remaining,
      payment: raw.payment,
      expiry: x.order.expiry,
      restrictionCode: code,
    }),
    hash: x.hash,
    seller,
    buyer,
    amount: x.amount,
    payment: raw.payment,
    fee: raw.fee,
    remaining,
    paymentDecimals: x.units.decimals,
    paymentSymbol: x.units.symbol,
  };
}
