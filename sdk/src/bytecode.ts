// @stokit/sdk/bytecode: the creation bytecode of the contracts the SDK deploys, kept out of the main entry (one
// contract's is tens of KB) so that only an app that deploys bundles it.
export { offeringBytecode } from "./generated/bytecode/Offering.js";
