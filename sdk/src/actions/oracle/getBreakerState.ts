import type { BlockTag } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import { contractCall, multicall } from "../../multicall/multicall.js";
import type { StokitRunner } from "../../utils/runner.js";
import { assertAddress } from "../../utils/validate.js";
import {
  ORACLE_REASONS,
  ORACLE_STATUSES,
  oracleAt,
  resolveOracle,
  type OracleBaseParameters,
  type OracleReason,
  type OracleStatus,
} from "./shared.js";

export type GetBreakerStateParameters = OracleBaseParameters & {
  asset: string;
  multicallAddress?: string;
  blockTag?: BlockTag;
};
export type GetBreakerStateReturnType = {
  asset: string;
  /** The stored state. */
  status: OracleStatus;
  reason: OracleReason;
  fallbackReason: OracleReason;
  price: bigint;
  updatedAt: bigint;
  acceptedAt: bigint;
  /** Recovery progress: consecutive good rounds seen, of `recoveryRounds` needed. */
  streak: number;
  recoveryRounds: number;
  candidatePrice: bigint;
  /** The configuration. */
  config: {
    primary: string;
    fallbackFeed: string;
    heartbeat: number;
    fallbackHeartbeat: number;
    maxDeviationBps: number;
    minPrice: bigint;
    maxPrice: bigint;
  };
  /** What `update(asset)` would do now (`peek`): the action and resulting status and reason. */
  next: {
    action: "None" | "Accept" | "Trip" | "Freeze" | "RecoveryProgress" | "Recover";
    status: OracleStatus;
    reason: OracleReason;
    price: bigint;
    deviationBps: bigint;
  };
};
export type GetBreakerStateErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;

const ACTIONS = ["None", "Accept", "Trip", "Freeze", "RecoveryProgress", "Recover"] as const;

/**
 * The breaker's state for `asset`: stored status, reasons, last price, recovery streak, configuration, and what the
 * next `update` would do (`peek`), in one Multicall3 round trip. An unknown asset throws `OracleUnknownAsset`.
 *
 * @example
 * ```ts
 * import { getBreakerState } from "@stokit/sdk";
 * const s = await getBreakerState(provider, { oracle, asset });
 * if (s.status === "Tripped") console.log(`recovery ${s.streak}/${s.recoveryRounds}, next: ${s.next.action}`);
 * ```
 */
export async function getBreakerState(
  runner: StokitRunner,
  parameters: GetBreakerStateParameters,
): Promise<GetBreakerStateReturnType> {
  const asset = assertAddress("asset", parameters.asset);
  const c = oracleAt(await resolveOracle(runner, parameters), runner);
  const [state, config, peek] = await multicall(runner, {
    ...parameters,
    calls: [
      contractCall(c, "assetState", [asset]),
      contractCall(c, "assetConfig", [asset]),
      contractCall(c, "peek", [asset]),
    ] as const,
  });
  const reason = (i: bigint | number) => ORACLE_REASONS[Number(i)] ?? "None";
  const status = (i: bigint | number) => ORACLE_STATUSES[Number(i)] ?? "Unset";
  return {
    asset,
    status: status(state.status),
    reason: reason(state.reason),
    fallbackReason: reason(state.fallbackReason),
    price: state.price,
    updatedAt: BigInt(state.updatedAt),
    acceptedAt: BigInt(state.acceptedAt),
    streak: Number(state.streak),
    recoveryRounds: Number(config.recoveryRounds),
    candidatePrice: state.candidatePrice,
    config: {
      primary: config.primary,
      fallbackFeed: config.fallbackFeed,
      heartbeat: Number(config.heartbeat),
      fallbackHeartbeat: Number(config.fallbackHeartbeat),
      maxDeviationBps: Number(config.maxDeviationBps),
      minPrice: config.minPrice,
      maxPrice: config.maxPrice,
    },
    next: {
      action: ACTIONS[Number(peek.action)] ?? "None",
      status: status(peek.status),
      reason: reason(peek.reason),
      price: peek.price,
      deviationBps: peek.deviationBps,
    },
  };
}
