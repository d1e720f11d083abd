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

export type GrantRoleParameters = AdminBaseParameters &
  TransactionOptions & { /** A role name (`AGENT_ROLE`) or its bytes32 id. */ role: string; account: string };
export type GrantRoleReturnType = TransactionResponse;
export type GrantRoleAndWaitReturnType = WriteReceipt & {
  granted: { role: string; account: string; sender: string } | null;
};
export type GrantRoleErrorType =
  InvalidParameterError | UnsupportedChainError | ContractRevertError | ContractNotFoundError | NetworkError | RpcError;
export type GrantRoleAndWaitErrorType = GrantRoleErrorType | TransactionFailedError | TransactionReplacedError;

/**
 * Builds the call: grants `role` to `account` on any suite contract (`grantRole`, the role's admin).
 *
 * @example
 * ```ts
 * import { prepareGrantRole, estimateRequest } from "@stokit/sdk";
 *
 * const request = await prepareGrantRole(signer, { contract: token, role: "AGENT_ROLE", account: agent });
 * const { gas } = await estimateRequest(signer, request);
 * ```
 */
export async function prepareGrantRole(runner: StokitRunner, p: GrantRoleParameters): Promise<WriteRequest<unknown>> {
  const account = assertAddress("account", p.account);
  return buildWrite(runner, p, adminTarget(runner, p), adminInterface, "grantRole", [roleId(p.role), account]);
}

const forms = /*#__PURE__*/ writeForms(
  prepareGrantRole,
  (r): { granted: { role: string; account: string; sender: string } | null } => {
    const e = r.events.find((x) => x.eventName === "RoleGranted");
    return {
      granted: e
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
 * import { simulateGrantRole } from "@stokit/sdk";
 * await simulateGrantRole(signer, { contract: token, role: "AGENT_ROLE", account: agent });
 * ```
 */
export function simulateGrantRole(runner: StokitRunner, p: GrantRoleParameters): Promise<SimulateResult<unknown>> {
  return forms.simulate(runner, p);
}

/**
 * grants `role` to `account` on any suite contract (`grantRole`, the role's admin). Estimates first: a refusal throws the decoded {@link ContractRevertError} before anything is signed.
 *
 * @example
 * ```ts
 * import { grantRole } from "@stokit/sdk";
 * const tx = await grantRole(signer, { contract: token, role: "AGENT_ROLE", account: agent });
 * ```
 */
export function grantRole(runner: StokitRunner, p: GrantRoleParameters): Promise<GrantRoleReturnType> {
  return forms.send(runner, p);
}

/**
 * Sends it, waits for `confirmations` and returns the receipt, the decoded events and the `RoleGranted` values.
 *
 * @example
 * ```ts
 * import { grantRoleAndWait } from "@stokit/sdk";
 * const { receipt } = await grantRoleAndWait(signer, { ...{ contract: token, role: "AGENT_ROLE", account: agent }, confirmations: 1 });
 * ```
 */
export function grantRoleAndWait(
  runner: StokitRunner,
  p: GrantRoleParameters & WaitOptions,
): Promise<GrantRoleAndWaitReturnType> {
  return forms.sendAndWait(runner, p);
}
