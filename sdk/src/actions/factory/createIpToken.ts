import type { TransactionResponse } from "ethers";

import type { ContractRevertError } from "../../errors/contract.js";
import type { ContractNotFoundError } from "../../errors/notFound.js";
import { InvalidParameterError, type UnsupportedChainError } from "../../errors/parameter.js";
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
import { assertAddress, assertUint } from "../../utils/validate.js";
import { buildWrite, eventArgs, writeForms } from "../shared.js";
import { resolveTokenFactory, toIpId, tokenFactoryInterface, type FactoryParameters } from "./shared.js";

/** Who holds what on a new IP token (`ITokenFactory.TokenRoles`); an omitted holder leaves that role ungranted. */
export type IpTokenRoles = {
  /** `DEFAULT_ADMIN_ROLE` and issuance admin (required). */
  admin: string;
  /** Delay of the two-step admin handover, seconds (default 0). */
  adminDelay?: bigint | number;
  agent?: string;
  compliance?: string;
  pauser?: string;
  lockup?: string;
  recordDate?: string;
};

export type CreateIpTokenParameters = FactoryParameters &
  TransactionOptions & {
    /** The IP's id: a 32-byte hex id, or a label hashed with keccak256 (see {@link toIpId}). The CREATE2 salt. */
    ipId: string;
    name: string;
    symbol: string;
    /** Where the IP's description lives (`ipfs://…`, `https://…`); emitted in `TokenCreated`. */
    uri: string;
    roles: IpTokenRoles;
  };
export type CreateIpTokenReturnType = TransactionResponse;
export type CreateIpTokenAndWaitReturnType = WriteReceipt & {
  /** The `TokenCreated` values. */
  created: { ipId: string; token: string; decimals: number; registry: string; distributor: string; tokenCount: bigint };
};
export type CreateIpTokenErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | ContractNotFoundError | NetworkError | RpcError;
export type CreateIpTokenAndWaitErrorType = CreateIpTokenErrorType | TransactionFailedError | TransactionReplacedError;

const ZERO = "0x0000000000000000000000000000000000000000";

function nonEmpty(parameter: string, value: unknown): string {
  if (typeof value !== "string" || value.length === 0)
    throw new InvalidParameterError({ parameter, value: String(value), expected: "a non-empty string" });
  return value;
}

/** @internal `ITokenFactory.TokenParams` from the action's parameters (validated). */
export function tokenParams(p: CreateIpTokenParameters) {
  const role = (name: keyof IpTokenRoles) =>
    p.roles[name] === undefined ? ZERO : assertAddress(`roles.${name}`, p.roles[name], { allowZero: true });
  return {
    ipId: toIpId(p.ipId),
    name: nonEmpty("name", p.name),
    symbol: nonEmpty("symbol", p.symbol),
    uri: nonEmpty("uri", p.uri),
    roles: {
      admin: assertAddress("roles.admin", p.roles?.admin),
      adminDelay: assertUint("roles.adminDelay", BigInt(p.roles.adminDelay ?? 0), (1n << 48n) - 1n),
      agent: role("agent"),
      compliance: role("compliance"),
      pauser: role("pauser"),
      lockup: role("lockup"),
      recordDate: role("recordDate"),
    },
  };
}

/**
 * Builds the call: lists a new IP as its own security token through the TokenFactory (`createToken`: CREATE2 with
 * the IP id as salt, bound to the shared identity registry, roles granted). The signer needs `TOKEN_CREATOR_ROLE`.
 *
 * @example
 * ```ts
 * import { prepareCreateIpToken } from "@stokit/sdk";
 * const request = await prepareCreateIpToken(issuer, {
 *   ipId: "webtoon:moonlit-garden", name: "Moonlit Garden Revenue Right", symbol: "MOON",
 *   uri: "ipfs://bafy…", roles: { admin: issuerAddress, agent: issuerAddress },
 * });
 * ```
 */
export async function prepareCreateIpToken(
  runner: StokitRunner,
  p: CreateIpTokenParameters,
): Promise<WriteRequest<string>> {
  const params = tokenParams(p);
  return buildWrite<string>(runner, p, await resolveTokenFactory(runner, p), tokenFactoryInterface, "createToken", [
    params,
  ]);
}

const forms = /*#__PURE__*/ writeForms(prepareCreateIpToken, (r): Pick<CreateIpTokenAndWaitReturnType, "created"> => {
  const a = eventArgs(r, "TokenCreated");
  return {
    created: {
      ipId: a.ipId as string,
      token: a.token as string,
      decimals: Number(a.decimals),
      registry: a.registry as string,
      distributor: a.distributor as string,
      tokenCount: a.tokenCount as bigint,
    },
  };
});

/**
 * Simulates it from the signer (an `eth_call`): the new token's address, or the decoded refusal
 * (`TokenFactoryIpTaken`, `AccessControlUnauthorizedAccount`...). Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateCreateIpToken } from "@stokit/sdk";
 * const { result: token } = await simulateCreateIpToken(issuer, params);
 * ```
 */
export function simulateCreateIpToken(
  runner: StokitRunner,
  p: CreateIpTokenParameters,
): Promise<SimulateResult<string>> {
  return forms.simulate(runner, p);
}

/**
 * Lists the IP (`createToken`). Estimates first: a refusal throws the decoded {@link ContractRevertError} before
 * anything is signed.
 *
 * @example
 * ```ts
 * import { createIpToken } from "@stokit/sdk";
 * const tx = await createIpToken(issuer, params);
 * ```
 */
export function createIpToken(runner: StokitRunner, p: CreateIpTokenParameters): Promise<CreateIpTokenReturnType> {
  return forms.send(runner, p);
}

/**
 * Lists the IP, waits for `confirmations` and returns the receipt and the `TokenCreated` values (the new token).
 *
 * @example
 * ```ts
 * import { createIpTokenAndWait } from "@stokit/sdk";
 * const { created } = await createIpTokenAndWait(issuer, { ...params, confirmations: 1 });
 * console.log(created.token);
 * ```
 */
export function createIpTokenAndWait(
  runner: StokitRunner,
  p: CreateIpTokenParameters & WaitOptions,
): Promise<CreateIpTokenAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
