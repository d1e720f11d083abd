// IdentityRegistry event handlers (subgraph.yaml). Thin: each delegates to helpers/token.ts.
import {
  InvestorUpdated,
  TokenBound,
  WalletLinked,
  WalletUnlinked,
} from "../generated/IdentityRegistry/IdentityRegistry";
import { recordInvestorUpdated, recordTokenBound, recordWalletLink } from "./helpers/token";

export function handleInvestorUpdated(event: InvestorUpdated): void {
  const p = event.params;
  recordInvestorUpdated(event, p.investorId, p.key, p.country, p.kycExpiry, p.classFlags, p.revoked);
}

export function handleWalletLinked(event: WalletLinked): void {
  const p = event.params;
  recordWalletLink(event, p.wallet, p.investorId, p.walletCount, true);
}

export function handleWalletUnlinked(event: WalletUnlinked): void {
  const p = event.params;
  recordWalletLink(event, p.wallet, p.investorId, p.walletCount, false);
}

export function handleTokenBound(event: TokenBound): void {
  recordTokenBound(event, event.params.token, event.params.bound, event.params.tokenCount.toI32());
}
