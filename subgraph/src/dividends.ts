// DividendDistributor event handlers (subgraph.yaml). Thin: each delegates to helpers/dividends.ts.
import {
  ClaimSkipped,
  Claimed,
  DistributionCancelled,
  DistributionCreated,
  EntitlementHeld,
  Reclaimed,
  RemainderRecipientSet,
  TaxWalletSet,
  WithholdingRateSet,
} from "../generated/DividendDistributor/DividendDistributor";
import {
  recordClaimSkipped,
  recordClaimed,
  recordDistributionCancelled,
  recordDistributionCreated,
  recordEntitlementHeld,
  recordReclaimed,
  recordRemainderRecipientSet,
  recordTaxWalletSet,
  recordWithholdingRateSet,
} from "./helpers/dividends";

export function handleDistributionCreated(event: DistributionCreated): void {
  recordDistributionCreated(event);
}

export function handleClaimed(event: Claimed): void {
  recordClaimed(event);
}

export function handleEntitlementHeld(event: EntitlementHeld): void {
  recordEntitlementHeld(event);
}

export function handleDistributionCancelled(event: DistributionCancelled): void {
  recordDistributionCancelled(event);
}

export function handleReclaimed(event: Reclaimed): void {
  recordReclaimed(event);
}

export function handleWithholdingRateSet(event: WithholdingRateSet): void {
  recordWithholdingRateSet(event);
}

export function handleTaxWalletSet(event: TaxWalletSet): void {
  recordTaxWalletSet(event);
}

export function handleClaimSkipped(event: ClaimSkipped): void {
  recordClaimSkipped(event);
}

export function handleRemainderRecipientSet(event: RemainderRecipientSet): void {
  recordRemainderRecipientSet(event);
}
