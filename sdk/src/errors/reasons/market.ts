import { explainRestriction, restrictionName } from "../../actions/token/restrictions.js";
import { at, type RevertReasonFormatter } from "./format.js";

/**
 * @internal Sentences for the Market's errors. A fill or match whose token leg a rule refuses reverts with the
 * token's own error (`SecurityTokenRestricted` and its restriction code, or an ERC-7943 error): the market entry
 * registers the token's errors and sentences too (`tokenReasons`), so those decode with the code's sentence.
 */
export const marketReasons: Readonly<Record<string, RevertReasonFormatter>> = {
  MarketInvalidSignature: (a) => `The signature of order ${a.orderHash} is not ${a.maker}'s (ECDSA or ERC-1271).`,
  MarketOrderCancelled: (a) => `Order ${a.orderHash} is cancelled (by its maker, or by a raised nonce floor).`,
  MarketOrderExpired: (a) => `Order ${a.orderHash} expired at ${at(a.expiry)}.`,
  MarketOverfill: (a) => `Order ${a.orderHash} has ${a.remaining} left to fill, less than the ${a.amount} asked.`,
  MarketZeroAmount: (a) => `The fill amount or the price of order ${a.orderHash} is zero.`,
  MarketSelfTrade: (a) => `${a.account} cannot trade with itself.`,
  MarketOrdersMismatch: (a) =>
    `Orders ${a.buyOrderHash} and ${a.sellOrderHash} do not match: a buy and a sell of the same token for the same payment token are needed.`,
  MarketNotCrossed: (a) =>
    `The orders do not cross: the sell side asks ${a.payment}, the buy order pays at most ${a.maxPayment}.`,
  MarketNotMaker: (a) => `${a.caller} is not the maker of order ${a.orderHash}; only the maker cancels it.`,
  MarketNonceNotIncreasing: (a) => `The nonce floor is ${a.current}; the new one (${a.requested}) must be higher.`,
  MarketInvalidFee: (a) =>
    `Fee ${a.feeBps} bps with wallet ${a.feeWallet} is refused: at most ${a.maxBps} bps, and a wallet when not zero.`,
};

/**
 * @internal The sentence for a {@link checkFill} answer: why the fill would fail (or that it would go through), naming
 * the parties; `restrictionCode` is the token's code when the status is `TokenRestricted`.
 */
export function explainFill(
  reason: string,
  p: {
    orderHash: string;
    seller: string;
    buyer: string;
    amount: bigint;
    remaining: bigint;
    payment: bigint;
    expiry: bigint;
    restrictionCode: number;
  },
): string {
  switch (reason) {
    case "Fillable":
      return `${p.seller} may sell ${p.amount} to ${p.buyer} for ${p.payment} through order ${p.orderHash}.`;
    case "InvalidSignature":
      return `The signature of order ${p.orderHash} is not its maker's (ECDSA or ERC-1271).`;
    case "Cancelled":
      return `Order ${p.orderHash} is cancelled (by its maker, or by a raised nonce floor).`;
    case "Expired":
      return `Order ${p.orderHash} expired at ${at(p.expiry)}.`;
    case "Filled":
      return `Order ${p.orderHash} is completely filled.`;
    case "Overfilled":
      return `Order ${p.orderHash} has ${p.remaining} left to fill, less than the ${p.amount} asked.`;
    case "ZeroAmount":
      return `The fill amount or the price of order ${p.orderHash} is zero.`;
    case "SelfTrade":
      return `The taker is the maker of order ${p.orderHash}: nobody trades with itself.`;
    case "TokenRestricted":
      return `The token refuses the delivery with restriction ${p.restrictionCode} (${restrictionName(p.restrictionCode)}): ${explainRestriction(p.restrictionCode, { from: p.seller, to: p.buyer, value: p.amount })}`;
    case "SellerBalance":
      return `The seller ${p.seller} holds less than the ${p.amount} to deliver.`;
    case "SellerAllowance":
      return `The seller ${p.seller} has not approved the market for the ${p.amount} to deliver.`;
    case "BuyerBalance":
      return `The buyer ${p.buyer} holds less than the ${p.payment} to pay.`;
    default:
      return `The buyer ${p.buyer} has not approved the market for the ${p.payment} to pay.`;
  }
}
