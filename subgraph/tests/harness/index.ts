export * from "./bignum.ts";
export * from "./ethereum.ts";
export * from "./host.ts";
export * from "./memory.ts";
export * from "./schema.ts";
export * from "./store.ts";
export * from "./subgraph.ts";
export * from "./values.ts";
