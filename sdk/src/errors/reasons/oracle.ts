import { ORACLE_REASONS, ORACLE_STATUSES } from "../../actions/oracle/enums.js";
import { at, type RevertReasonFormatter } from "./format.js";

const oracleReason = (v: unknown) => ORACLE_REASONS[Number(v)] ?? `reason ${v}`;

/** @internal Sentences for the oracle circuit breaker's errors. */
export const oracleReasons: Readonly<Record<string, RevertReasonFormatter>> = {
  OracleUnknownAsset: (a) => `The oracle has no configuration for asset ${a.asset}.`,
  OracleNoPrice: (a) => `The oracle has no accepted price yet for asset ${a.asset}.`,
  OracleAssetTripped: (a) =>
    `The circuit breaker for ${a.asset} is tripped (${oracleReason(a.reason)}): last good price ${a.lastPrice}, rejected ${a.rejectedPrice}.`,
  OracleAssetFrozen: (a) =>
    `The oracle for ${a.asset} is frozen: primary feed ${oracleReason(a.primaryReason)}, fallback ${oracleReason(a.fallbackReason)}.`,
  OracleStalePrice: (a) =>
    `The price of ${a.asset} dates from ${at(a.updatedAt)}, older than its heartbeat of ${a.heartbeat} s at ${at(a.timestamp)}.`,
  OracleSequencerDown: (a) => `The L2 sequencer (feed ${a.feed}) is down; prices are not trusted.`,
  OracleSequencerGracePeriod: (a) =>
    `The L2 sequencer is back up since ${at(a.upSince)}; prices are trusted again after ${at(a.graceEndsAt)}.`,
  OracleNoValidPrice: (a) =>
    `No valid price for ${a.asset}: primary ${oracleReason(a.primaryReason)}, fallback ${oracleReason(a.fallbackReason)}.`,
  OracleAlreadyTripped: (a) => `The breaker for ${a.asset} is already tripped.`,
  OracleResetNotNeeded: (a) =>
    `The breaker for ${a.asset} is ${ORACLE_STATUSES[Number(a.status)] ?? a.status}; nothing to reset.`,
};
