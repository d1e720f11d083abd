// Points event handlers (subgraph.yaml). Thin: each delegates to helpers/points.ts.
import {
  PointsGranted,
  PointsSpent,
  PointsTokenRedeemed,
  ProgramCreated,
  ProgramEndUpdated,
  ProgramGateModeUpdated,
  ProgramGateUpdated,
  ProgramPaused,
  ProgramUnpaused,
} from "../generated/Points/Points";
import {
  recordEndUpdated,
  recordEntry,
  recordGateModeUpdated,
  recordGateUpdated,
  recordProgramCreated,
  recordProgramPaused,
  recordTokenRedeemed,
} from "./helpers/points";

export function handleProgramCreated(event: ProgramCreated): void {
  const p = event.params;
  recordProgramCreated(event, p.programId, p.gate, p.endsAt, p.actor);
}

export function handleProgramGateUpdated(event: ProgramGateUpdated): void {
  recordGateUpdated(event, event.params.programId, event.params.gate);
}

export function handleProgramEndUpdated(event: ProgramEndUpdated): void {
  recordEndUpdated(event, event.params.programId, event.params.endsAt);
}

export function handleProgramPaused(event: ProgramPaused): void {
  recordProgramPaused(event, event.params.programId, true);
}

export function handleProgramUnpaused(event: ProgramUnpaused): void {
  recordProgramPaused(event, event.params.programId, false);
}

export function handlePointsGranted(event: PointsGranted): void {
  const p = event.params;
  recordEntry(event, p.programId, p.account, p.refId, p.amount, p.balance, p.totalPoints, p.issuer, p.actor);
}

export function handlePointsSpent(event: PointsSpent): void {
  const p = event.params;
  recordEntry(event, p.programId, p.account, p.refId, p.amount, p.balance, p.totalPoints, null, p.actor);
}

export function handleProgramGateModeUpdated(event: ProgramGateModeUpdated): void {
  const p = event.params;
  recordGateModeUpdated(event, p.programId, p.mode, p.epochLength);
}

export function handlePointsTokenRedeemed(event: PointsTokenRedeemed): void {
  const p = event.params;
  recordTokenRedeemed(event, p.programId, p.tokenId, p.epoch, p.account, p.refId);
}
