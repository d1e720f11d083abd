import { commonReasons } from "./reasons/common.js";
import { dividendReasons } from "./reasons/dividends.js";
import { factoryReasons } from "./reasons/factory.js";
import type { RevertReasonFormatter } from "./reasons/format.js";
import { identityReasons } from "./reasons/identity.js";
import { offeringDeployReasons, offeringReasons } from "./reasons/offering.js";
import { oracleReasons } from "./reasons/oracle.js";
import { pointsReasons } from "./reasons/points.js";
import { tokenReasons } from "./reasons/token.js";

export type { RevertReasonFormatter } from "./reasons/format.js";

/**
 * Readable sentences for the suite's custom errors, keyed by error name: every area's, merged. Each area's table
 * lives in `errors/reasons/<area>.ts` and is loaded with that area's actions (a bundle of one action carries the
 * sentences of its own area and the common ones: ERC-20, access control, SafeERC20, panics, `Error(string)`). An
 * error without an entry still decodes (name and arguments) with a generic sentence.
 *
 * @example
 * ```ts
 * import { revertReasons } from "@stokit/sdk";
 *
 * revertReasons.DividendNothingToClaim({ distributionId: 3n, holder: "0xabc..." });
 * // "0xabc... has nothing to claim in distribution 3."
 * ```
 */
export const revertReasons: Readonly<Record<string, RevertReasonFormatter>> = /*#__PURE__*/ (() => ({
  ...dividendReasons,
  ...tokenReasons,
  ...identityReasons,
  ...pointsReasons,
  ...oracleReasons,
  ...offeringReasons,
  ...offeringDeployReasons,
  ...factoryReasons,
  ...commonReasons,
}))();
