// Oracle circuit-breaker domain logic. The handlers in ../oracle.ts only delegate here. Every figure comes from the
// events: no eth_call.
import { Address, BigInt, ethereum } from "@graphprotocol/graph-ts";

import { BreakerEvent, OracleAsset, PriceUpdate } from "../../generated/schema";
import { ZERO, eventId } from "./common";

/** `IOracleCircuitBreaker.Status` values, by their uint8. */
const STATUS = ["UNSET", "ACTIVE", "USING_FALLBACK", "TRIPPED", "FROZEN", "SEQUENCER_DOWN"];

/** The breaker's cumulative bound until one is configured: `DEFAULT_CUMULATIVE_WINDOW` (1 day) and
 * `DEFAULT_MAX_CUMULATIVE_DEVIATION_BPS` (50%), constants of OracleCircuitBreaker.sol. */
const DEFAULT_CUMULATIVE_WINDOW: i32 = 86400;
const DEFAULT_MAX_CUMULATIVE_DEVIATION_BPS: i32 = 5000;

/** Back to the breaker's default bound with no window (a new asset, or one removed with its state). */
function resetCumulativeBound(entity: OracleAsset): void {
  entity.cumulativeWindow = BigInt.fromI32(DEFAULT_CUMULATIVE_WINDOW);
  entity.cumulativeMaxDeviationBps = DEFAULT_MAX_CUMULATIVE_DEVIATION_BPS;
  entity.windowAnchorPrice = ZERO;
  entity.windowAnchorAt = ZERO;
}

export function statusName(status: i32): string {
  if (status < 0 || status >= STATUS.length) throw new Error("unknown oracle status " + status.toString());
  return STATUS[status];
}

export function loadAsset(breaker: Address, asset: Address): OracleAsset {
  const id = breaker.concat(asset);
  let entity = OracleAsset.load(id);
  if (entity == null) {
    entity = new OracleAsset(id);
    entity.breaker = breaker;
    entity.asset = asset;
    entity.status = "UNSET";
    entity.price = ZERO;
    entity.updatedAt = ZERO;
    entity.primary = Address.zero();
    entity.fallbackFeed = Address.zero();
    entity.heartbeat = ZERO;
    entity.fallbackHeartbeat = ZERO;
    entity.maxDeviationBps = 0;
    entity.recoveryRounds = 0;
    entity.minPrice = ZERO;
    entity.maxPrice = ZERO;
    entity.removed = false;
    entity.priceUpdateCount = 0;
    entity.breakerEventCount = 0;
    entity.tripCount = 0;
    entity.windowCount = 0;
    resetCumulativeBound(entity);
  }
  return entity;
}

/**
 * `AssetConfig(address primary, uint32 heartbeat, uint16 maxDeviationBps, uint8 primaryDecimals, uint8 recoveryRounds,
 * address fallbackFeed, uint32 fallbackHeartbeat, uint8 fallbackDecimals, uint128 minPrice, uint128 maxPrice)`.
 */
export function recordAssetConfigured(event: ethereum.Event, asset: Address, config: ethereum.Tuple): void {
  const entity = loadAsset(event.address, asset);
  entity.primary = config[0].toAddress();
  entity.heartbeat = config[1].toBigInt();
  entity.maxDeviationBps = config[2].toI32();
  entity.recoveryRounds = config[4].toI32();
  entity.fallbackFeed = config[5].toAddress();
  entity.fallbackHeartbeat = config[6].toBigInt();
  entity.minPrice = config[8].toBigInt();
  entity.maxPrice = config[9].toBigInt();
  entity.removed = false;
  entity.save();
}

export function recordAssetRemoved(event: ethereum.Event, asset: Address): void {
  const entity = loadAsset(event.address, asset);
  entity.removed = true;
  entity.status = "UNSET";
  resetCumulativeBound(entity);
  entity.save();
}

export function recordPriceAccepted(
  event: ethereum.Event,
  asset: Address,
  status: i32,
  price: BigInt,
  updatedAt: BigInt,
  previousPrice: BigInt,
  deviationBps: BigInt,
): void {
  const entity = loadAsset(event.address, asset);
  entity.status = statusName(status);
  entity.price = price;
  entity.updatedAt = updatedAt;
  entity.priceUpdateCount += 1;
  entity.save();

  const update = new PriceUpdate(eventId(event));
  update.asset = entity.id;
  update.status = entity.status;
  update.price = price;
  update.previousPrice = previousPrice;
  update.deviationBps = deviationBps;
  update.updatedAt = updatedAt;
  update.blockNumber = event.block.number;
  update.blockTimestamp = event.block.timestamp;
  update.transactionHash = event.transaction.hash;
  update.save();
}

/** A breaker event of `kind` leaving the asset in `status`; the caller fills the kind's fields and saves. */
export function newBreakerEvent(event: ethereum.Event, asset: Address, kind: string, status: string): BreakerEvent {
  const entity = loadAsset(event.address, asset);
  entity.status = status;
  entity.breakerEventCount += 1;
  if (kind == "TRIP") entity.tripCount += 1;
  entity.save();
  const record = new BreakerEvent(eventId(event));
  record.asset = entity.id;
  record.kind = kind;
  record.status = status;
  record.actor = event.transaction.from;
  record.blockNumber = event.block.number;
  record.blockTimestamp = event.block.timestamp;
  record.transactionHash = event.transaction.hash;
  return record;
}

/** Sets the asset's served price after a recovery or a reset re-anchored it. */
export function setAssetPrice(event: ethereum.Event, asset: Address, price: BigInt, updatedAt: BigInt): void {
  const entity = loadAsset(event.address, asset);
  entity.price = price;
  entity.updatedAt = updatedAt;
  entity.save();
}

export function recordWindowAnchored(
  event: ethereum.Event,
  asset: Address,
  anchorPrice: BigInt,
  anchorAt: BigInt,
): void {
  const entity = loadAsset(event.address, asset);
  entity.windowAnchorPrice = anchorPrice;
  entity.windowAnchorAt = anchorAt;
  entity.windowCount += 1;
  entity.save();
}

export function recordCumulativeBound(
  event: ethereum.Event,
  asset: Address,
  window: BigInt,
  maxDeviationBps: i32,
): void {
  const entity = loadAsset(event.address, asset);
  entity.cumulativeWindow = window;
  entity.cumulativeMaxDeviationBps = maxDeviationBps;
  entity.save();
}
