// @stokit/sdk/platform: a platform of many IPs, through the TokenFactory and OfferingFactory (list an IP, open its
// offerings, list a platform's IPs and offerings). A separate entry, like `@stokit/sdk/bytecode`: an app that does
// not manage a platform bundles none of it (the factories' ABIs and events are long), and the main entry stays within
// its size budget. The portfolio across every IP an account holds is in the main entry (`getPortfolio`'s
// `tokenFactory`).
export { toIpId, type FactoryParameters } from "./actions/factory/shared.js";
export * from "./actions/factory/createIpToken.js";
export * from "./actions/factory/createOffering.js";
export * from "./actions/factory/listIps.js";
export * from "./actions/factory/listOfferings.js";
export type { OfferingFactory, TokenFactory } from "./generated/types/index.js";
export { OfferingFactory__factory, TokenFactory__factory } from "./generated/types/index.js";
export { offeringFactoryAbi } from "./generated/abis/OfferingFactory.js";
export { tokenFactoryAbi } from "./generated/abis/TokenFactory.js";
