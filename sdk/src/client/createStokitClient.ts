import type { AddressOverrides } from "../addresses.js";
import type { StokitChain } from "../chains.js";
import { claim, claimAndWait, prepareClaim, simulateClaim, type ClaimParameters } from "../actions/dividends/claim.js";
import {
  claimFor,
  claimForAndWait,
  prepareClaimFor,
  simulateClaimFor,
  type ClaimForParameters,
} from "../actions/dividends/claimFor.js";
import {
  claimMany,
  claimManyAndWait,
  prepareClaimMany,
  simulateClaimMany,
  type ClaimManyParameters,
} from "../actions/dividends/claimMany.js";
import {
  createDistribution,
  createDistributionAndWait,
  prepareCreateDistribution,
  simulateCreateDistribution,
  type CreateDistributionParameters,
} from "../actions/dividends/createDistribution.js";
import { getClaimable, type GetClaimableParameters } from "../actions/dividends/getClaimable.js";
import { getClaimableMany, type GetClaimableManyParameters } from "../actions/dividends/getClaimableMany.js";
import { getDistribution, type GetDistributionParameters } from "../actions/dividends/getDistribution.js";
import { multicall, type ContractCall, type MulticallParameters } from "../multicall/multicall.js";
import { getFeeSettings } from "../transactions/gas.js";
import { replaceTransaction, type ReplaceTransactionParameters } from "../transactions/replace.js";
import {
  estimateRequest,
  simulateRequest,
  waitForTransaction,
  type TransactionOptions,
  type WaitForTransactionParameters,
  type WaitOptions,
  type WriteRequest,
} from "../transactions/write.js";
import { getChainId, type StokitRunner } from "../utils/runner.js";

/** Parameters of {@link createStokitClient}. */
export type CreateStokitClientParameters = {
  /** An ethers v6 Provider (read-only client) or Signer (browser wallet, Wallet, remote/KMS signer). */
  runner: StokitRunner;
  /** The chain the client must be on; every call checks the runner's chain against it. */
  chainId?: number;
  /** Contract addresses that override the built-in address book (e.g. a local deployment, Multicall3 on Besu). */
  addresses?: AddressOverrides;
  /** A chain definition for chains the SDK does not know (a Besu network with its own id). */
  chain?: StokitChain;
};

/** Parameters of a client method: the action's own, without what the client supplies. */
type Bound<P> = Omit<P, "chainId" | "addresses" | "chain"> &
  Partial<Pick<CreateStokitClientParameters, "addresses" | "chain">>;

/**
 * A client bound to one runner and deployment: every method delegates to the plain function of the same name with
 * the client's `chainId`, `addresses` and `chain`. Areas: `dividends` now; token, identity, offering, points and
 * oracle join as their contracts land.
 *
 * @example
 * ```ts
 * import { BrowserProvider } from "ethers";
 * import { createStokitClient } from "@stokit/sdk";
 *
 * const signer = await new BrowserProvider(window.ethereum).getSigner();
 * const client = createStokitClient({ runner: signer, chainId: 56 });
 * const { items, totals } = await client.dividends.getClaimableMany({ holder: await signer.getAddress() });
 * const { claimed } = await client.dividends.claimManyAndWait({});
 * ```
 */
export function createStokitClient(parameters: CreateStokitClientParameters) {
  const { runner } = parameters;
  const bind = <P extends object>(p: Bound<P>): P =>
    ({
      chainId: parameters.chainId,
      chain: parameters.chain,
      ...p,
      addresses: { ...parameters.addresses, ...(p as { addresses?: AddressOverrides }).addresses },
    }) as unknown as P;

  return {
    runner,
    chainId: parameters.chainId,
    addresses: parameters.addresses,
    /** The runner's chain id (checked against `chainId`). */
    getChainId: () => getChainId(runner, parameters.chainId),
    /** {@link multicall} on this client's chain. */
    multicall: <const TCalls extends readonly ContractCall[], TAllowFailure extends boolean = false>(
      p: Bound<MulticallParameters<TCalls>> & { allowFailure?: TAllowFailure },
    ) => multicall<TCalls, TAllowFailure>(runner, bind(p)),
    /** {@link getFeeSettings} for this chain. */
    getFeeSettings: () => getFeeSettings(runner, { chainId: parameters.chainId, chain: parameters.chain }),
    /** {@link simulateRequest}. */
    simulate: <T>(request: WriteRequest<T>) => simulateRequest(runner, request),
    /** {@link estimateRequest}. */
    estimate: (request: WriteRequest<unknown>, options?: TransactionOptions) =>
      estimateRequest(runner, request, options),
    /** {@link waitForTransaction}. */
    waitForTransaction: (p: WaitForTransactionParameters) => waitForTransaction(runner, p),
    /** {@link replaceTransaction}. */
    replaceTransaction: (p: ReplaceTransactionParameters) => replaceTransaction(runner, p),
    dividends: {
      getDistribution: (p: Bound<GetDistributionParameters>) => getDistribution(runner, bind(p)),
      getClaimable: (p: Bound<GetClaimableParameters>) => getClaimable(runner, bind(p)),
      getClaimableMany: (p: Bound<GetClaimableManyParameters>) => getClaimableMany(runner, bind(p)),
      prepareClaim: (p: Bound<ClaimParameters>) => prepareClaim(runner, bind(p)),
      simulateClaim: (p: Bound<ClaimParameters>) => simulateClaim(runner, bind(p)),
      claim: (p: Bound<ClaimParameters>) => claim(runner, bind(p)),
      claimAndWait: (p: Bound<ClaimParameters> & WaitOptions) => claimAndWait(runner, bind(p)),
      prepareClaimMany: (p: Bound<ClaimManyParameters>) => prepareClaimMany(runner, bind(p)),
      simulateClaimMany: (p: Bound<ClaimManyParameters>) => simulateClaimMany(runner, bind(p)),
      claimMany: (p: Bound<ClaimManyParameters>) => claimMany(runner, bind(p)),
      claimManyAndWait: (p: Bound<ClaimManyParameters> & WaitOptions) => claimManyAndWait(runner, bind(p)),
      prepareClaimFor: (p: Bound<ClaimForParameters>) => prepareClaimFor(runner, bind(p)),
      simulateClaimFor: (p: Bound<ClaimForParameters>) => simulateClaimFor(runner, bind(p)),
      claimFor: (p: Bound<ClaimForParameters>) => claimFor(runner, bind(p)),
      claimForAndWait: (p: Bound<ClaimForParameters> & WaitOptions) => claimForAndWait(runner, bind(p)),
      prepareCreateDistribution: (p: Bound<CreateDistributionParameters>) => prepareCreateDistribution(runner, bind(p)),
      simulateCreateDistribution: (p: Bound<CreateDistributionParameters>) =>
        simulateCreateDistribution(runner, bind(p)),
      createDistribution: (p: Bound<CreateDistributionParameters>) => createDistribution(runner, bind(p)),
      createDistributionAndWait: (p: Bound<CreateDistributionParameters> & WaitOptions) =>
        createDistributionAndWait(runner, bind(p)),
    },
  };
}

/** The client {@link createStokitClient} returns. */
export type StokitClient = ReturnType<typeof createStokitClient>;
