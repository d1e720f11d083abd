import { Interface, type BlockTag } from "ethers";

import { resolveAddress } from "../../addresses.js";
import type { ContractRevertError } from "../../errors/contract.js";
import type { ContractNotFoundError } from "../../errors/notFound.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import * as m3 from "../../generated/abis/Multicall3.js";
import { abiCall, multicall } from "../../multicall/multicall.js";
import { expand } from "../../utils/abi.js";
import { getChainId, type StokitRunner } from "../../utils/runner.js";
import { assertAddress } from "../../utils/validate.js";
import {
  hashOrder,
  marketInterface,
  normalizeOrder,
  resolveMarket,
  type MarketParameters,
  type Order,
} from "./shared.js";

export type GetOrderStatusParameters = MarketParameters & {
  order: Order;
  /** Multicall3 address (default: the chain's). */
  multicallAddress?: string;
  blockTag?: BlockTag;
};
/** `open` (can still fill), `filled` (nothing left), `cancelled`, `expired`: the first that applies, in this order
 * of precedence: cancelled, filled, expired, open. */
export type OrderState = "open" | "filled" | "cancelled" | "expired";
export type GetOrderStatusReturnType = {
  /** The order's EIP-712 hash. */
  hash: string;
  state: OrderState;
  /** Token units filled so far. */
  filled: bigint;
  /** Token units left (0 when filled; what is left unfilled when cancelled or expired). */
  remaining: bigint;
  /** Cancelled one by one or by a nonce floor above its nonce. */
  cancelled: boolean;
  /** Past its expiry at the block read. */
  expired: boolean;
  /** The block time the state was read at. */
  timestamp: bigint;
};
export type GetOrderStatusErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | ContractNotFoundError | NetworkError | RpcError;

const blockInterface = /*#__PURE__*/ new Interface(expand("function", [m3.getCurrentBlockTimestamp]));

/**
 * An order's status on chain: filled and remaining token units, cancelled (one by one or by the maker's nonce floor),
 * expired (at the block's time), in one Multicall3 round trip. The hash is computed offline (the market's domain:
 * the runner's chain and the market's address). No signature is needed.
 *
 * @example
 * ```ts
 * import { getOrderStatus } from "@stokit/sdk/market";
 *
 * const { state, filled, remaining } = await getOrderStatus(provider, { market, order });
 * ```
 */
export async function getOrderStatus(
  runner: StokitRunner,
  parameters: GetOrderStatusParameters,
): Promise<GetOrderStatusReturnType> {
  const order = normalizeOrder(parameters.order);
  const market = await resolveMarket(runner, parameters);
  const chainId = await getChainId(runner, parameters.chainId);
  const hash = hashOrder(order, { chainId, market });
  const multicallAddress =
    parameters.multicallAddress !== undefined
      ? assertAddress("multicallAddress", parameters.multicallAddress)
      : resolveAddress(chainId, "Multicall3", parameters.addresses, parameters.chain);
  const [[filled, cancelledOne], minNonce, timestamp] = await multicall(runner, {
    ...parameters,
    multicallAddress,
    calls: [
      abiCall<[bigint, boolean]>(market, marketInterface, "orderState", [hash]),
      abiCall<bigint>(market, marketInterface, "minNonce", [order.maker]),
      abiCall<bigint>(multicallAddress, blockInterface, "getCurrentBlockTimestamp", []),
    ] as const,
  });
  const cancelled = cancelledOne || order.nonce < minNonce;
  const expired = timestamp > order.expiry;
  const remaining = order.amount > filled ? order.amount - filled : 0n;
  const state: OrderState = cancelled ? "cancelled" : remaining === 0n ? "filled" : expired ? "expired" : "open";
  return { hash, state, filled, remaining, cancelled, expired, timestamp };
}
