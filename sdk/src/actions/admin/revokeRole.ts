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
import { assertAddress } from "../../utils/validate.js";
import { buildWrite, writeForms } from "../shared.js";
import { adminInterface, adminTarget, roleId, type AdminBaseParameters } from "./shared.js";

export type RevokeRoleParameters = AdminBaseParameters &
  TransactionOptions & { /** A role name (`AGENT_ROLE`) or its bytes32 id. */ role: string; account: string };
export type RevokeRoleReturnType = TransactionResponse;
export type RevokeRoleAndWaitReturnType = WriteReceipt & {
  revoked: { role: string; account: string; sender: string } | null;
};
export type RevokeRoleErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | ContractNotFoundError | NetworkError | RpcError;
export type RevokeRoleAndWaitErrorType = RevokeRoleErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the call: revokes `role` from `account` on any suite contract (`revokeRole`, the role's admin).
 *
 * @example
 * ```ts
 * import { prepareRevokeRole, estimateRequest } from "@stokit/sdk";
 *
 * const request = await prepareRevokeRole(signer, { contract: token, role: "AGENT_ROLE", account: agent });
 * const { gas } = await estimateRequest(signer, request);
 * ```
 */
export async function prepareRevokeRole(runner: StokitRunner, p: RevokeRoleParameters): Promise<WriteRequest<unknown>> {
  const account = assertAddress("account", p.account);
  return buildWrite(runner, p, adminTarget(runner, p), adminInterface, "revokeRole", [roleId(p.role), account]);
}

const forms = /*#__PURE__*/ writeForms(
  prepareRevokeRole,
  (r): { revoked: { role: string; account: string; sender: string } | null } => {
    const e = r.events.find((x) => x.eventName === "RoleRevoked");
    return {
      revoked: e
        ? { role: e.args.role as string, account: e.args.account as string, sender: e.args.sender as string }
        : null,
    };
  },
);

/**
 * Simulates it from the signer (an `eth_call`): the decoded refusal, if any. Nothing is sent.
 *
 * @example
 * ```ts
 * import { simulateRevokeRole } from "@stokit/sdk";
 * await simulateRevokeRole(signer, { contract: token, role: "AGENT_ROLE", account: agent });
 * ```
 */
export function simulateRevokeRole(runner: StokitRunner, p: RevokeRoleParameters): Promise<SimulateResult<unknown>> {
  return forms.simulate(runner, p);
}

/**
 * revokes `role` from `account` on any suite contract (`revokeRole`, the role's admin). Estimates first: a refusal throws the decoded {@link ContractRevertError} before anything is signed.
 *
 * @example
 * ```ts
 * import { revokeRole } from "@stokit/sdk";
 * const tx = await revokeRole(signer, { contract: token, role: "AGENT_ROLE", account: agent });
 * ```
 */
export function revokeRole(runner: StokitRunner, p: RevokeRoleParameters): Promise<RevokeRoleReturnType> {
  return forms.send(runner, p);
}

/**
 * Sends it, waits for `confirmations` and returns the receipt, the decoded events and the `RoleRevoked` values.
 *
 * @example
 * ```ts
 * import { revokeRoleAndWait } from "@stokit/sdk";
 * const { receipt } = await revokeRoleAndWait(signer, { ...{ contract: token, role: "AGENT_ROLE", account: agent }, confirmations: 1 });
 * ```
 */
export function revokeRoleAndWait(
  runner: StokitRunner,
  p: RevokeRoleParameters & WaitOptions,
): Promise<RevokeRoleAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
