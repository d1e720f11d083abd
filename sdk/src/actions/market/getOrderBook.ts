import { ZeroAddress, type BlockTag } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import { abiCall, multicall, type ContractCall } from "../../multicall/multicall.js";
import { erc20Interface } from "../../utils/erc20.js";
import { getChainId, type StokitRunner } from "../../utils/runner.js";
import { rememberUnits, unitsCalls, unitsOf } from "../../utils/tokenUnits.js";
import { assertAddress } from "../../utils/validate.js";
import type { RestrictionCodeValue, RestrictionName } from "../token/restrictions.js";
import {
  FillStatus,
  hashOrder,
  marketInterface,
  normalizeSigned,
  orderTuple,
  resolveMarket,
  toFillCheck,
  type FillRefusal,
  type MarketParameters,
  type Order,
  type SignedOrder,
} from "./shared.js";

export type GetOrderBookParameters = MarketParameters & {
  /** Signed orders, as collected off chain (any tokens; typically one token and one payment token). */
  orders: readonly SignedOrder[];
  /**
   * Who would take the orders. Given, each order's compliance is checked for a trade with this account (the token's
   * transfer rules on the token leg, e.g. a frozen or unverified party or a country the token does not allow).
   * Without it, the book checks what does not depend on the taker.
   */
  taker?: string;
  /** Multicall3 address (default: the chain's). */
  multicallAddress?: string;
  blockTag?: BlockTag;
};

/** One fillable order of a book. Prices and amounts are the order's; units carried for display. */
export type OrderBookEntry = {
  order: Order;
  signature: string;
  hash: string;
  /** Payment-token units per 1e18 token units. */
  price: bigint;
  /** Token units the order has left. */
  remaining: bigint;
  /** Token units that can fill now: the least of `remaining`, and what the maker's balance and allowance cover on
   * the leg it delivers (the token for a sell order, the payment for a buy order). */
  fillable: bigint;
  paymentDecimals: number;
  paymentSymbol: string;
  tokenDecimals: number;
  tokenSymbol: string;
};

/** Why an order is not in the book: a {@link FillRefusal}, or `Unreadable` (a call about it failed). */
export type OrderBookRefusal = FillRefusal | "Unreadable";

/** An order left out of a book, with its typed reason and a sentence. */
export type RejectedOrder = {
  order: Order;
  signature: string;
  hash: string;
  reason: OrderBookRefusal;
  message: string;
  /** The token's restriction code when `reason` is `TokenRestricted`, else 0. */
  restrictionCode: RestrictionCodeValue;
  restrictionName: RestrictionName;
};

export type GetOrderBookReturnType = {
  /** Buy orders, highest price first (input order among equal prices). */
  bids: OrderBookEntry[];
  /** Sell orders, lowest price first (input order among equal prices). */
  asks: OrderBookEntry[];
  rejected: RejectedOrder[];
};
export type GetOrderBookErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;

/**
 * The fillable book of a list of signed orders, checked in ONE Multicall3 round trip (`eth_call`): for each order the
 * market's `checkFill` (the signature, ECDSA or ERC-1271; cancellation and nonce floor; expiry; what is left; with a
 * `taker`, the token's transfer rules), and the maker's balance and allowance on the leg it delivers; and the units of
 * the tokens not read yet. Returns bids (highest price first) and asks (lowest first), each with what can fill now,
 * and the orders left out with their typed reason: `InvalidSignature`, `Cancelled`, `Expired`, `Filled`,
 * `ZeroAmount`, `TokenRestricted` (with the restriction code), `MakerBalance`, `MakerAllowance`. The taker's own
 * balance and allowance are not checked here (see {@link checkFill} before filling). Compliance is checked for the
 * order's whole amount, or for one unit of a partly filled order.
 *
 * @example
 * ```ts
 * import { getOrderBook } from "@stokit/sdk/market";
 *
 * const { bids, asks, rejected } = await getOrderBook(provider, { market, orders, taker: me });
 * const best = asks[0]; // lowest ask: best.price per 1e18 token units, best.fillable token units
 * for (const r of rejected) console.log(r.hash, r.reason, r.message);
 * ```
 */
export async function getOrderBook(
  runner: StokitRunner,
  parameters: GetOrderBookParameters,
): Promise<GetOrderBookReturnType> {
  const orders = parameters.orders.map((o, i) => normalizeSigned(o, `orders[${i}]`));
  const taker = parameters.taker === undefined ? undefined : assertAddress("taker", parameters.taker);
  const market = await resolveMarket(runner, parameters);
  const chainId = await getChainId(runner, parameters.chainId);
  const unknown = [...new Set(orders.flatMap(({ order }) => [order.token, order.paymentToken]))].filter(
    (t) => !unitsOf(runner, t),
  );
  const PER_ORDER = 4;
  const calls: ContractCall[] = [
    ...orders.flatMap(({ order, signature }) => {
      const tuple = orderTuple(order);
      const delivered = order.side === "sell" ? order.token : order.paymentToken;
      return [
        abiCall(market, marketInterface, "checkFill", [tuple, signature, order.amount, taker ?? ZeroAddress]),
        abiCall(market, marketInterface, "checkFill", [tuple, signature, 1n, taker ?? ZeroAddress]),
        abiCall<bigint>(delivered, erc20Interface, "balanceOf", [order.maker]),
        abiCall<bigint>(delivered, erc20Interface, "allowance", [order.maker, market]),
      ];
    }),
    ...unknown.flatMap(unitsCalls),
  ];
  const results = await multicall(runner, { ...parameters, calls, allowFailure: true });
  const base = orders.length * PER_ORDER;
  unknown.forEach((t, k) => {
    const [d, s] = [results[base + 2 * k]!, results[base + 2 * k + 1]!];
    if (d.status === "success" && s.status === "success") rememberUnits(runner, t, d.result, s.result);
  });
  const unitsFor = (t: string) => unitsOf(runner, t) ?? { decimals: 18, symbol: "" };

  const bids: OrderBookEntry[] = [];
  const asks: OrderBookEntry[] = [];
  const rejected: RejectedOrder[] = [];
  orders.forEach(({ order, signature }, i) => {
    const hash = hashOrder(order, { chainId, market });
    const reject = (
      reason: OrderBookRefusal,
      message: string,
      restrictionCode: RestrictionCodeValue = 0,
      restrictionName: RestrictionName = "None",
    ) => rejected.push({ order, signature, hash, reason, message, restrictionCode, restrictionName });
    const [full, unit, balance, allowance] = results.slice(i * PER_ORDER, (i + 1) * PER_ORDER);
    const failed = [full, unit, balance, allowance].find((r) => r!.status === "failure");
    if (failed && failed.status === "failure")
      return reject("Unreadable", `A read about order ${hash} failed: ${failed.error.shortMessage}`);
    const read = <T>(r: (typeof results)[number] | undefined) => (r as { result: T }).result;
    type Raw = Parameters<typeof toFillCheck>[0];
    const fullRaw = read<Raw>(full);
    const partly = Number(fullRaw.status) === FillStatus.Overfilled && fullRaw.remaining > 0n;
    const amount = partly ? 1n : order.amount;
    const check = toFillCheck(partly ? read<Raw>(unit) : fullRaw, {
      order,
      hash,
      taker: taker ?? ZeroAddress,
      amount,
      units: unitsFor(order.paymentToken),
    });
    const status = check.status;
    // Balances and allowances (from SellerBalance on): the maker's leg is read below, the taker's is not the
    // order's problem. Without a taker, a restriction cannot be told apart from the placeholder taker's.
    const ignorable =
      check.fillable ||
      status === FillStatus.SelfTrade ||
      status >= FillStatus.SellerBalance ||
      (status === FillStatus.TokenRestricted && taker === undefined);
    if (!ignorable) return reject(check.reason!, check.message, check.restrictionCode, check.restrictionName);
    const remaining = check.remaining;
    const funds = read<bigint>(balance) < read<bigint>(allowance) ? read<bigint>(balance) : read<bigint>(allowance);
    // A selling maker delivers `amount` token units; a buying maker pays floor(amount * price / 1e18).
    const capacity = order.side === "sell" ? funds : ((funds + 1n) * 10n ** 18n - 1n) / order.price;
    const fillable = remaining < capacity ? remaining : capacity;
    if (fillable === 0n) {
      const byBalance = read<bigint>(balance) <= read<bigint>(allowance);
      const what = order.side === "sell" ? "tokens" : "payment";
      return reject(
        byBalance ? "MakerBalance" : "MakerAllowance",
        byBalance
          ? `The maker ${order.maker} holds too little of the ${what} it delivers for order ${hash} (${read<bigint>(balance)}).`
          : `The maker ${order.maker} has not approved the market for the ${what} it delivers for order ${hash} (allowance ${read<bigint>(allowance)}).`,
      );
    }
    const t = unitsFor(order.token);
    const p = unitsFor(order.paymentToken);
    (order.side === "buy" ? bids : asks).push({
      order,
      signature,
      hash,
      price: order.price,
      remaining,
      fillable,
      paymentDecimals: p.decimals,
      paymentSymbol: p.symbol,
      tokenDecimals: t.decimals,
      tokenSymbol: t.symbol,
    });
  });
  bids.sort((a, b) => (a.price === b.price ? 0 : a.price > b.price ? -1 : 1));
  asks.sort((a, b) => (a.price === b.price ? 0 : a.price < b.price ? -1 : 1));
  return { bids, asks, rejected };
}
