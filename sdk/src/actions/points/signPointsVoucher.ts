import { getAddress, type TypedDataDomain } from "ethers";

import { toStokitError } from "../../errors/normalize.js";
import { InvalidParameterError, type UnsupportedChainError } from "../../errors/parameter.js";
import type { ContractRevertError } from "../../errors/contract.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import { getChainId, getSigner, type StokitRunner } from "../../utils/runner.js";
import { assertAddress, assertPositive, assertUint } from "../../utils/validate.js";
import {
  POINTS_VOUCHER_TYPES,
  pointsAt,
  resolvePoints,
  type PointsBaseParameters,
  type PointsVoucher,
} from "./shared.js";

export type SignPointsVoucherParameters = PointsBaseParameters & {
  voucher: PointsVoucher;
  /** Refuse a `deadline` that is not after this unix time (default: now). */
  now?: bigint;
};
export type SignPointsVoucherReturnType = {
  voucher: PointsVoucher;
  signature: string;
  domain: TypedDataDomain;
  issuer: string;
};
export type SignPointsVoucherErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | NetworkError | RpcError;

/** @internal */
export function normalizeVoucher(v: PointsVoucher): PointsVoucher {
  return {
    programId: assertUint("voucher.programId", v.programId),
    account: assertAddress("voucher.account", v.account),
    amount: assertPositive("voucher.amount", v.amount),
    refId: assertUint("voucher.refId", v.refId),
    deadline: assertUint("voucher.deadline", v.deadline),
  };
}

/**
 * Signs a points voucher with the runner's key, as the points backend does (the key must hold `ISSUER_ROLE` when the
 * voucher is redeemed). The domain is read from the contract (ERC-5267 `eip712Domain`, one `eth_call`) and checked
 * against the runner's chain and the contract's address, so a voucher is never signed for another deployment. Use
 * the ledger row's id as `refId`: it makes the voucher single-use and is what {@link reconcilePoints} matches on.
 *
 * @example
 * ```ts
 * import { signPointsVoucher } from "@stokit/sdk";
 *
 * const { voucher, signature } = await signPointsVoucher(issuerKey, {
 *   points,
 *   voucher: { programId: 1n, account: row.account, amount: BigInt(row.amount), refId: BigInt(row.id), deadline },
 * });
 * // hand { voucher, signature } to the user, who calls redeemVoucher
 * ```
 */
export async function signPointsVoucher(
  runner: StokitRunner,
  parameters: SignPointsVoucherParameters,
): Promise<SignPointsVoucherReturnType> {
  const voucher = normalizeVoucher(parameters.voucher);
  const now = parameters.now ?? BigInt(Math.floor(Date.now() / 1000));
  if (voucher.deadline <= now)
    throw new InvalidParameterError({
      parameter: "voucher.deadline",
      value: voucher.deadline,
      expected: `a unix time after ${now}`,
    });
  const signer = getSigner(runner);
  const address = await resolvePoints(runner, parameters);
  const chainId = await getChainId(runner, parameters.chainId);
  try {
    const [, name, version, domainChainId, verifyingContract] = await pointsAt(address, runner).eip712Domain();
    if (Number(domainChainId) !== chainId || getAddress(verifyingContract) !== address)
      throw new InvalidParameterError({
        parameter: "points",
        value: address,
        expected: `a Points contract whose EIP-712 domain is on chain ${chainId} at its own address`,
      });
    const domain: TypedDataDomain = { name, version, chainId, verifyingContract: address };
    const signature = await signer.signTypedData(
      domain,
      POINTS_VOUCHER_TYPES as unknown as Record<string, { name: string; type: string }[]>,
      voucher,
    );
    return { voucher, signature, domain, issuer: await signer.getAddress() };
  } catch (error) {
    throw toStokitError(error, { contractAddress: address, functionName: "eip712Domain" });
  }
}
