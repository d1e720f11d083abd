// OracleCircuitBreaker event handlers (subgraph.yaml). Thin: each delegates to helpers/oracle.ts.
import {
  OracleAssetConfigured,
  OracleAssetRemoved,
  OracleFallbackSwitched,
  OracleFrozen,
  OraclePriceAccepted,
  OracleRecovered,
  OracleRecoveryProgressed,
  OracleReset,
  OracleTripped,
  OracleUnpinned,
  OracleWindowAnchored,
  OracleCumulativeBoundConfigured,
} from "../generated/OracleCircuitBreaker/OracleCircuitBreaker";
import {
  newBreakerEvent,
  recordAssetConfigured,
  recordAssetRemoved,
  recordCumulativeBound,
  recordPriceAccepted,
  recordWindowAnchored,
  setAssetPrice,
  statusName,
} from "./helpers/oracle";

export function handleOracleAssetConfigured(event: OracleAssetConfigured): void {
  recordAssetConfigured(event, event.params.asset, event.params.config);
}

export function handleOracleAssetRemoved(event: OracleAssetRemoved): void {
  recordAssetRemoved(event, event.params.asset);
}

export function handleOraclePriceAccepted(event: OraclePriceAccepted): void {
  const p = event.params;
  recordPriceAccepted(event, p.asset, p.status, p.price, p.updatedAt, p.previousPrice, p.deviationBps);
}

export function handleOracleTripped(event: OracleTripped): void {
  const p = event.params;
  const record = newBreakerEvent(event, p.asset, "TRIP", "TRIPPED");
  record.reason = p.reason;
  record.oldPrice = p.oldPrice;
  record.newPrice = p.newPrice;
  record.deviationBps = p.deviationBps;
  record.updatedAt = p.updatedAt;
  record.actor = p.by;
  record.save();
}

/** The asset stays tripped after the pin is lifted (`Reason.PinLifted` = 19). */
export function handleOracleUnpinned(event: OracleUnpinned): void {
  const record = newBreakerEvent(event, event.params.asset, "UNPIN", "TRIPPED");
  record.reason = 19;
  record.actor = event.params.guardian;
  record.save();
}

export function handleOracleRecoveryProgressed(event: OracleRecoveryProgressed): void {
  const p = event.params;
  const record = newBreakerEvent(event, p.asset, "RECOVERY_PROGRESS", "TRIPPED");
  record.newPrice = p.candidatePrice;
  record.updatedAt = p.updatedAt;
  record.streak = p.streak;
  record.required = p.required;
  record.save();
}

/** `OracleRecovered` does not carry the status: the breaker serves the primary again (ACTIVE). */
export function handleOracleRecovered(event: OracleRecovered): void {
  const p = event.params;
  const record = newBreakerEvent(event, p.asset, "RECOVERY", "ACTIVE");
  record.previousStatus = "TRIPPED";
  record.oldPrice = p.oldPrice;
  record.newPrice = p.newPrice;
  record.updatedAt = p.updatedAt;
  record.streak = p.streak;
  record.save();
  setAssetPrice(event, p.asset, p.newPrice, p.updatedAt);
}

export function handleOracleReset(event: OracleReset): void {
  const p = event.params;
  const record = newBreakerEvent(event, p.asset, "RESET", statusName(p.status));
  record.previousStatus = statusName(p.previousStatus);
  record.oldPrice = p.oldPrice;
  record.newPrice = p.newPrice;
  record.updatedAt = p.updatedAt;
  record.actor = p.guardian;
  record.save();
  if (!p.newPrice.isZero()) setAssetPrice(event, p.asset, p.newPrice, p.updatedAt);
}

export function handleOracleFallbackSwitched(event: OracleFallbackSwitched): void {
  const p = event.params;
  const record = newBreakerEvent(event, p.asset, "FALLBACK", statusName(p.status));
  record.previousStatus = statusName(p.previousStatus);
  record.reason = p.primaryReason;
  record.save();
}

export function handleOracleFrozen(event: OracleFrozen): void {
  const p = event.params;
  const record = newBreakerEvent(event, p.asset, "FROZEN", "FROZEN");
  record.previousStatus = statusName(p.previousStatus);
  record.reason = p.primaryReason;
  record.fallbackReason = p.fallbackReason;
  record.oldPrice = p.lastPrice;
  record.save();
}

export function handleOracleWindowAnchored(event: OracleWindowAnchored): void {
  const p = event.params;
  recordWindowAnchored(event, p.asset, p.anchorPrice, p.anchorAt);
}

export function handleOracleCumulativeBoundConfigured(event: OracleCumulativeBoundConfigured): void {
  const p = event.params;
  recordCumulativeBound(event, p.asset, p.window, p.maxDeviationBps);
}
