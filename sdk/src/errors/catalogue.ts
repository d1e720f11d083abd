import { Interface } from "ethers";

import * as E from "../generated/abis/errors.js";
import * as V from "../generated/abis/events.js";
import { expand } from "../utils/abi.js";
import { commonReasons } from "./reasons/common.js";
import type { RevertReasonFormatter } from "./reasons/format.js";

/**
 * @internal What an area adds to revert and log decoding: its contracts' errors and events (keyword-less generated
 * fragments) and the sentences for its errors.
 */
export type Catalogue = {
  errors?: readonly string[];
  events?: readonly string[];
  reasons?: Readonly<Record<string, RevertReasonFormatter>>;
};

// What any call can meet, whichever areas are loaded: OpenZeppelin's ERC-20 (ERC-6093), access control, pause,
// SafeERC20 and reentrancy errors, ERC-20 and access-control events.
const errors = new Set<string>([
  E.AccessControlBadConfirmation,
  E.AccessControlEnforcedDefaultAdminDelay,
  E.AccessControlEnforcedDefaultAdminRules,
  E.AccessControlInvalidDefaultAdmin,
  E.AccessControlUnauthorizedAccount,
  E.ERC20InsufficientAllowance,
  E.ERC20InsufficientBalance,
  E.ERC20InvalidApprover,
  E.ERC20InvalidReceiver,
  E.ERC20InvalidSender,
  E.ERC20InvalidSpender,
  E.EnforcedPause,
  E.ExpectedPause,
  E.ReentrancyGuardReentrantCall,
  E.SafeERC20FailedOperation,
]);
const events = new Set<string>();
const reasons: Record<string, RevertReasonFormatter> = { ...commonReasons };
const writeInterfaces = new Set<Interface>();
let errorInterface: Interface | undefined;
let eventInterface: Interface | undefined;

/**
 * @internal Adds an area's errors, events and sentences to what {@link ContractRevertError} and receipt decoding
 * know. Each area's shared module calls it once when loaded, so a bundle decodes the errors of the areas it uses
 * (and the common ones) without carrying the whole suite's tables; `decodeRevertData` and `getSuiteInterfaces` give
 * the whole suite.
 */
export function registerCatalogue(catalogue: Catalogue): void {
  for (const e of catalogue.errors ?? []) errors.add(e);
  for (const e of catalogue.events ?? []) events.add(e);
  Object.assign(reasons, catalogue.reasons);
  errorInterface = undefined;
  eventInterface = undefined;
}

/** @internal The errors of the loaded areas and the common ones, in one interface. */
export function catalogueErrorInterface(): Interface {
  errorInterface ??= new Interface(expand("error", [...errors]));
  return errorInterface;
}

/**
 * @internal Adds the events of an interface a write was built with (each area's write interface carries its
 * contract's events: read-only bundles carry no event table).
 */
export function registerWriteInterface(iface: Interface): void {
  if (writeInterfaces.has(iface)) return;
  writeInterfaces.add(iface);
  iface.forEachEvent((e) => {
    events.add(e.format("full").slice("event ".length));
  });
  eventInterface = undefined;
}

/** @internal The common events and those of every interface a write was built with, in one interface. */
export function catalogueEventInterface(): Interface {
  // The common events are named here only, so that a read-only bundle carries no event fragment.
  eventInterface ??= new Interface(
    expand("event", [
      ...new Set([V.Transfer, V.Approval, V.Paused, V.Unpaused, V.RoleGranted, V.RoleRevoked, ...events]),
    ]),
  );
  return eventInterface;
}

/** @internal The sentence for an error of a loaded area (or a common one). */
export function catalogueReason(errorName: string): RevertReasonFormatter | undefined {
  return reasons[errorName];
}
