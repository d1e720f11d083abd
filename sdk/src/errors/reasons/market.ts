import { at, type RevertReasonFormatter } from "./format.js";

/** @internal Sentences for the secondary market's errors (IMarket). */
export const marketReasons: Readonly<Record<string, RevertReasonFormatter>> = {
  MarketInvalidSignature: (a) =>
    `Order ${a.orderHash} is not signed by its maker ${a.maker} for this market and chain.`,
  MarketOrderCancelled: (a) => `Order ${a.orderHash} was cancelled by its maker.`,
  MarketOrderExpired: (a) => `Order ${a.orderHash} expired at ${at(a.expiry)}.`,
  MarketOverfill: (a) => `Order ${a.orderHash} has ${a.remaining} token units left; ${a.amount} were asked.`,
  MarketZeroAmount: (a) => `Order ${a.orderHash}: the amount filled or the order's price is zero.`,
  MarketSelfTrade: (a) => `${a.account} cannot trade with itself.`,
  MarketOrdersMismatch: (a) =>
    `Orders ${a.buyOrderHash} and ${a.sellOrderHash} are not a buy and a sell of the same token for the same payment token.`,
  MarketNotCrossed: (a) =>
    `The buyer would pay ${a.payment} (fee included), above its limit of ${a.maxPayment}: orders ${a.buyOrderHash} and ${a.sellOrderHash} do not cross.`,
  MarketNotMaker: (a) => `Only the maker cancels order ${a.orderHash}; ${a.caller} is not it.`,
  MarketNonceNotIncreasing: (a) =>
    `The nonce floor is ${a.current}; a new floor must be above it (${a.requested} given).`,
  MarketInvalidFee: (a) =>
    `A fee of ${a.feeBps} bps to ${a.feeWallet} is refused: at most ${a.maxBps} bps, and a wallet when the fee is not zero.`,
};
