import { StokitError } from "./base.js";

/**
 * There is no contract at the address (no code: an externally owned account, a typo, another chain's address, or
 * a contract not deployed yet). Raised instead of a revert or zeros when a call comes back empty from an address
 * without code.
 *
 * @example
 * ```ts
 * import { ContractNotFoundError, getClaimable } from "@stokit/sdk";
 *
 * try {
 *   await getClaimable(provider, { distributor: "0x…", distributionId: 1n, holder: me });
 * } catch (error) {
 *   if (error instanceof ContractNotFoundError) console.log("no contract at", error.address);
 * }
 * ```
 */
export class ContractNotFoundError extends StokitError {
  override name = "ContractNotFoundError";
  /** The address without code. */
  readonly address: string;
  /** The function that was called, when known. */
  readonly functionName: string | undefined;

  constructor({ address, functionName, cause }: { address: string; functionName?: string; cause?: unknown }) {
    super(`There is no contract at ${address} on this chain (no code).`, {
      cause,
      docsPath: "#errors",
      metaMessages: [
        ...(functionName ? [`Call: ${functionName}`] : []),
        "Check the address, the chain, and that the deployment went through.",
      ],
    });
    this.address = address;
    this.functionName = functionName;
  }
}

/**
 * A distribution id that the distributor does not know (never created). Raised instead of zeros and a zero token.
 *
 * @example
 * ```ts
 * import { DistributionNotFoundError, getClaimable } from "@stokit/sdk";
 *
 * try {
 *   await getClaimable(provider, { distributor, distributionId: 99n, holder: me });
 * } catch (error) {
 *   if (error instanceof DistributionNotFoundError) console.log(error.distributor, error.distributionId);
 * }
 * ```
 */
export class DistributionNotFoundError extends StokitError {
  override name = "DistributionNotFoundError";
  readonly distributor: string;
  readonly distributionId: bigint;

  constructor({ distributor, distributionId }: { distributor: string; distributionId: bigint }) {
    super(`Distribution ${distributionId} does not exist on the distributor ${distributor}.`, { docsPath: "#errors" });
    this.distributor = distributor;
    this.distributionId = distributionId;
  }
}

/**
 * The address holds a contract, but not a stokit SecurityToken (for example a plain ERC-20): the call it does not
 * implement is named.
 *
 * @example
 * ```ts
 * import { NotAStokitTokenError, getPortfolio } from "@stokit/sdk";
 *
 * try {
 *   await getPortfolio(provider, { account: me, tokens: [tokenA, usdt] });
 * } catch (error) {
 *   if (error instanceof NotAStokitTokenError) console.log(error.token, error.functionName);
 * }
 * ```
 */
export class NotAStokitTokenError extends StokitError {
  override name = "NotAStokitTokenError";
  readonly token: string;
  /** The SecurityToken function the contract does not implement. */
  readonly functionName: string;

  constructor({ token, functionName, cause }: { token: string; functionName: string; cause?: unknown }) {
    super(`${token} is not a stokit SecurityToken: it does not implement ${functionName}().`, {
      cause,
      docsPath: "#errors",
      metaMessages: ["Pass only stokit SecurityToken addresses in `tokens`; read plain ERC-20s with ethers."],
    });
    this.token = token;
    this.functionName = functionName;
  }
}
