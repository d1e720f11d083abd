// The SDK loads generated fragments (src/generated/abis, compact and keyword-less) through `expand`.
export { expand } from "../generated/abis/compact.js";
