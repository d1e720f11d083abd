import type { ContractRunner, Provider, Signer } from "ethers";

import { InvalidParameterError } from "../errors/parameter.js";
import { toStokitError } from "../errors/normalize.js";

/** Anything the SDK runs on: an ethers v6 `Provider` (reads) or `Signer` (reads and writes). */
export type StokitRunner = ContractRunner;

/** Options every action accepts to pin the chain. */
export type ChainOptions = {
  /** The chain id the caller expects; a runner on another chain is refused with {@link InvalidParameterError}. */
  chainId?: number;
};

/**
 * The provider behind a runner (a Provider is its own).
 *
 * @example
 * ```ts
 * import { getProvider } from "@stokit/sdk";
 * const provider = getProvider(signer);
 * ```
 */
export function getProvider(runner: StokitRunner): Provider {
  const provider = runner.provider;
  if (!provider)
    throw new InvalidParameterError({
      parameter: "runner",
      value: "runner without provider",
      expected: "a Provider or a Signer connected to one",
    });
  return provider;
}

/**
 * The runner as a Signer, or {@link InvalidParameterError} when it cannot sign.
 *
 * @example
 * ```ts
 * import { getSigner } from "@stokit/sdk";
 * const signer = getSigner(wallet);
 * ```
 */
export function getSigner(runner: StokitRunner): Signer {
  const signer = runner as Partial<Signer>;
  if (typeof signer.sendTransaction !== "function" || typeof signer.getAddress !== "function") {
    throw new InvalidParameterError({
      parameter: "runner",
      value: "a provider",
      expected: "a Signer (writes need one)",
    });
  }
  return runner as Signer;
}

/**
 * The chain id of the runner's network, checked against `expected` when given. Asked each time (no cache of our
 * own): a browser wallet can switch chains between two calls. A provider with a static network (such as
 * `StokitRpcProvider` created with a `chainId`) answers without a request.
 *
 * @example
 * ```ts
 * import { getChainId } from "@stokit/sdk";
 * const chainId = await getChainId(provider, 56); // throws InvalidParameterError on another chain
 * ```
 */
export async function getChainId(runner: StokitRunner, expected?: number): Promise<number> {
  const provider = getProvider(runner);
  let chainId: number;
  try {
    chainId = Number((await provider.getNetwork()).chainId);
  } catch (error) {
    throw toStokitError(error);
  }
  if (expected !== undefined && expected !== chainId) {
    throw new InvalidParameterError({
      parameter: "chainId",
      value: expected,
      expected: `the runner's chain id ${chainId}`,
    });
  }
  return chainId;
}
