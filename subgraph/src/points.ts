// Points event handlers (subgraph.yaml). Thin: each delegates to helpers/points.ts.
import {
  PointsGranted,
  PointsSpent,
  ProgramCreated,
  ProgramEndUpdated,
  ProgramGateUpdated,
  ProgramPaused,
  ProgramUnpaused,
} from "../generated/Points/Points";
import {
  recordEndUpdated,
  recordEntry,
  recordGateUpdated,
  recordProgramCreated,
  recordProgramPaused,
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
