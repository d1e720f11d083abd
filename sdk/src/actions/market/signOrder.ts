import { Contract, getAddress, hexlify, randomBytes, toBigInt, type TypedDataDomain } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import { toStokitError } from "../../errors/normalize.js";
import { InvalidParameterError, type UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import { getChainId, getSigner, type StokitRunner } from "../../utils/runner.js";
import {
  MARKET_EIP712_NAME,
  MARKET_EIP712_VERSION,
  ORDER_TYPES,
  hashOrder,
  marketInterface,
  normalizeOrder,
  orderMessage,
  resolveMarket,
  type MarketParameters,
  type Order,
} from "./shared.js";

export type SignOrderParameters = MarketParameters & {
  /** The order; `maker` defaults to the signer, `nonce` to 0, `salt` to 32 random bytes. */
  order: Omit<Order, "maker" | "nonce" | "salt"> & Partial<Pick<Order, "maker" | "nonce" | "salt">>;
  /** Refuse an `expiry` that is not after this unix time (default: now). */
  now?: bigint;
};
export type SignOrderReturnType = {
  /** The order as signed (every field filled in). */
  order: Order;
  signature: string;
  /** Its EIP-712 hash: the Market's `hashOrder`, the key of its fills and events. */
  hash: string;
  domain: TypedDataDomain;
};
export type SignOrderErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;

/**
 * Signs a limit order with the runner's key as EIP-712 typed data under the Market's domain. The domain is read from
 * the contract (ERC-5267 `eip712Domain`, one `eth_call`) and checked against the runner's chain and the market's
 * address, so an order is never signed for another deployment or chain. Nothing is sent: hand `{ order, signature }`
 * to takers (or to {@link getOrderBook}). The maker approves the market for what it delivers (the token for a sell,
 * the payment token for a buy) before anyone fills it.
 *
 * @example
 * ```ts
 * import { signOrder } from "@stokit/sdk/market";
 *
 * const { order, signature, hash } = await signOrder(seller, {
 *   market,
 *   order: { side: "sell", token, paymentToken: usdc, price: 1_500_000n, amount: 10n * 10n ** 18n, expiry },
 * });
 * ```
 */
export async function signOrder(runner: StokitRunner, parameters: SignOrderParameters): Promise<SignOrderReturnType> {
  const signer = getSigner(runner);
  const given = parameters.order;
  const order = normalizeOrder({
    ...given,
    maker: given?.maker ?? (await signer.getAddress()),
    nonce: given?.nonce ?? 0n,
    salt: given?.salt ?? toBigInt(hexlify(randomBytes(32))),
  } as Order);
  if (order.price === 0n || order.amount === 0n)
    throw new InvalidParameterError({
      parameter: order.price === 0n ? "order.price" : "order.amount",
      value: 0n,
      expected: "more than zero",
    });
  const now = parameters.now ?? BigInt(Math.floor(Date.now() / 1000));
  if (order.expiry <= now)
    throw new InvalidParameterError({
      parameter: "order.expiry",
      value: order.expiry,
      expected: `a unix time after ${now}`,
    });
  const self = getAddress(await signer.getAddress());
  if (self !== order.maker)
    throw new InvalidParameterError({ parameter: "order.maker", value: order.maker, expected: `the signer ${self}` });
  const market = await resolveMarket(runner, parameters);
  const chainId = await getChainId(runner, parameters.chainId);
  try {
    const c = new Contract(market, marketInterface, runner);
    const [, name, version, domainChainId, verifyingContract] = (await c.getFunction("eip712Domain").staticCall()) as [
      string,
      string,
      string,
      bigint,
      string,
    ];
    if (
      name !== MARKET_EIP712_NAME ||
      version !== MARKET_EIP712_VERSION ||
      Number(domainChainId) !== chainId ||
      getAddress(verifyingContract) !== market
    )
      throw new InvalidParameterError({
        parameter: "market",
        value: market,
        expected: `a Market whose EIP-712 domain is "${MARKET_EIP712_NAME}" v${MARKET_EIP712_VERSION} on chain ${chainId} at its own address`,
      });
    const domain: TypedDataDomain = { name, version, chainId, verifyingContract: market };
    const signature = await signer.signTypedData(
      domain,
      ORDER_TYPES as unknown as Record<string, { name: string; type: string }[]>,
      orderMessage(order),
    );
    return { order, signature, hash: hashOrder(order, { chainId, market }), domain };
  } catch (error) {
    throw toStokitError(error, { contractAddress: market, functionName: "eip712Domain" });
  }
}
