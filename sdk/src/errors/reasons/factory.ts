import type { RevertReasonFormatter } from "./format.js";

/**
 * @internal Sentences for the token and offering factories' errors. The initcode store's (`InitcodeStore*`) can only
 * come from deploying a factory, which the SDK does not do: they decode with the generic sentence.
 */
export const factoryReasons: Readonly<Record<string, RevertReasonFormatter>> = {
  TokenFactoryZeroAddress: (a) => `The ${a.field} address is zero.`,
  TokenFactoryZeroIpId: () => `The IP id is zero.`,
  TokenFactoryEmptyName: () => `The name is empty.`,
  TokenFactoryEmptySymbol: () => `The symbol is empty.`,
  TokenFactoryEmptyUri: () => `The IP's URI is empty.`,
  TokenFactoryZeroAdmin: () => `The token admin is the zero address.`,
  TokenFactoryIpTaken: (a) => `IP ${a.ipId} is already listed: its token is ${a.token}.`,
  OfferingFactoryNotIssuanceAdmin: (a) =>
    `The offering factory may not grant roles on ${a.token}: not an IP token of this platform, or the factory was revoked.`,
};
