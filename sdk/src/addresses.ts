import { getChain, type StokitChain } from "./chains.js";
import { UnsupportedChainError } from "./errors/parameter.js";
import { deployments } from "./generated/deployments.js";

/** Names of the suite's contracts in an address book (extend as areas land). */
export type ContractName =
  | "DividendDistributor"
  | "SecurityToken"
  | "IdentityRegistry"
  | "Offering"
  | "Points"
  | "OracleCircuitBreaker"
  | "TokenFactory"
  | "OfferingFactory"
  | "Multicall3"
  | (string & {});

/** One contract of an address book. */
export type ContractDeployment = { address: string; blockNumber?: number; txHash?: string };

/** The format of `deployments/<network>.json`. */
export type AddressBook = {
  network?: string;
  chainId: number;
  contracts: Readonly<Record<string, ContractDeployment>>;
};

/** Addresses that override (or stand in for) the built-in address book, by contract name. */
export type AddressOverrides = Readonly<Partial<Record<ContractName, string>>>;

/**
 * The built-in address book of `chainId` (from `deployments/*.json` when the package was built), if any.
 *
 * @example
 * ```ts
 * import { getAddressBook } from "@stokit/sdk";
 * const book = getAddressBook(56);
 * console.log(book?.contracts.DividendDistributor?.address);
 * ```
 */
export function getAddressBook(chainId: number): AddressBook | undefined {
  return deployments[chainId];
}

/**
 * The address of contract `name` on `chainId`: the override if given, else the built-in address book, else (for
 * Multicall3) the chain's known address. Throws {@link UnsupportedChainError} when none is known.
 *
 * @example
 * ```ts
 * import { resolveAddress } from "@stokit/sdk";
 * const distributor = resolveAddress(56, "DividendDistributor", { DividendDistributor: "0x..." });
 * ```
 */
export function resolveAddress(
  chainId: number,
  name: ContractName,
  overrides?: AddressOverrides,
  chain?: StokitChain,
): string {
  const address =
    overrides?.[name] ??
    deployments[chainId]?.contracts[name]?.address ??
    (name === "Multicall3" ? getChain(chainId, chain).multicall3 : undefined);
  if (!address) throw new UnsupportedChainError({ chainId, missing: `${name} address` });
  return address;
}
