import type { BlockTag } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import { contractCall, multicall } from "../../multicall/multicall.js";
import type { StokitRunner } from "../../utils/runner.js";
import { assertAddress, assertUint } from "../../utils/validate.js";
import {
  explainRestriction,
  isRestrictionCode,
  restrictionMessages,
  restrictionName,
  type RestrictionCodeValue,
  type RestrictionName,
} from "./restrictions.js";
import { resolveToken, tokenAt, type TokenBaseParameters } from "./shared.js";

export type CheckTransferParameters = TokenBaseParameters & {
  from: string;
  to: string;
  amount: bigint;
  /** For a `transferFrom`: the spender (checked too: restriction 14). */
  spender?: string;
  /** Multicall3 address (default: the chain's). */
  multicallAddress?: string;
  blockTag?: BlockTag;
};
export type CheckTransferReturnType = {
  /** `true` when the transfer would go through: no restriction and enough balance. */
  allowed: boolean;
  /** The ERC-1404 restriction code (0 = none). */
  code: RestrictionCodeValue;
  /** The code's name, e.g. `"ReceiverNotVerified"`. */
  name: RestrictionName;
  /** The token's own text (`messageForTransferRestriction`). */
  message: string;
  /** A readable sentence naming the parties. */
  reason: string;
  /** The sender's balance; an amount above it is not a restriction but fails with `ERC20InsufficientBalance`. */
  balance: bigint;
  insufficientBalance: boolean;
};
export type CheckTransferErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;

/**
 * Asks the token whether `from` may transfer `amount` to `to` (ERC-1404 `detectTransferRestriction`, or
 * `detectTransferFromRestriction` with a `spender`) and the sender's balance, in one Multicall3 round trip. Returns the
 * restriction as a typed code with its name, the token's message and a sentence; never throws for a refusal.
 *
 * @example
 * ```ts
 * import { checkTransfer, RestrictionCode } from "@stokit/sdk";
 *
 * const check = await checkTransfer(provider, { token, from: me, to: friend, amount: 10n ** 18n });
 * if (!check.allowed) console.log(check.code, check.name, check.reason);
 * if (check.code === RestrictionCode.ReceiverNotVerified) console.log("the receiver must finish KYC first");
 * ```
 */
export async function checkTransfer(
  runner: StokitRunner,
  parameters: CheckTransferParameters,
): Promise<CheckTransferReturnType> {
  const from = assertAddress("from", parameters.from, { allowZero: true });
  const to = assertAddress("to", parameters.to);
  const amount = assertUint("amount", parameters.amount);
  const spender = parameters.spender === undefined ? undefined : assertAddress("spender", parameters.spender);
  const token = await resolveToken(runner, parameters);
  const c = tokenAt(token, runner);
  const [raw, balance] = await multicall(runner, {
    ...parameters,
    calls: [
      spender === undefined
        ? contractCall(c, "detectTransferRestriction", [from, to, amount])
        : contractCall(c, "detectTransferFromRestriction", [spender, from, to, amount]),
      contractCall(c, "balanceOf", [from]),
    ] as const,
  });
  const n = Number(raw);
  if (!isRestrictionCode(n)) throw new TypeError(`token ${token} returned restriction code ${n}, not one of 0..14`);
  // Minting (from = 0) has no balance to check.
  const insufficientBalance = n === 0 && from !== "0x0000000000000000000000000000000000000000" && amount > balance;
  const reason = insufficientBalance
    ? `${from} holds ${balance}, less than the ${amount} asked.`
    : explainRestriction(n, { from, to, value: amount });
  return {
    allowed: n === 0 && !insufficientBalance,
    code: n,
    name: restrictionName(n) as RestrictionName,
    message: restrictionMessages[n],
    reason,
    balance,
    insufficientBalance,
  };
}
