import type { BlockTag } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import { contractCall, multicall } from "../../multicall/multicall.js";
import type { StokitRunner } from "../../utils/runner.js";
import { assertAddress } from "../../utils/validate.js";
import { registryAt, resolveRegistry, type IdentityBaseParameters } from "./shared.js";

export type GetInvestorParameters = IdentityBaseParameters & {
  account: string;
  multicallAddress?: string;
  blockTag?: BlockTag;
};
export type GetInvestorReturnType = {
  account: string;
  /** The investor id (bytes32), or `null` when the account is not linked. */
  investorId: string | null;
  /** Whether the account belongs to a non-revoked investor whose KYC has not expired. */
  verified: boolean;
  /** The profile as pushed to tokens (investorKey 0 when unlinked; kycExpiry 0 when revoked or unlinked). */
  profile: { investorKey: bigint; country: number; kycExpiry: bigint; classFlags: number };
  /** The investor record (`null` when unlinked). */
  investor: {
    key: bigint;
    country: number;
    kycExpiry: bigint;
    classFlags: number;
    revoked: boolean;
    walletCount: number;
  } | null;
};
export type GetInvestorErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;

const ZERO = "0x" + "0".repeat(64);

/**
 * Looks an account up in the identity registry: `investorOf`, `isVerified` and `profileOf` in one Multicall3 round trip,
 * plus the investor record (`investor`) in a second one when the account is linked.
 *
 * @example
 * ```ts
 * import { getInvestor } from "@stokit/sdk";
 *
 * const { investorId, verified, profile } = await getInvestor(provider, { registry, account });
 * if (!verified) console.log("KYC needed; country", profile.country);
 * ```
 */
export async function getInvestor(
  runner: StokitRunner,
  parameters: GetInvestorParameters,
): Promise<GetInvestorReturnType> {
  const account = assertAddress("account", parameters.account);
  const address = await resolveRegistry(runner, parameters);
  const r = registryAt(address, runner);
  const [id, verified, profile] = await multicall(runner, {
    ...parameters,
    calls: [
      contractCall(r, "investorOf", [account]),
      contractCall(r, "isVerified", [account]),
      contractCall(r, "profileOf", [account]),
    ] as const,
  });
  const investorId = id === ZERO ? null : id;
  let investor: GetInvestorReturnType["investor"] = null;
  if (investorId) {
    const [rec] = await multicall(runner, {
      ...parameters,
      calls: [contractCall(r, "investor", [investorId])] as const,
    });
    investor = {
      key: BigInt(rec.key),
      country: Number(rec.country),
      kycExpiry: BigInt(rec.kycExpiry),
      classFlags: Number(rec.classFlags),
      revoked: rec.revoked,
      walletCount: Number(rec.walletCount),
    };
  }
  return {
    account,
    investorId,
    verified,
    profile: {
      investorKey: BigInt(profile[0]),
      country: Number(profile[1]),
      kycExpiry: BigInt(profile[2]),
      classFlags: Number(profile[3]),
    },
    investor,
  };
}
