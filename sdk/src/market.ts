// @stokit/sdk/market: the secondary market (sign limit orders, fill, match, cancel, order status, pre-checks and the
// fillable order book of a list of signed orders). A separate entry, like `@stokit/sdk/platform`: an app that does not
// trade bundles none of it, and the main entry stays within its size budget.
export {
  FillStatus,
  MARKET_EIP712_NAME,
  MARKET_EIP712_VERSION,
  ORDER_TYPES,
  hashOrder,
  marketDomain,
  orderMessage,
  type FillCheck,
  type FillRefusal,
  type MarketParameters,
  type Order,
  type OrderSide,
  type SignedOrder,
  type Trade,
} from "./actions/market/shared.js";
export * from "./actions/market/signOrder.js";
export * from "./actions/market/fillOrder.js";
export * from "./actions/market/matchOrders.js";
export * from "./actions/market/cancelOrder.js";
export * from "./actions/market/cancelOrdersUpTo.js";
export * from "./actions/market/getOrderStatus.js";
export * from "./actions/market/checkFill.js";
export * from "./actions/market/getOrderBook.js";
export { marketReasons } from "./errors/reasons/market.js";
export { marketAbi } from "./generated/abis/Market.js";
