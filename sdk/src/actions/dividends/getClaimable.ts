import type { ContractRevertError } from "../../errors/contract.js";
import { DistributionNotFoundError, type ContractNotFoundError } from "../../errors/notFound.js";
import { toReadError } from "../../errors/read.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import { erc20At } from "../../utils/erc20.js";
import type { StokitRunner } from "../../utils/runner.js";
import { rememberUnits, unitsOf } from "../../utils/tokenUnits.js";
import { assertAddress, assertUint } from "../../utils/validate.js";
import { distributorAt, resolveDistributor, toDistribution, type DividendsBaseParameters } from "./shared.js";

export type GetClaimableParameters = DividendsBaseParameters & { distributionId: bigint; account: string };
/**
 * What `account` would be paid now: gross entitlement, tax withheld, net (all zero once claimed or closed), in the
 * payout token's base units, with its decimals and symbol for {@link formatAmount}.
 */
export type GetClaimableReturnType = {
  gross: bigint;
  withheld: bigint;
  net: bigint;
  payoutToken: string;
  payoutDecimals: number;
  payoutSymbol: string;
};
export type GetClaimableErrorType =
  | InvalidParameterError
  | UnsupportedChainError
  | ContractRevertError
  | ContractNotFoundError
  | DistributionNotFoundError
  | NetworkError
  | RpcError;

/**
 * What `account` can claim now in one distribution (two `eth_call`s in one JSON-RPC batch: the claimable amounts and
 * the distribution, so that an unknown id is a {@link DistributionNotFoundError} rather than zeros), with the payout
 * token's units (read once per provider, in one more batch, the first time a payout token is seen).
 *
 * @example
 * ```ts
 * import { formatAmount, getClaimable } from "@stokit/sdk";
 *
 * const c = await getClaimable(provider, { distributor, distributionId: 1n, account });
 * console.log(formatAmount(c.net, { decimals: c.payoutDecimals, symbol: c.payoutSymbol })); // "100 USDT"
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
  const { status, payoutToken } = toDistribution(address, distributionId, stored);
  if (status === "None") throw new DistributionNotFoundError({ distributor: address, distributionId });
  let units = unitsOf(runner, payoutToken);
  if (!units) {
    const erc20 = erc20At(payoutToken, runner);
    try {
      const [decimals, symbol] = await Promise.all([erc20.decimals(), erc20.symbol()]);
      units = rememberUnits(runner, payoutToken, decimals, symbol);
    } catch (error) {
      throw await toReadError(runner, error, { contractAddress: payoutToken, functionName: "decimals" });
    }
  }
  return { gross, withheld, net, payoutToken, payoutDecimals: units.decimals, payoutSymbol: units.symbol };
}
