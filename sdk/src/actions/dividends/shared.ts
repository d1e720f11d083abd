import { Contract, Interface } from "ethers";

import { resolveAddress, type AddressOverrides } from "../../addresses.js";
import type { StokitChain } from "../../chains.js";
import { registerCatalogue } from "../../errors/catalogue.js";
import { dividendReasons } from "../../errors/reasons/dividends.js";
import * as dd from "../../generated/abis/DividendDistributor.js";
import type { DividendDistributor } from "../../generated/types/DividendDistributor.js";
import { expand } from "../../utils/abi.js";
import { getChainId, type ChainOptions, type StokitRunner } from "../../utils/runner.js";
import { assertAddress } from "../../utils/validate.js";

/** Parameters every dividends action accepts: which distributor (default: the address book's) on which chain. */
export type DividendsBaseParameters = ChainOptions & {
  /** The DividendDistributor; default `addresses.DividendDistributor`, then the built-in address book. */
  distributor?: string;
  addresses?: AddressOverrides;
  chain?: StokitChain;
};

export { toDistribution, type Distribution, type DistributionStatus } from "./distribution.js";

/** @internal The distributor functions the SDK calls (one generated fragment each: a bundle carries no others). */
// The area's errors and sentences are registered inside this pure initialiser, not by a top-level call: a bundle
// that uses none of the area's interfaces drops both, also when bundling the flat dist/index.js (bundlers keep any
// top-level call).
const distributorFunctions: string[] = /*#__PURE__*/ (() => {
  registerCatalogue({ errors: dd.dividendDistributorErrors, reasons: dividendReasons });
  return expand("function", [
    dd.distribution,
    dd.distributionCount,
    dd.claimable,
    dd.claim,
    dd.claimFor,
    dd.claimMany,
    dd.createDistribution,
  ]);
})();

/** @internal */
export const distributorInterface = /*#__PURE__*/ new Interface(distributorFunctions);

/** @internal {@link distributorInterface} and the contract's events, for writes (their receipts decode its events). */
export const distributorWriteInterface = /*#__PURE__*/ (() =>
  new Interface([...distributorFunctions, ...expand("event", dd.dividendDistributorEvents)]))();

/** @internal The distributor address for the parameters. */
export async function resolveDistributor(
  runner: StokitRunner,
  p: DividendsBaseParameters,
): Promise<{ address: string; chainId: number }> {
  const chainId = await getChainId(runner, p.chainId);
  const address =
    p.distributor !== undefined
      ? assertAddress("distributor", p.distributor)
      : resolveAddress(chainId, "DividendDistributor", p.addresses, p.chain);
  return { address, chainId };
}

/** @internal A typed distributor contract (no network access until used). */
export function distributorAt(address: string, runner: StokitRunner): DividendDistributor {
  // The functions the SDK calls only; reverts decode through the registered catalogue.
  return new Contract(address, distributorInterface, runner) as unknown as DividendDistributor;
}
