import type { ContractRevertError } from "../../errors/contract.js";
import { toStokitError } from "../../errors/normalize.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import type { StokitRunner } from "../../utils/runner.js";
import { assertUint } from "../../utils/validate.js";
import {
  distributorAt,
  resolveDistributor,
  toDistribution,
  type Distribution,
  type DividendsBaseParameters,
} from "./shared.js";

export type GetDistributionParameters = DividendsBaseParameters & { distributionId: bigint };
/** The distribution, or `null` when no distribution has this id. */
export type GetDistributionReturnType = Distribution | null;
export type GetDistributionErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;

/**
 * Reads a distribution (one `eth_call`).
 *
 * @example
 * ```ts
 * import { getDistribution } from "@stokit/sdk";
 *
 * const d = await getDistribution(provider, { distributor, distributionId: 1n });
 * if (d) console.log(d.status, d.amount, d.payoutToken);
 * ```
 */
export async function getDistribution(
  runner: StokitRunner,
  parameters: GetDistributionParameters,
): Promise<GetDistributionReturnType> {
  const distributionId = assertUint("distributionId", parameters.distributionId);
  const { address } = await resolveDistributor(runner, parameters);
  try {
    const stored = await distributorAt(address, runner).distribution(distributionId);
    const d = toDistribution(address, distributionId, stored);
    return d.status === "None" ? null : d;
  } catch (error) {
    throw toStokitError(error, { contractAddress: address, functionName: "distribution" });
  }
}
