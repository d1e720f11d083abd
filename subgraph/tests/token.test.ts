/**
 * Security token and identity registry: the indexed state agrees with the chain on the scenario (every wallet's
 * balance, every investor's balance, holder/investor counts, supply, compliance settings, one entity per event), plus
 * focused tests per handler over synthetic logs.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { id as keccakId, ZeroAddress } from "ethers";

import { decodedLogs, harnessFor, loadScenario, type DecodedLog, type Scenario } from "./fixture.ts";
import type { Subgraph } from "./harness/index.ts";
import { ADDRESSES, DAY, SENDER, SyntheticChain, T0 } from "./synthetic.ts";

describe("scenario: the token and registry state agrees with the chain", () => {
  let scenario: Scenario;
  let sg: Subgraph;
  let tokenLogs: DecodedLog[];
  let registryLogs: DecodedLog[];
  const named = (logs: DecodedLog[], name: string) => logs.filter((l) => l.event.name === name);

  before(() => {
    scenario = loadScenario();
    sg = harnessFor(scenario);
    sg.processChain(scenario.blocks);
    tokenLogs = decodedLogs(scenario, scenario.contracts.securityToken, "SecurityToken");
    registryLogs = decodedLogs(scenario, scenario.contracts.registry, "IdentityRegistry");
  });

  it("has every holder's balance, frozen amount and freeze flag as the token reports them", () => {
    const wallets = Object.entries(scenario.chain.securityToken.wallets);
    assert.ok(wallets.length > 30);
    for (const [wallet, chain] of wallets) {
      const balance = sg.store.get("TokenBalance", scenario.contracts.securityToken + wallet.slice(2))!;
      assert.ok(balance, wallet);
      assert.equal(balance.balance, BigInt(chain.balance), `${wallet} balance`);
      assert.equal(balance.frozenAmount, BigInt(chain.frozenTokens), `${wallet} frozen amount`);
      assert.equal(balance.addressFrozen, chain.frozen, `${wallet} address frozen`);
    }
    assert.equal(
      sg.store.all("TokenBalance", { token: scenario.contracts.securityToken }).length,
      wallets.length,
      "no balance for a wallet that never held",
    );
  });

  it("has every investor's balance (summed over its wallets), key, wallet count and lock-up", () => {
    for (const [investorId, chain] of Object.entries(scenario.chain.securityToken.investors)) {
      const investor = sg.store.get("Investor", investorId)!;
      assert.equal(investor.key, BigInt(chain.key));
      assert.equal(investor.walletCount, chain.walletCount, `${investorId} wallets`);
      const held = sg.store.get("InvestorBalance", scenario.contracts.securityToken + investorId.slice(2));
      assert.equal(held?.balance ?? 0n, BigInt(chain.balance), `${investorId} balance`);
      assert.equal(held?.lockupUntil ?? 0n, BigInt(chain.lockup), `${investorId} lock-up`);
    }
    assert.ok(Object.values(scenario.chain.securityToken.investors).some((i) => i.lockup !== "0"));
  });

  it("counts holders and investors, and the supply, as the contract does", () => {
    const chain = scenario.chain.securityToken;
    const token = sg.store.get("Token", scenario.contracts.securityToken)!;
    assert.equal(token.isSecurityToken, true);
    assert.equal(token.holderCount, chain.holderCount);
    assert.equal(token.investorCount, chain.investorCount);
    assert.ok(chain.holderCount > chain.investorCount, "an investor holds in two wallets");
    assert.equal(token.totalSupply, BigInt(chain.totalSupply));
    assert.equal(token.registry, scenario.contracts.registry);
    assert.equal(token.paused, chain.paused);
    assert.equal(token.transfersEnabled, !chain.transfersDisabled);
    assert.equal(token.rules, chain.rules);
    assert.equal(token.maxInvestors, chain.maxInvestors);
    assert.equal(token.maxBalance, BigInt(chain.maxBalance));
    assert.equal(token.recordDateCount, chain.recordDates.length);
    const registry = sg.store.get("IdentityRegistry", scenario.contracts.registry)!;
    assert.equal(registry.investorCount, Object.keys(chain.investors).length);
    assert.equal(
      registry.walletCount,
      Object.values(chain.investors).reduce((n, i) => n + i.walletCount, 0),
    );
    assert.equal(registry.tokenCount, 1 + scenario.chain.platform.tokens.length, "the suite token and the IP tokens");
  });

  it("stores one immutable Transfer per Transfer log, with the kind the transaction shows", () => {
    const transfers = named(tokenLogs, "Transfer");
    assert.equal(sg.store.all("Transfer", { token: scenario.contracts.securityToken }).length, transfers.length);
    const forced = new Set(named(tokenLogs, "ForcedTransfer").map((l) => l.log.transactionHash));
    const recovered = new Set(named(tokenLogs, "WalletRecovered").map((l) => l.log.transactionHash));
    for (const { log, event, id } of transfers) {
      const t = sg.store.get("Transfer", id)!;
      assert.equal(t.from, (event.args.from as string).toLowerCase());
      assert.equal(t.to, (event.args.to as string).toLowerCase());
      assert.equal(t.amount, event.args.value);
      const expected =
        event.args.from === ZeroAddress
          ? "MINT"
          : event.args.to === ZeroAddress
            ? "BURN"
            : forced.has(log.transactionHash)
              ? "FORCED"
              : recovered.has(log.transactionHash)
                ? "RECOVERY"
                : "TRANSFER";
      assert.equal(t.kind, expected, id);
    }
    const kinds = sg.store.all("Transfer").map((t) => t.kind);
    for (const kind of ["MINT", "BURN", "TRANSFER", "FORCED", "RECOVERY"]) assert.ok(kinds.includes(kind), kind);
  });

  it("records one compliance action per compliance event, of the right kind", () => {
    const expected: Record<string, number> = {};
    const kindOf = (l: DecodedLog): string | null => {
      const a = l.event.args;
      switch (l.event.name) {
        case "AddressFrozen":
          return a.frozen ? "ADDRESS_FROZEN" : "ADDRESS_UNFROZEN";
        case "Frozen":
          return "PARTIAL_FREEZE";
        case "ForcedTransfer":
          return "FORCED_TRANSFER";
        case "WalletRecovered":
          return "WALLET_RECOVERED";
        case "LockupUpdated":
          return "LOCKUP_UPDATED";
        case "RulesUpdated":
          return "RULES_UPDATED";
        case "TransfersEnabledSet":
          return a.enabled ? "TRANSFERS_ENABLED" : "TRANSFERS_DISABLED";
        case "CountryListed":
          return a.listed ? "COUNTRY_LISTED" : "COUNTRY_UNLISTED";
        case "ComplianceHookSet":
          return "HOOK_SET";
        case "Paused":
          return "PAUSED";
        case "Unpaused":
          return "UNPAUSED";
        case "RecordDateScheduled":
          return "RECORD_DATE_SCHEDULED";
        case "RecordDateCancelled":
          return "RECORD_DATE_CANCELLED";
        case "WalletSuccessorCleared":
          return "SUCCESSOR_CLEARED";
        default:
          return null;
      }
    };
    for (const l of tokenLogs) {
      const kind = kindOf(l);
      if (!kind) continue;
      expected[kind] = (expected[kind] ?? 0) + 1;
      assert.equal(sg.store.get("ComplianceAction", l.id)?.kind, kind, l.event.name);
    }
    const indexed: Record<string, number> = {};
    for (const a of sg.store.all("ComplianceAction", { token: scenario.contracts.securityToken }))
      indexed[a.kind as string] = (indexed[a.kind as string] ?? 0) + 1;
    assert.deepEqual(indexed, expected);
    const recovery = sg.store.all("ComplianceAction", { kind: "WALLET_RECOVERED" })[0];
    const log = named(tokenLogs, "WalletRecovered")[0].event.args;
    assert.equal(recovery.amount, log.amount);
    assert.equal(recovery.frozenAmount, log.frozenTokens);
    assert.equal(recovery.counterparty, (log.newWallet as string).toLowerCase());
    assert.ok(recovery.investor, "the lost wallet's investor");
  });

  it("links wallets to investors as the registry does (unlinked wallets lose their investor, relinked ones follow)", () => {
    const last = new Map<string, DecodedLog>();
    for (const l of registryLogs)
      if (l.event.name === "WalletLinked" || l.event.name === "WalletUnlinked")
        last.set((l.event.args.wallet as string).toLowerCase(), l);
    for (const [wallet, l] of last)
      assert.equal(
        sg.store.get("Wallet", wallet)!.investor,
        l.event.name === "WalletLinked" ? l.event.args.investorId : undefined,
        wallet,
      );
    assert.equal(named(registryLogs, "WalletUnlinked").length, 2);
  });

  it("keeps each wallet's recovery successor as walletSuccessor reports it, cleared once the wallet is relinked", () => {
    const wallets = Object.entries(scenario.chain.securityToken.wallets);
    for (const [wallet, chain] of wallets) {
      const balance = sg.store.get("TokenBalance", scenario.contracts.securityToken + wallet.slice(2))!;
      assert.equal(balance.successor ?? ZeroAddress, chain.successor, wallet);
    }
    const [cleared] = named(tokenLogs, "WalletSuccessorCleared");
    const [recovered] = named(tokenLogs, "WalletRecovered");
    assert.equal(cleared.event.args.wallet, recovered.event.args.lostWallet, "the recovered wallet was relinked");
    assert.equal(
      sg.store.get(
        "TokenBalance",
        scenario.contracts.securityToken + (cleared.event.args.wallet as string).slice(2).toLowerCase(),
      )!.successor,
      undefined,
    );
    const action = sg.store.all("ComplianceAction", { kind: "SUCCESSOR_CLEARED" })[0];
    assert.deepEqual(
      [action.account, action.counterparty, action.id],
      [
        (cleared.event.args.wallet as string).toLowerCase(),
        (cleared.event.args.formerSuccessor as string).toLowerCase(),
        cleared.id,
      ],
    );
  });

  it("has the market as the MOON token's trusted operator, as isTrustedOperator reports", () => {
    const logs = decodedLogs(scenario, scenario.contracts.moon, "SecurityToken").filter(
      (l) => l.event.name === "TrustedOperatorSet",
    );
    assert.equal(logs.length, 1);
    const e = sg.store.get("TrustedOperator", scenario.contracts.moon + scenario.contracts.market.slice(2))!;
    assert.deepEqual(
      [e.token, e.operator, e.trusted, e.officer],
      [scenario.contracts.moon, scenario.contracts.market, true, (logs[0].event.args.officer as string).toLowerCase()],
    );
    assert.equal(sg.store.count("TrustedOperator"), 1);
  });

  it("keeps daily statistics that add up to the token's totals", () => {
    const token = sg.store.get("Token", scenario.contracts.securityToken)!;
    const days = sg.store
      .all("TokenDailySnapshot", { token: scenario.contracts.securityToken })
      .sort((a, b) => (a.day as number) - (b.day as number));
    assert.ok(days.length >= 3);
    assert.equal(
      days.reduce((n, d) => n + (d.dailyTransferCount as number), 0),
      token.transferCount,
    );
    assert.equal(
      days.reduce((n, d) => n + (d.dailyVolume as bigint), 0n),
      token.cumulativeVolume,
    );
    assert.equal(
      days.reduce((n, d) => n + (d.dailyMinted as bigint) - (d.dailyBurned as bigint), 0n),
      token.totalSupply,
    );
    const last = days[days.length - 1];
    assert.equal(last.holderCount, token.holderCount);
    assert.equal(last.investorCount, token.investorCount);
    for (const d of days) assert.equal(d.timestamp, BigInt(d.day as number) * 86_400n);
  });
});

// ===== focused tests per handler, over synthetic logs =====

const TOKEN = ADDRESSES.SecurityToken;
const REGISTRY = ADDRESSES.IdentityRegistry;
const A1 = "0x000000000000000000000000000000000000a101";
const A2 = "0x000000000000000000000000000000000000a102";
const B1 = "0x000000000000000000000000000000000000b101";
const AGENT = "0x000000000000000000000000000000000000a9e7";
const INV_A = keccakId("investor A");
const INV_B = keccakId("investor B");
const balanceId = (wallet: string) => TOKEN + wallet.slice(2);

function registered(): SyntheticChain {
  const c = new SyntheticChain();
  c.block([
    { source: "IdentityRegistry", name: "TokenBound", args: [TOKEN, true, 1] },
    { source: "IdentityRegistry", name: "InvestorUpdated", args: [INV_A, 1, 410, T0 + 365 * DAY, 1, false, AGENT] },
    { source: "IdentityRegistry", name: "WalletLinked", args: [A1, INV_A, 1, 1] },
    { source: "IdentityRegistry", name: "WalletLinked", args: [A2, INV_A, 1, 2] },
    { source: "IdentityRegistry", name: "InvestorUpdated", args: [INV_B, 2, 840, T0 + 365 * DAY, 3, false, AGENT] },
    { source: "IdentityRegistry", name: "WalletLinked", args: [B1, INV_B, 2, 1] },
  ]);
  return c;
}
const transfer = (from: string, to: string, value: bigint) => ({
  source: "SecurityToken" as const,
  name: "Transfer",
  args: [from, to, value],
});

describe("token handlers", () => {
  it("Transfer: mints, moves and burns keep wallet and investor balances and both counts", () => {
    const c = registered();
    const token = () => c.sg.store.get("Token", TOKEN)!;
    c.block([transfer(ZeroAddress, A1, 100n), transfer(ZeroAddress, B1, 50n)]);
    assert.deepEqual([token().holderCount, token().investorCount, token().totalSupply], [2, 2, 150n]);
    c.block([transfer(A1, A2, 40n)]); // same investor: one more holder, same investors
    assert.deepEqual([token().holderCount, token().investorCount], [3, 2]);
    assert.equal(c.sg.store.get("InvestorBalance", TOKEN + INV_A.slice(2))!.balance, 100n);
    c.block([transfer(B1, A1, 50n)]); // B leaves
    assert.deepEqual([token().holderCount, token().investorCount], [2, 1]);
    c.block([transfer(A1, A1, 10n)]); // self-transfer: nothing changes but the counters of transfers
    assert.equal(c.sg.store.get("TokenBalance", balanceId(A1))!.balance, 110n);
    c.block([transfer(A2, ZeroAddress, 40n)]);
    assert.deepEqual([token().holderCount, token().investorCount, token().totalSupply], [1, 1, 110n]);
    assert.equal(token().cumulativeVolume, 100n);
    assert.equal(token().cumulativeBurned, 40n);
    assert.equal(token().transferCount, 6);
    assert.deepEqual(
      c.sg.store
        .all("Transfer")
        .map((t) => t.kind)
        .sort(),
      ["BURN", "MINT", "MINT", "TRANSFER", "TRANSFER", "TRANSFER"],
    );
  });

  it("Transfer: FORCED or RECOVERY only when the matching event follows it before the next Transfer", () => {
    const c = registered();
    c.block([transfer(ZeroAddress, A1, 100n), transfer(ZeroAddress, B1, 100n)]);
    const forced = c.block([
      transfer(B1, A1, 5n),
      transfer(A1, B1, 1n), // a later Transfer: the ForcedTransfer below is not about the first one
      { source: "SecurityToken", name: "ForcedTransfer", args: [A1, B1, 1n] },
    ]);
    const kinds = c.sg.store
      .all("Transfer")
      .filter((t) => t.transactionHash === forced.txHash)
      .map((t) => [t.from, t.kind]);
    assert.deepEqual(kinds.sort(), [
      [A1, "FORCED"],
      [B1, "TRANSFER"],
    ]);
    const recovery = c.block([
      transfer(A1, A2, 104n),
      { source: "SecurityToken", name: "AddressFrozen", args: [A1, true, AGENT] },
      { source: "SecurityToken", name: "WalletRecovered", args: [A1, A2, 1, 104n, 0n, false] },
    ]);
    const moved = c.sg.store.all("Transfer").find((t) => t.transactionHash === recovery.txHash)!;
    assert.equal(moved.kind, "RECOVERY");
    const lost = c.sg.store.get("TokenBalance", balanceId(A1))!;
    assert.equal(lost.successor, A2);
    assert.equal(lost.addressFrozen, true);
    // A1's key is found again: recovering A2 back into A1 clears A1's successor, A2 now forwards to A1
    c.block([
      transfer(A2, A1, 104n),
      { source: "SecurityToken", name: "WalletSuccessorCleared", args: [A1, A2] },
      { source: "SecurityToken", name: "WalletRecovered", args: [A2, A1, 1, 104n, 0n, false] },
    ]);
    assert.equal(c.sg.store.get("TokenBalance", balanceId(A1))!.successor, undefined);
    assert.equal(c.sg.store.get("TokenBalance", balanceId(A2))!.successor, A1);
    const cleared = c.sg.store.all("ComplianceAction", { kind: "SUCCESSOR_CLEARED" })[0];
    assert.deepEqual([cleared.account, cleared.counterparty, cleared.investor], [A1, A2, INV_A]);
    // a ForcedTransfer between other wallets does not qualify the Transfer
    const other = c.block([
      transfer(B1, A2, 1n),
      { source: "SecurityToken", name: "ForcedTransfer", args: [A2, B1, 1n] },
    ]);
    assert.equal(c.sg.store.all("Transfer").find((t) => t.transactionHash === other.txHash)!.kind, "TRANSFER");
  });

  it("Frozen, AddressFrozen, LockupUpdated: balance flags, investor lock-up, actor and investor on the action", () => {
    const c = registered();
    c.block([
      { source: "SecurityToken", name: "Frozen", args: [A1, 30n] },
      { source: "SecurityToken", name: "AddressFrozen", args: [B1, true, AGENT] },
      { source: "SecurityToken", name: "LockupUpdated", args: [A2, 1, 5_000n, 6_000n] },
    ]);
    assert.equal(c.sg.store.get("TokenBalance", balanceId(A1))!.frozenAmount, 30n);
    assert.equal(c.sg.store.get("TokenBalance", balanceId(B1))!.addressFrozen, true);
    assert.equal(c.sg.store.get("InvestorBalance", TOKEN + INV_A.slice(2))!.lockupUntil, 6_000n);
    const actions = c.sg.store.all("ComplianceAction");
    const frozen = actions.find((a) => a.kind === "ADDRESS_FROZEN")!;
    assert.equal(frozen.actor, AGENT);
    assert.equal(frozen.investor, INV_B);
    const lockup = actions.find((a) => a.kind === "LOCKUP_UPDATED")!;
    assert.deepEqual([lockup.requested, lockup.timepoint, lockup.actor], [5_000n, 6_000n, SENDER]);
    c.block([{ source: "SecurityToken", name: "AddressFrozen", args: [B1, false, AGENT] }]);
    assert.equal(c.sg.store.get("TokenBalance", balanceId(B1))!.addressFrozen, false);
  });

  it("rules, transfers switch, pause, hook, countries and record dates update the token", () => {
    const c = registered();
    const hook = "0x000000000000000000000000000000000000400c";
    c.block([
      { source: "SecurityToken", name: "RulesUpdated", args: [19, 1, 50, 10n ** 24n] },
      { source: "SecurityToken", name: "TransfersEnabledSet", args: [false] },
      { source: "SecurityToken", name: "Paused", args: [AGENT] },
      { source: "SecurityToken", name: "ComplianceHookSet", args: [hook] },
      { source: "SecurityToken", name: "CountryListed", args: [840, true, true] },
      { source: "SecurityToken", name: "RecordDateScheduled", args: [T0 + DAY, 1] },
    ]);
    let token = c.sg.store.get("Token", TOKEN)!;
    assert.deepEqual(
      [token.rules, token.requiredClasses, token.maxInvestors, token.maxBalance, token.transfersEnabled, token.paused],
      [19, 1, 50, 10n ** 24n, false, true],
    );
    assert.equal(token.complianceHook, hook);
    assert.equal(token.recordDateCount, 1);
    const country = c.sg.store.all("ComplianceAction", { kind: "COUNTRY_LISTED" })[0];
    assert.deepEqual([country.country, country.allowlist], [840, true]);
    c.block([
      { source: "SecurityToken", name: "Unpaused", args: [AGENT] },
      { source: "SecurityToken", name: "ComplianceHookSet", args: [ZeroAddress] },
      { source: "SecurityToken", name: "RecordDateCancelled", args: [T0 + DAY, 0] },
      { source: "SecurityToken", name: "TransfersEnabledSet", args: [true] },
    ]);
    token = c.sg.store.get("Token", TOKEN)!;
    assert.deepEqual(
      [token.paused, token.complianceHook, token.recordDateCount, token.transfersEnabled],
      [false, undefined, 0, true],
    );
    assert.equal(c.sg.store.count("ComplianceAction"), 10);
  });

  it("TrustedOperatorSet: one entry per token and operator, with the last flag, officer and block", () => {
    const c = registered();
    const operator = "0x000000000000000000000000000000000000ba2e";
    c.block([{ source: "SecurityToken", name: "TrustedOperatorSet", args: [operator, true, AGENT] }], T0 + 10);
    const id = TOKEN + operator.slice(2);
    let e = c.sg.store.get("TrustedOperator", id)!;
    assert.deepEqual([e.token, e.operator, e.trusted, e.officer], [TOKEN, operator, true, AGENT]);
    c.block([{ source: "SecurityToken", name: "TrustedOperatorSet", args: [operator, false, A1] }], T0 + 20);
    e = c.sg.store.get("TrustedOperator", id)!;
    assert.deepEqual([e.trusted, e.officer, e.updatedAtTimestamp], [false, A1, BigInt(T0 + 20)]);
    assert.equal(c.sg.store.count("TrustedOperator"), 1);
  });

  it("registry: InvestorUpdated creates once then updates; WalletUnlinked clears the link; TokenBound(false) unbinds", () => {
    const c = registered();
    c.block([
      { source: "IdentityRegistry", name: "InvestorUpdated", args: [INV_A, 1, 410, T0 + 365 * DAY, 1, true, AGENT] },
      { source: "IdentityRegistry", name: "WalletUnlinked", args: [A2, INV_A, 1, 1] },
      { source: "IdentityRegistry", name: "TokenBound", args: [TOKEN, false, 0] },
    ]);
    const registry = c.sg.store.get("IdentityRegistry", REGISTRY)!;
    assert.deepEqual([registry.investorCount, registry.walletCount, registry.tokenCount], [2, 2, 0]);
    const investor = c.sg.store.get("Investor", INV_A)!;
    assert.deepEqual([investor.revoked, investor.walletCount, investor.country], [true, 1, 410]);
    assert.equal(c.sg.store.get("Wallet", A2)!.investor, undefined);
    assert.equal(c.sg.store.get("Token", TOKEN)!.registry, undefined);
  });
});
