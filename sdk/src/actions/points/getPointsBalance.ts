import type { BlockTag } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import { contractCall, multicall } from "../../multicall/multicall.js";
import type { StokitRunner } from "../../utils/runner.js";
import { assertAddress, assertUint } from "../../utils/validate.js";
import { pointsAt, resolvePoints, type PointsBaseParameters } from "./shared.js";

export type GetPointsBalanceParameters = PointsBaseParameters & {
  account: string;
  /** Programs to read (default `[1n]`). */
  programIds?: readonly bigint[];
  multicallAddress?: string;
  blockTag?: BlockTag;
};
export type GetPointsBalanceReturnType = {
  account: string;
  /** One entry per program, in order. */
  programs: { programId: bigint; balance: bigint; open: boolean; eligible: boolean }[];
  /** Sum of the balances. */
  total: bigint;
};
export type GetPointsBalanceErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;

/**
 * Points balance of `account` in each program, with whether the program is open and the account eligible (NFT
 * gate), in one Multicall3 round trip.
 *
 * @example
 * ```ts
 * import { getPointsBalance } from "@stokit/sdk";
 * const { programs, total } = await getPointsBalance(provider, { points, account, programIds: [1n, 2n] });
 * ```
 */
export async function getPointsBalance(
  runner: StokitRunner,
  parameters: GetPointsBalanceParameters,
): Promise<GetPointsBalanceReturnType> {
  const account = assertAddress("account", parameters.account);
  const programIds = (parameters.programIds ?? [1n]).map((id, i) => assertUint(`programIds[${i}]`, id));
  const c = pointsAt(await resolvePoints(runner, parameters), runner);
  const results = await multicall(runner, {
    ...parameters,
    calls: programIds.flatMap((id) => [
      contractCall(c, "balanceOf", [id, account]),
      contractCall(c, "isProgramOpen", [id]),
      contractCall(c, "isEligible", [id, account]),
    ]),
  });
  const programs = programIds.map((programId, i) => ({
    programId,
    balance: results[3 * i] as bigint,
    open: results[3 * i + 1] as boolean,
    eligible: results[3 * i + 2] as boolean,
  }));
  return { account, programs, total: programs.reduce((s, p) => s + p.balance, 0n) };
}
