import type { BlockTag } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import { contractCall, multicall } from "../../multicall/multicall.js";
import type { StokitRunner } from "../../utils/runner.js";
import { assertAddress } from "../../utils/validate.js";
import { resolveToken, tokenAt, type TokenBaseParameters } from "./shared.js";

export type GetTokenBalanceParameters = TokenBaseParameters & {
  account: string;
  /** Multicall3 address (default: the chain's). */
  multicallAddress?: string;
  blockTag?: BlockTag;
};
export type GetTokenBalanceReturnType = {
  token: string;
  account: string;
  /** The ERC-20 balance. */
  balance: bigint;
  /** The frozen part (ERC-7943 `getFrozenTokens`; may exceed the balance). */
  frozen: bigint;
  /** What the holder may move now: `balance - frozen`, at least 0 (0 when the whole wallet is frozen). */
  available: bigint;
  /** Whether the whole wallet is frozen (`isFrozen`). */
  addressFrozen: boolean;
  /** The investor's lock-up end (unix seconds; 0 = none). */
  lockupUntil: bigint;
  /** The token's decimals and symbol, for {@link formatAmount}. */
  decimals: number;
  symbol: string;
};
export type GetTokenBalanceErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;

/**
 * Balance, frozen amount, available amount, wallet freeze and lock-up of `account` in one Multicall3 round trip.
 *
 * @example
 * ```ts
 * import { getTokenBalance } from "@stokit/sdk";
 *
 * const { balance, frozen, available } = await getTokenBalance(provider, { token, account: holder });
 * ```
 */
export async function getTokenBalance(
  runner: StokitRunner,
  parameters: GetTokenBalanceParameters,
): Promise<GetTokenBalanceReturnType> {
  const account = assertAddress("account", parameters.account, { allowZero: true });
  const token = await resolveToken(runner, parameters);
  const c = tokenAt(token, runner);
  const [balance, frozen, addressFrozen, lockupUntil, decimals, symbol] = await multicall(runner, {
    ...parameters,
    calls: [
      contractCall(c, "balanceOf", [account]),
      contractCall(c, "getFrozenTokens", [account]),
      contractCall(c, "isFrozen", [account]),
      contractCall(c, "lockupOf", [account]),
      contractCall(c, "decimals", []),
      contractCall(c, "symbol", []),
    ] as const,
  });
  const available = addressFrozen || frozen >= balance ? 0n : balance - frozen;
  return {
    token,
    account,
    balance,
    frozen,
    available,
    addressFrozen,
    lockupUntil: BigInt(lockupUntil),
    decimals: Number(decimals),
    symbol,
  };
}
