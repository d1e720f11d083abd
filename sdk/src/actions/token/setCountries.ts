import type { TransactionResponse } from "ethers";

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
import type { StokitRunner } from "../../utils/runner.js";
import { assertUint } from "../../utils/validate.js";
import { buildWrite, writeForms } from "../shared.js";
import { resolveToken, tokenWriteInterface, type TokenBaseParameters } from "./shared.js";

export type SetCountriesParameters = TokenBaseParameters &
  TransactionOptions & {
    /** ISO 3166-1 numeric codes. */ countries: readonly number[];
    allowlist: boolean;
    listed: boolean;
  };
export type SetCountriesReturnType = TransactionResponse;
export type SetCountriesAndWaitReturnType = WriteReceipt & {
  countries: { country: number; allowlist: boolean; listed: boolean }[];
};
export type SetCountriesErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | ContractNotFoundError | NetworkError | RpcError;
export type SetCountriesAndWaitErrorType = SetCountriesErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the call: adds countries to (`listed: true`) or removes them from the token's allowlist (`allowlist: true`) or blocklist (`setCountries`, the token's `COMPLIANCE_ROLE`).
 *
 * @example
 * ```ts
 * import { prepareSetCountries, estimateRequest } from "@stokit/sdk";
 *
 * const request = await prepareSetCountries(signer, { token, countries: [410, 840], allowlist: true, listed: true });
 * const { gas } = await estimateRequest(signer, request);
 * ```
 */
export async function prepareSetCountries(
  runner: StokitRunner,
  p: SetCountriesParameters,
): Promise<WriteRequest<unknown>> {
  const countries = p.countries.map((c, i) => assertUint(`countries[${i}]`, c, 999n));
  return buildWrite(runner, p, await resolveToken(runner, p), tokenWriteInterface, "setCountries", [
    countries,
    p.allowlist,
    p.listed,
  ]);
}

const forms = /*#__PURE__*/ writeForms(
  prepareSetCountries,
  (r): { countries: { country: number; allowlist: boolean; listed: boolean }[] } => ({
    countries: r.events
      .filter((x) => x.eventName === "CountryListed")
      .map((x) => ({
        country: Number(x.args.country),
        allowlist: x.args.allowlist as boolean,
        listed: x.args.listed as boolean,
      })),
  }),
);

/**
 * Simulates it from the signer (an `eth_call`): the decoded refusal, if any. Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateSetCountries } from "@stokit/sdk";
 * await simulateSetCountries(signer, { token, countries: [410, 840], allowlist: true, listed: true });
 * ```
 */
export function simulateSetCountries(
  runner: StokitRunner,
  p: SetCountriesParameters,
): Promise<SimulateResult<unknown>> {
  return forms.simulate(runner, p);
}

/**
 * adds countries to (`listed: true`) or removes them from the token's allowlist (`allowlist: true`) or blocklist (`setCountries`, the token's `COMPLIANCE_ROLE`). Estimates first: a refusal throws the decoded {@link ContractRevertError} before anything is signed.
 *
 * @example
 * ```ts
 * import { setCountries } from "@stokit/sdk";
 * const tx = await setCountries(signer, { token, countries: [410, 840], allowlist: true, listed: true });
 * ```
 */
export function setCountries(runner: StokitRunner, p: SetCountriesParameters): Promise<SetCountriesReturnType> {
  return forms.send(runner, p);
}

/**
 * Sends it, waits for `confirmations` and returns the receipt, the decoded events and the `CountryListed` values.
 *
 * @example
 * ```ts
 * import { setCountriesAndWait } from "@stokit/sdk";
 * const { receipt } = await setCountriesAndWait(signer, { ...{ token, countries: [410, 840], allowlist: true, listed: true }, confirmations: 1 });
 * ```
 */
export function setCountriesAndWait(
  runner: StokitRunner,
  p: SetCountriesParameters & WaitOptions,
): Promise<SetCountriesAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
