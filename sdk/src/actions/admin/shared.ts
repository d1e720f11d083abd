import { Interface, ZeroHash, id, isHexString } from "ethers";

import { InvalidParameterError } from "../../errors/parameter.js";
import type { StokitRunner } from "../../utils/runner.js";
import { assertAddress } from "../../utils/validate.js";
import type { AreaParameters } from "../shared.js";

/**
 * Parameters of the actions any suite contract with OpenZeppelin access control and a pause switch accepts
 * (SecurityToken, Offering, DividendDistributor, Points, OracleCircuitBreaker, IdentityRegistry): the contract's
 * address, given explicitly (admin actions never default to an address book entry).
 *
 * @example
 * ```ts
 * import type { AdminBaseParameters } from "@stokit/sdk";
 * const p: AdminBaseParameters = { contract: "0x…" };
 * ```
 */
export type AdminBaseParameters = AreaParameters & {
  /** The contract to act on. */
  contract: string;
};

/** @internal The access-control and pause functions every suite contract shares. */
export const adminInterface = /*#__PURE__*/ new Interface([
  "function grantRole(bytes32 role, address account)",
  "function revokeRole(bytes32 role, address account)",
  "function hasRole(bytes32 role, address account) view returns (bool)",
  "function pause()",
  "function unpause()",
]);

/**
 * The bytes32 id of a role: a 32-byte hex id as is, `DEFAULT_ADMIN_ROLE` as zero, any other name as
 * `keccak256(name)` (how every suite contract defines its roles, e.g. `AGENT_ROLE`).
 *
 * @example
 * ```ts
 * import { roleId } from "@stokit/sdk";
 * roleId("AGENT_ROLE"); // keccak256("AGENT_ROLE")
 * ```
 */
export function roleId(role: string): string {
  if (isHexString(role, 32)) return role;
  if (role === "DEFAULT_ADMIN_ROLE") return ZeroHash;
  if (!/^[A-Z][A-Z0-9_]*$/.test(role)) {
    throw new InvalidParameterError({
      parameter: "role",
      value: role,
      expected: "a role name such as AGENT_ROLE, or a bytes32 id",
    });
  }
  return id(role);
}

/** @internal The contract address of admin parameters. */
export function adminTarget(_runner: StokitRunner, p: AdminBaseParameters): string {
  return assertAddress("contract", p.contract);
}
