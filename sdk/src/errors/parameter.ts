import { StokitError } from "./base.js";

/** Parameters of {@link InvalidParameterError}. */
export type InvalidParameterErrorParameters = {
  /** The parameter's name, e.g. `holder` or `claimDeadline`. */
  parameter: string;
  /** The value given. */
  value: unknown;
  /** What was expected, as a phrase: "a checksummed or lowercase 0x address", "more than zero". */
  expected: string;
};

/**
 * Input the SDK refused before any call reached the chain: a malformed address, a zero amount, a wrong chain id,
 * a deadline in the past. Nothing was sent.
 *
 * @example
 * ```ts
 * import { InvalidParameterError, getClaimable } from "@stokit/sdk";
 *
 * try {
 *   await getClaimable(provider, { distributor, distributionId: 1n, holder: "0x123" });
 * } catch (error) {
 *   if (error instanceof InvalidParameterError) console.log(error.parameter, error.shortMessage);
 * }
 * ```
 */
export class InvalidParameterError extends StokitError {
  override name = "InvalidParameterError";
  readonly parameter: string;
  readonly value: unknown;
  readonly expected: string;

  constructor({ parameter, value, expected }: InvalidParameterErrorParameters) {
    super(`Invalid ${parameter}: expected ${expected}, got ${show(value)}.`, { docsPath: "#errors" });
    this.parameter = parameter;
    this.value = value;
    this.expected = expected;
  }
}

/**
 * The chain the SDK is connected to has no known deployment, Multicall3 or fee model, and none was given.
 *
 * @example
 * ```ts
 * import { UnsupportedChainError, createStokitClient } from "@stokit/sdk";
 *
 * try {
 *   await createStokitClient({ runner: provider }).dividends.getDistribution({ distributionId: 1n });
 * } catch (error) {
 *   if (error instanceof UnsupportedChainError) console.log(error.chainId, error.missing);
 * }
 * ```
 */
export class UnsupportedChainError extends StokitError {
  override name = "UnsupportedChainError";
  readonly chainId: number;
  /** What is missing for this chain, e.g. `DividendDistributor address` or `Multicall3 address`. */
  readonly missing: string;

  constructor({ chainId, missing }: { chainId: number; missing: string }) {
    super(`Chain ${chainId} is not supported: no ${missing} is known for it.`, {
      docsPath: "#address-books",
      metaMessages: [`Pass it to createStokitClient({ addresses: { ... } }) or in the action's parameters.`],
    });
    this.chainId = chainId;
    this.missing = missing;
  }
}

function show(value: unknown): string {
  // Amounts in messages are plain base-unit integers, as in every other message of the SDK.
  if (typeof value === "bigint") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)) ?? String(value);
  } catch {
    return String(value);
  }
}
