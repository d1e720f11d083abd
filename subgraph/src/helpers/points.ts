// Points domain logic, one function per Points event. The handlers in ../points.ts only delegate here. Every figure
// comes from the events (they carry the resulting balance and program total): no eth_call.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";

import {
  PointsAccount,
  PointsDailySnapshot,
  PointsEntry,
  PointsProgram,
  PointsTokenRedemption,
} from "../../generated/schema";
import { SECONDS_PER_DAY, ZERO, dayOf, eventId } from "./common";

/** Points contract ++ program id as 4 little-endian bytes (ids are sequential from 1). */
export function programId(contract: Address, id: BigInt): Bytes {
  return contract.concatI32(id.toI32());
}

export function requireProgram(contract: Address, id: BigInt): PointsProgram {
  const program = PointsProgram.load(programId(contract, id));
  if (program == null) {
    throw new Error("points program " + id.toString() + " of " + contract.toHexString() + " was never created");
  }
  return program;
}

export function recordProgramCreated(
  event: ethereum.Event,
  id: BigInt,
  gate: ethereum.Tuple,
  endsAt: BigInt,
  actor: Address,
): void {
  const program = new PointsProgram(programId(event.address, id));
  program.contract = event.address;
  program.programId = id;
  program.endsAt = endsAt;
  program.paused = false;
  setGate(program, gate);
  program.gateMode = "HOLDER";
  program.gateEpochLength = ZERO;
  program.tokenRedemptionCount = 0;
  program.totalPoints = ZERO;
  program.cumulativeGranted = ZERO;
  program.cumulativeSpent = ZERO;
  program.accountCount = 0;
  program.entryCount = 0;
  program.createdBy = actor;
  program.createdAtTimestamp = event.block.timestamp;
  program.save();
}

/** Copies a `Gate(bool enabled, address erc721, address erc1155, uint256 erc1155Id)` tuple. */
export function setGate(program: PointsProgram, gate: ethereum.Tuple): void {
  program.gateEnabled = gate[0].toBoolean();
  program.gateErc721 = gate[1].toAddress();
  program.gateErc1155 = gate[2].toAddress();
  program.gateErc1155Id = gate[3].toBigInt();
}

export function recordGateUpdated(event: ethereum.Event, id: BigInt, gate: ethereum.Tuple): void {
  const program = requireProgram(event.address, id);
  setGate(program, gate);
  program.save();
}

export function recordEndUpdated(event: ethereum.Event, id: BigInt, endsAt: BigInt): void {
  const program = requireProgram(event.address, id);
  program.endsAt = endsAt;
  program.save();
}

export function recordProgramPaused(event: ethereum.Event, id: BigInt, paused: boolean): void {
  const program = requireProgram(event.address, id);
  program.paused = paused;
  program.save();
}

function loadAccount(program: PointsProgram, account: Address): PointsAccount {
  const id = program.id.concat(account);
  let entity = PointsAccount.load(id);
  if (entity == null) {
    entity = new PointsAccount(id);
    entity.program = program.id;
    entity.account = account;
    entity.balance = ZERO;
    entity.cumulativeGranted = ZERO;
    entity.cumulativeSpent = ZERO;
    entity.entryCount = 0;
    program.accountCount += 1;
  }
  return entity;
}

function loadDay(program: PointsProgram, event: ethereum.Event): PointsDailySnapshot {
  const day = dayOf(event);
  const id = program.id.concatI32(day);
  let snapshot = PointsDailySnapshot.load(id);
  if (snapshot == null) {
    snapshot = new PointsDailySnapshot(id);
    snapshot.program = program.id;
    snapshot.day = day;
    snapshot.timestamp = BigInt.fromI32(day).times(BigInt.fromI32(SECONDS_PER_DAY));
    snapshot.dailyGranted = ZERO;
    snapshot.dailySpent = ZERO;
    snapshot.dailyEntries = 0;
  }
  return snapshot;
}

/** A grant (`issuer` set) or a spend (`issuer` null): the entry, the account and program totals, the day. */
export function recordEntry(
  event: ethereum.Event,
  id: BigInt,
  account: Address,
  refId: BigInt,
  amount: BigInt,
  balance: BigInt,
  totalPoints: BigInt,
  issuer: Bytes | null,
  actor: Address,
): void {
  const grant = issuer !== null;
  const program = requireProgram(event.address, id);
  const holder = loadAccount(program, account);
  holder.balance = balance;
  holder.entryCount += 1;
  if (grant) holder.cumulativeGranted = holder.cumulativeGranted.plus(amount);
  else holder.cumulativeSpent = holder.cumulativeSpent.plus(amount);
  holder.save();

  program.totalPoints = totalPoints;
  program.entryCount += 1;
  if (grant) program.cumulativeGranted = program.cumulativeGranted.plus(amount);
  else program.cumulativeSpent = program.cumulativeSpent.plus(amount);
  program.save();

  const day = loadDay(program, event);
  day.dailyEntries += 1;
  if (grant) day.dailyGranted = day.dailyGranted.plus(amount);
  else day.dailySpent = day.dailySpent.plus(amount);
  day.totalPoints = totalPoints;
  day.save();

  const entry = new PointsEntry(eventId(event));
  entry.program = program.id;
  entry.account = holder.id;
  entry.kind = grant ? "GRANT" : "SPEND";
  entry.refId = refId;
  entry.delta = grant ? amount : amount.neg();
  entry.balance = balance;
  entry.totalPoints = totalPoints;
  entry.issuer = issuer;
  entry.actor = actor;
  entry.blockNumber = event.block.number;
  entry.blockTimestamp = event.block.timestamp;
  entry.transactionHash = event.transaction.hash;
  entry.save();
}

/** `IPoints.GateMode` values, by their uint8. */
const GATE_MODE = ["HOLDER", "TOKEN_BOUND"];

export function recordGateModeUpdated(event: ethereum.Event, id: BigInt, mode: i32, epochLength: BigInt): void {
  if (mode < 0 || mode >= GATE_MODE.length) throw new Error("unknown points gate mode " + mode.toString());
  const program = requireProgram(event.address, id);
  program.gateMode = GATE_MODE[mode];
  program.gateEpochLength = epochLength;
  program.save();
}

/** A token-bound grant used `tokenId` (after its `PointsGranted`, which created the account). */
export function recordTokenRedeemed(
  event: ethereum.Event,
  id: BigInt,
  tokenId: BigInt,
  epoch: BigInt,
  account: Address,
  refId: BigInt,
): void {
  const program = requireProgram(event.address, id);
  const holder = loadAccount(program, account);
  holder.save();
  program.tokenRedemptionCount += 1;
  program.save();
  const redemption = new PointsTokenRedemption(eventId(event));
  redemption.program = program.id;
  redemption.tokenId = tokenId;
  redemption.epoch = epoch;
  redemption.account = holder.id;
  redemption.refId = refId;
  redemption.blockNumber = event.block.number;
  redemption.blockTimestamp = event.block.timestamp;
  redemption.transactionHash = event.transaction.hash;
  redemption.save();
}
