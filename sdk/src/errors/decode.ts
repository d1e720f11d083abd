import { Interface } from "ethers";

import { suiteErrorsAbi, suiteEventsAbi } from "../generated/abis/suite.js";
import { catalogueReason } from "./catalogue.js";
import { decodeRevert, type DecodedRevert } from "./contract.js";
import { revertReasons } from "./reasons.js";

let errorInterface: Interface | undefined;
let eventInterface: Interface | undefined;

/** @internal Every error of the suite, in one interface. */
export function getSuiteErrorInterface(): Interface {
  errorInterface ??= new Interface(suiteErrorsAbi);
  return errorInterface;
}

/** @internal Every event of the suite, in one interface. */
export function getSuiteEventInterface(): Interface {
  eventInterface ??= new Interface(suiteEventsAbi);
  return eventInterface;
}

/**
 * The interfaces of every error and every event of the suite's contracts and OpenZeppelin's ERC-20 (generated once
 * each into `suiteErrorsAbi` and `suiteEventsAbi`). The actions decode with the tables of their own area (and the
 * common ERC-20, access-control and pause ones); pass these to decode anything the suite can emit.
 *
 * @example
 * ```ts
 * import { decodeEvents, getSuiteInterfaces } from "@stokit/sdk";
 * const [errors, events] = getSuiteInterfaces();
 * const decoded = decodeEvents(receipt, [events]);
 * ```
 */
export function getSuiteInterfaces(): readonly Interface[] {
  return [getSuiteErrorInterface(), getSuiteEventInterface()];
}

/**
 * Decodes revert data into the custom error's name, arguments and a readable sentence, trying `interfaces` (every
 * error of the suite by default), then `Error(string)` and `Panic(uint256)`. Returns `null` for empty or unknown data.
 *
 * @example
 * ```ts
 * import { decodeRevertData } from "@stokit/sdk";
 *
 * const decoded = decodeRevertData("0x...");
 * if (decoded) console.log(decoded.errorName, decoded.args, decoded.reason);
 * ```
 */
export function decodeRevertData(
  data: string,
  interfaces: readonly Interface[] = [getSuiteErrorInterface()],
): DecodedRevert | null {
  return decodeRevert(data, interfaces, (name) => revertReasons[name] ?? catalogueReason(name));
}
