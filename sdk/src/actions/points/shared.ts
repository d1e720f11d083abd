import { Contract, Interface } from "ethers";

import { registerCatalogue } from "../../errors/catalogue.js";
import { pointsReasons } from "../../errors/reasons/points.js";
import * as V from "../../generated/abis/events.js";
import * as pt from "../../generated/abis/Points.js";
import type { Points } from "../../generated/types/Points.js";
import { expand } from "../../utils/abi.js";
import type { StokitRunner } from "../../utils/runner.js";
import { assertAddress, assertUint } from "../../utils/validate.js";
import { resolveTarget, type AreaParameters } from "../shared.js";

/**
 * Parameters every points action accepts: which Points contract (default: the address book's `Points`).
 *
 * @example
 * ```ts
 * import type { PointsBaseParameters } from "@stokit/sdk";
 * const p: PointsBaseParameters = { points: "0x…" };
 * ```
 */
export type PointsBaseParameters = AreaParameters & {
  /** The Points contract; default `addresses.Points`, then the built-in address book. */
  points?: string;
};

/**
 * A points voucher (the contract's EIP-712 `Voucher`), signed by a key holding `ISSUER_ROLE`.
 *
 * @example
 * ```ts
 * import type { PointsVoucher } from "@stokit/sdk";
 * const v: PointsVoucher = { programId: 1n, account, amount: 50n, refId: 1001n, deadline };
 * ```
 */
export type PointsVoucher = { programId: bigint; account: string; amount: bigint; refId: bigint; deadline: bigint };

/**
 * EIP-712 types of {@link PointsVoucher} (domain: `"stokit Points"` v1, chain id, the Points contract).
 *
 * @example
 * ```ts
 * import { POINTS_VOUCHER_TYPES } from "@stokit/sdk";
 * const sig = await issuer.signTypedData(domain, POINTS_VOUCHER_TYPES, voucher);
 * ```
 */
export const POINTS_VOUCHER_TYPES = {
  Voucher: [
    { name: "programId", type: "uint256" },
    { name: "account", type: "address" },
    { name: "amount", type: "uint256" },
    { name: "refId", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** @internal The points functions the SDK calls and the events it reads (a bundle carries no others). */
// The area's errors and sentences are registered inside this pure initialiser, not by a top-level call: a bundle
// that uses none of the area's interfaces drops both, also when bundling the flat dist/index.js (bundlers keep any
// top-level call).
const pointsFunctions: string[] = /*#__PURE__*/ (() => {
  registerCatalogue({ errors: pt.pointsErrors, reasons: pointsReasons });
  return [
    ...expand("function", [pt.balanceOf, pt.isProgramOpen, pt.isEligible, pt.spend, pt.redeemVoucher, pt.eip712Domain]),
    ...expand("event", [V.PointsGranted, V.PointsSpent]),
  ];
})();

/** @internal */
export const pointsInterface = /*#__PURE__*/ new Interface(pointsFunctions);

/** @internal {@link pointsInterface} and the contract's events, for writes (their receipts decode its events). */
export const pointsWriteInterface = /*#__PURE__*/ (() =>
  new Interface([...pointsFunctions, ...expand("event", pt.pointsEvents)]))();

/** @internal */
export function resolvePoints(runner: StokitRunner, p: PointsBaseParameters): Promise<string> {
  return resolveTarget(runner, p, "points", p.points, "Points");
}

/** @internal */
export function pointsAt(address: string, runner: StokitRunner): Points {
  // The functions the SDK calls only; reverts decode through the registered catalogue.
  return new Contract(address, pointsInterface, runner) as unknown as Points;
}

/**
 * The reference id a holder uses for its own {@link spendPoints}: its address in the top 160 bits and `sequence` in
 * the low 96 (the contract's `holderRefId`, computed locally).
 *
 * @example
 * ```ts
 * import { holderRefId } from "@stokit/sdk";
 * const refId = holderRefId(account, 1n);
 * ```
 */
export function holderRefId(account: string, sequence: bigint): bigint {
  const a = BigInt(assertAddress("account", account));
  const s = assertUint("sequence", sequence, (1n << 96n) - 1n);
  return (a << 96n) | s;
}
