import { ZeroAddress, type TransactionResponse } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import type { ContractNotFoundError } from "../../errors/notFound.js";
import type { InvalidParameterError, UnsupportedChainError } from "../../errors/parameter.js";
import type { NetworkError, RpcError } from "../../errors/rpc.js";
import type { TransactionFailedError, TransactionReplacedError } from "../../errors/transaction.js";
import type {
  SimulateResult,
  TransactionOptions,
  WaitOptions,
  WriteReceipt,
  WriteRequest,
} from "../../transactions/write.js";
import { getSigner, type StokitRunner } from "../../utils/runner.js";
import { assertAddress, assertUint } from "../../utils/validate.js";
import type { OfferingDeployTerms } from "../offering/deployOffering.js";
import { offeringTerms } from "../offering/shared.js";
import { buildWrite, eventArgs, writeForms } from "../shared.js";
import { offeringFactoryInterface, resolveOfferingFactory, type FactoryParameters } from "./shared.js";

export type CreateOfferingParameters = FactoryParameters &
  TransactionOptions & {
    /** The terms; `terms.token` is the IP token (made by the platform's TokenFactory). `lockupEnd` 0: no lock-up. */
    terms: OfferingDeployTerms;
    /** Seconds a `DEFAULT_ADMIN_ROLE` transfer of the offering waits (default 0). */
    adminDelay?: bigint | number;
    /** The offering's `DEFAULT_ADMIN_ROLE` holder (default: the signer). */
    admin?: string;
    /** The `ISSUER_ROLE` holder: finalises early, cancels (default: the signer). */
    issuer?: string;
    /** The `OPERATOR_ROLE` holder: pushes settlements (default: none). */
    operator?: string;
  };
export type CreateOfferingReturnType = TransactionResponse;
export type CreateOfferingAndWaitReturnType = WriteReceipt & {
  /** The `OfferingCreated` values. */
  created: { offering: string; token: string; index: bigint; paymentDecimals: number; lockupGranted: boolean };
};
export type CreateOfferingErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | ContractNotFoundError | NetworkError | RpcError;
export type CreateOfferingAndWaitErrorType =
  CreateOfferingErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the call: opens an offering of an IP token through the OfferingFactory (`createOffering`: CREATE2, and the
 * token's `AGENT_ROLE`, plus `LOCKUP_ROLE` when the terms lock up, granted to it). The signer needs
 * `OFFERING_CREATOR_ROLE`; the Offering constructor's refusals (`OfferingInvalidWindow`...) decode as such.
 *
 * @example
 * ```ts
 * import { prepareCreateOffering } from "@stokit/sdk";
 * const request = await prepareCreateOffering(issuer, { terms: { token, paymentToken: usdc, ... } });
 * ```
 */
export async function prepareCreateOffering(
  runner: StokitRunner,
  p: CreateOfferingParameters,
): Promise<WriteRequest<[string, bigint]>> {
  const terms = offeringTerms(p.terms);
  const adminDelay = assertUint("adminDelay", BigInt(p.adminDelay ?? 0), (1n << 48n) - 1n);
  const self = p.admin === undefined || p.issuer === undefined ? await getSigner(runner).getAddress() : undefined;
  const params = {
    terms,
    admin: assertAddress("admin", p.admin ?? self),
    adminDelay,
    issuer: assertAddress("issuer", p.issuer ?? self),
    operator: assertAddress("operator", p.operator ?? ZeroAddress, { allowZero: true }),
  };
  const factory = await resolveOfferingFactory(runner, p);
  return buildWrite(runner, p, factory, offeringFactoryInterface, "createOffering", [params]);
}

const forms = /*#__PURE__*/ writeForms(prepareCreateOffering, (r): Pick<CreateOfferingAndWaitReturnType, "created"> => {
  const a = eventArgs(r, "OfferingCreated");
  return {
    created: {
      offering: a.offering as string,
      token: a.token as string,
      index: a.index as bigint,
      paymentDecimals: Number(a.paymentDecimals),
      lockupGranted: a.lockupGranted as boolean,
    },
  };
});

/**
 * Simulates it from the signer (an `eth_call`): the new offering's address and index, or the decoded refusal
 * (`OfferingFactoryNotIssuanceAdmin`, `OfferingInvalidCaps`...). Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateCreateOffering } from "@stokit/sdk";
 * const { result } = await simulateCreateOffering(issuer, { terms });
 * ```
 */
export function simulateCreateOffering(
  runner: StokitRunner,
  p: CreateOfferingParameters,
): Promise<SimulateResult<[string, bigint]>> {
  return forms.simulate(runner, p);
}

/**
 * Opens the offering (`createOffering`). Estimates first: a refusal throws the decoded {@link ContractRevertError}
 * before anything is signed.
 *
 * @example
 * ```ts
 * import { createOffering } from "@stokit/sdk";
 * const tx = await createOffering(issuer, { terms });
 * ```
 */
export function createOffering(runner: StokitRunner, p: CreateOfferingParameters): Promise<CreateOfferingReturnType> {
  return forms.send(runner, p);
}

/**
 * Opens the offering, waits for `confirmations` and returns the receipt and the `OfferingCreated` values.
 *
 * @example
 * ```ts
 * import { createOfferingAndWait } from "@stokit/sdk";
 * const { created } = await createOfferingAndWait(issuer, { terms, confirmations: 1 });
 * console.log(created.offering, created.index);
 * ```
 */
export function createOfferingAndWait(
  runner: StokitRunner,
  p: CreateOfferingParameters & WaitOptions,
): Promise<CreateOfferingAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
