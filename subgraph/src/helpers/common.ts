import { BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";

export const ZERO = BigInt.zero();
export const SECONDS_PER_DAY: i32 = 86400;

/** Id of an event entity: transaction hash ++ log index (The Graph's recommended immutable-entity key). */
export function eventId(event: ethereum.Event): Bytes {
  return event.transaction.hash.concatI32(event.logIndex.toI32());
}

/** UTC day number of the event's block (divided as a BigInt: timestamps pass i32 in 2038, day numbers never do). */
export function dayOf(event: ethereum.Event): i32 {
  return event.block.timestamp.div(BigInt.fromI32(SECONDS_PER_DAY)).toI32();
}
