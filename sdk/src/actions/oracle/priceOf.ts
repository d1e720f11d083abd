import type { BlockTag } from "ethers";

import { StokitError } from "../../errors/base.js";
import { ContractRevertError } from "../../errors/contract.js";
import { toStokitError } from "../../errors/normalize.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import type { StokitRunner } from "../../utils/runner.js";
import { assertAddress } from "../../utils/validate.js";
import {
  ORACLE_REASONS,
  oracleAt,
  resolveOracle,
  type OracleBaseParameters,
  type OracleReason,
  type OracleStatus,
} from "./shared.js";

/**
 * Why an oracle price is unusable, by the breaker's error name.
 *
 * @example
 * ```ts
 * import type { OraclePriceUnavailableKind } from "@stokit/sdk";
 * const k: OraclePriceUnavailableKind = "OracleAssetTripped";
 * ```
 */
export type OraclePriceUnavailableKind =
  | "OracleAssetTripped"
  | "OracleAssetFrozen"
  | "OracleStalePrice"
  | "OracleNoPrice"
  | "OracleUnknownAsset"
  | "OracleSequencerDown"
  | "OracleSequencerGracePeriod";

const STATUS_OF: Record<OraclePriceUnavailableKind, OracleStatus> = {
  OracleAssetTripped: "Tripped",
  OracleAssetFrozen: "Frozen",
  OracleStalePrice: "Active",
  OracleNoPrice: "Unset",
  OracleUnknownAsset: "Unset",
  OracleSequencerDown: "SequencerDown",
  OracleSequencerGracePeriod: "SequencerDown",
};

/**
 * The circuit breaker refused to give a price: the asset is tripped, frozen, stale, unknown, has no price yet, or
 * the L2 sequencer is down. `kind` is the contract error's name, `status` and `reason` the breaker's view, `revert` the
 * decoded {@link ContractRevertError} (arguments: last price, rejected price...).
 *
 * @example
 * ```ts
 * import { OraclePriceUnavailableError, priceOf } from "@stokit/sdk";
 *
 * try {
 *   await priceOf(provider, { oracle, asset });
 * } catch (error) {
 *   if (error instanceof OraclePriceUnavailableError && error.kind === "OracleAssetTripped") pauseTrading(error.reason);
 * }
 * ```
 */
export class OraclePriceUnavailableError extends StokitError {
  override name = "OraclePriceUnavailableError";
  readonly asset: string;
  readonly kind: OraclePriceUnavailableKind;
  readonly status: OracleStatus;
  readonly reason: OracleReason;
  readonly revert: ContractRevertError;

  constructor({ asset, revert }: { asset: string; revert: ContractRevertError }) {
    super(revert.reason, {
      cause: revert,
      details: revert.details,
      docsPath: "#oracle",
      metaMessages: revert.metaMessages,
    });
    const kind = revert.errorName as OraclePriceUnavailableKind;
    this.asset = asset;
    this.kind = kind;
    this.status = STATUS_OF[kind];
    const a = revert.args;
    const reasonIndex = a.reason ?? a.primaryReason;
    this.reason =
      reasonIndex !== undefined
        ? (ORACLE_REASONS[Number(reasonIndex)] ?? "None")
        : kind === "OracleStalePrice"
          ? "StalePrice"
          : kind === "OracleNoPrice"
            ? "AwaitingFirstPrice"
            : kind === "OracleUnknownAsset"
              ? "UnknownAsset"
              : kind === "OracleSequencerGracePeriod"
                ? "SequencerGracePeriod"
                : "SequencerDown";
    this.revert = revert;
  }
}

export type PriceOfParameters = OracleBaseParameters & { asset: string; blockTag?: BlockTag };
export type PriceOfReturnType = { price: bigint; updatedAt: bigint };
export type PriceOfErrorType =
  | OraclePriceUnavailableError
  | InvalidParameterError
  | UnsupportedChainError
  | ContractRevertError
  | NetworkError
  | RpcError;

const KINDS = new Set(Object.keys(STATUS_OF));

/**
 * The usable price of `asset` (18 decimals) and its time (`IPriceOracle.priceOf`, one `eth_call`), or a typed
 * {@link OraclePriceUnavailableError} when the breaker refuses.
 *
 * @example
 * ```ts
 * import { priceOf } from "@stokit/sdk";
 * const { price, updatedAt } = await priceOf(provider, { oracle, asset: weth });
 * ```
 */
export async function priceOf(runner: StokitRunner, parameters: PriceOfParameters): Promise<PriceOfReturnType> {
  const asset = assertAddress("asset", parameters.asset);
  const address = await resolveOracle(runner, parameters);
  try {
    const [price, updatedAt] = await oracleAt(address, runner).priceOf(asset, { blockTag: parameters.blockTag });
    return { price, updatedAt };
  } catch (error) {
    const e = toStokitError(error, { contractAddress: address, functionName: "priceOf" });
    if (e instanceof ContractRevertError && e.errorName && KINDS.has(e.errorName))
      throw new OraclePriceUnavailableError({ asset, revert: e });
    throw e;
  }
}
