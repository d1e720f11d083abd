// SecurityToken event handlers (subgraph.yaml). Thin: each delegates to helpers/token.ts.
import {
  AddressFrozen,
  ComplianceHookSet,
  CountryListed,
  ForcedTransfer,
  Frozen,
  LockupUpdated,
  Paused,
  RecordDateCancelled,
  RecordDateScheduled,
  RulesUpdated,
  Transfer,
  TransfersEnabledSet,
  TrustedOperatorSet,
  Unpaused,
  WalletRecovered,
  WalletSuccessorCleared,
} from "../generated/SecurityToken/SecurityToken";
import {
  recordAddressFrozen,
  recordCountryListed,
  recordForcedTransfer,
  recordFrozen,
  recordHook,
  recordLockup,
  recordPaused,
  recordRecordDate,
  recordRules,
  recordSuccessorCleared,
  recordTransfer,
  recordTransfersEnabled,
  recordTrustedOperator,
  recordWalletRecovered,
} from "./helpers/token";

export function handleTokenTransfer(event: Transfer): void {
  recordTransfer(event, event.params.from, event.params.to, event.params.value);
}

export function handleAddressFrozen(event: AddressFrozen): void {
  recordAddressFrozen(event, event.params.account, event.params.frozen, event.params.agent);
}

export function handleFrozen(event: Frozen): void {
  recordFrozen(event, event.params.account, event.params.amount);
}

export function handleForcedTransfer(event: ForcedTransfer): void {
  recordForcedTransfer(event, event.params.from, event.params.to, event.params.amount);
}

export function handleWalletRecovered(event: WalletRecovered): void {
  const p = event.params;
  recordWalletRecovered(event, p.lostWallet, p.newWallet, p.amount, p.frozenTokens);
}

export function handleLockupUpdated(event: LockupUpdated): void {
  recordLockup(event, event.params.account, event.params.requested, event.params.lockupUntil);
}

export function handleRulesUpdated(event: RulesUpdated): void {
  const p = event.params;
  recordRules(event, p.rules, p.requiredClasses, p.maxInvestors, p.maxBalance);
}

export function handleTransfersEnabledSet(event: TransfersEnabledSet): void {
  recordTransfersEnabled(event, event.params.enabled);
}

export function handleCountryListed(event: CountryListed): void {
  recordCountryListed(event, event.params.country, event.params.allowlist, event.params.listed);
}

export function handleComplianceHookSet(event: ComplianceHookSet): void {
  recordHook(event, event.params.hook);
}

export function handlePaused(event: Paused): void {
  recordPaused(event, true, event.params.account);
}

export function handleUnpaused(event: Unpaused): void {
  recordPaused(event, false, event.params.account);
}

export function handleRecordDateScheduled(event: RecordDateScheduled): void {
  recordRecordDate(event, event.params.timepoint, true);
}

export function handleRecordDateCancelled(event: RecordDateCancelled): void {
  recordRecordDate(event, event.params.timepoint, false);
}

export function handleWalletSuccessorCleared(event: WalletSuccessorCleared): void {
  recordSuccessorCleared(event, event.params.wallet, event.params.formerSuccessor);
}

export function handleTrustedOperatorSet(event: TrustedOperatorSet): void {
  recordTrustedOperator(event, event.params.operator, event.params.trusted, event.params.officer);
}
