import type { ContractRevertError } from "../../errors/contract.js";
import { toStokitError } from "../../errors/normalize.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import type { StokitRunner } from "../../utils/runner.js";
import { assertAddress, assertUint } from "../../utils/validate.js";
import { distributorAt, resolveDistributor, type DividendsBaseParameters } from "./shared.js";

export type GetClaimableParameters = DividendsBaseParameters & { distributionId: bigint; holder: string };
/** What `holder` would be paid now: gross entitlement, tax withheld, net (all zero once claimed or closed). */
export type GetClaimableReturnType = { gross: bigint; withheld: bigint; net: bigint };
export type GetClaimableErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;

/**
 * What `holder` can claim now in one distribution (one `eth_call`).
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
  const holder = assertAddress("holder", parameters.holder, { allowZero: true });
  const { address } = await resolveDistributor(runner, parameters);
  try {
    const [gross, withheld, net] = await distributorAt(address, runner).claimable(distributionId, holder);
    return { gross, withheld, net };
  } catch (error) {
    throw toStokitError(error, { contractAddress: address, functionName: "claimable" });
  }
}
