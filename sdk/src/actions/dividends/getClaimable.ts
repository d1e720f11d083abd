import type { ContractRevertError } from "../../errors/contract.js";
import { DistributionNotFoundError, type ContractNotFoundError } from "../../errors/notFound.js";
import { toReadError } from "../../errors/read.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import type { StokitRunner } from "../../utils/runner.js";
import { assertAddress, assertUint } from "../../utils/validate.js";
import { distributorAt, resolveDistributor, toDistribution, type DividendsBaseParameters } from "./shared.js";

export type GetClaimableParameters = DividendsBaseParameters & { distributionId: bigint; account: string };
/** What `holder` would be paid now: gross entitlement, tax withheld, net (all zero once claimed or closed). */
export type GetClaimableReturnType = { gross: bigint; withheld: bigint; net: bigint };
export type GetClaimableErrorType =
  | InvalidParameterError
  | UnsupportedChainError
  | ContractRevertError
  | ContractNotFoundError
  | DistributionNotFoundError
  | NetworkError
  | RpcError;

/**
 * What `holder` can claim now in one distribution (two `eth_call`s in one JSON-RPC batch: the claimable amounts and
 * the distribution, so that an unknown id is a {@link DistributionNotFoundError} rather than zeros).
 *
 * @example
 * ```ts
 * import { getClaimable } from "@stokit/sdk";
 *
 * const { gross, withheld, net } = await getClaimable(provider, { distributor, distributionId: 1n, holder });
 * ```
 */
export async function getClaimable(
  runner: StokitRunner,
  parameters: GetClaimableParameters,
): Promise<GetClaimableReturnType> {
  const distributionId = assertUint("distributionId", parameters.distributionId);
  const account = assertAddress("account", parameters.account, { allowZero: true });
  const { address } = await resolveDistributor(runner, parameters);
  const c = distributorAt(address, runner);
  let answers;
  try {
    answers = await Promise.all([c.claimable(distributionId, account), c.distribution(distributionId)]);
  } catch (error) {
    throw await toReadError(runner, error, { contractAddress: address, functionName: "claimable" });
  }
  const [[gross, withheld, net], stored] = answers;
  if (toDistribution(address, distributionId, stored).status === "None")
    throw new DistributionNotFoundError({ distributor: address, distributionId });
  return { gross, withheld, net };
}
