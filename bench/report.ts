/**
 * The benchmark's result shape (`bench/gas.json`, as issue 11 specifies it) and its markdown rendering
 * (`bench/gas.md`). Gas figures are receipt `gasUsed` (21,000 base and calldata included), integers; `null` where a
 * peer has no such operation.
 */

/** Columns of the operations table. */
export const PEERS = ["stokit", "trex", "trex_bare", "oz"] as const;
export type Peer = (typeof PEERS)[number];

/** Holder counts of the scaling table. */
export const HOLDER_COUNTS = [10, 1000, 10000] as const;

export type OperationFigures = Record<Peer, number | null> & { stokit: number };
export type ScalingFigures = Record<`${(typeof HOLDER_COUNTS)[number]}`, number>;

export interface BenchResult {
  operations: Record<string, OperationFigures>;
  scaling: Record<string, ScalingFigures>;
}

/** What each operation measures, for the markdown table. */
export const OPERATION_NOTES: Record<string, string> = {
  transfer_existing_holder: "transfer to a holder (both balances non-zero)",
  transfer_new_holder: "transfer to a verified wallet with a zero balance (a new investor)",
  transfer_from: "transferFrom by an approved spender to a holder",
  mint: "agent mint to a holder",
  burn: "agent burn of part of a balance",
  forced_transfer: "agent forced transfer between holders",
  freeze_address: "agent freezes an address (see note 3)",
  batch_transfer_10: "one batch transfer to 10 holders",
  offering_subscribe: "an investor's first stablecoin subscription (approve before)",
  offering_claim: "claim after success: mint + lock-up, no refund",
  points_batch_grant_per_account: "grantBatch of 50 existing, NFT-gated accounts, dense refIds, / 50",
  points_voucher_redeem: "redeemVoucher (EIP-712) by a relayer, existing account",
  oracle_read_validated: "probe tx reading the circuit breaker's priceOf",
  oracle_read_raw: "probe tx reading the feed's latestRoundData",
  distribution_claim_many_5: "claimMany of 5 distributions (10 holders), same holder state as the claim row",
  factory_create_ip_token: "create an IP token: TokenFactory.createToken (CREATE2 from data contracts, bind, 5 roles)",
  factory_create_offering: "create an offering: OfferingFactory.createOffering (CREATE2, AGENT + LOCKUP grants)",
  // secondary market (issue 19)
  market_fill: "Market fill of a fresh sell order (10 tokens, no fee) by a holder; oz: same market, plain ERC-20",
  market_transfer_from_pair: "floor: token + USDC transferFrom by a verified EOA spender, less one 21,000",
  market_match: "matchOrders of a fresh buy and a fresh sell order, 0.1% fee to a fee wallet",
  market_fill_partial: "fill of 1 token of a sell order already partly filled, 0.1% fee",
};

export const SCALING_NOTES: Record<string, string> = {
  distribution_create: "createDistribution at a scheduled record date",
  distribution_claim: "claim by a typical holder (same balance as every other holder; its flags word in use)",
};

const fmt = (value: number | null) => (value === null ? "-" : value.toLocaleString("en-US"));
const ratio = (a: number, b: number | null) => (b === null ? "-" : `${(a / b).toFixed(2)}x`);

/** The operations and scaling tables in markdown, with ratios of stokit to T-REX (3 modules) and to OZ. */
export function markdownTables(result: BenchResult): string {
  const lines = [
    "| operation | stokit | trex (3 modules) | trex_bare | oz | stokit / trex | stokit / trex_bare | stokit / oz | measures |",
    "|---|--:|--:|--:|--:|--:|--:|--:|---|",
  ];
  for (const [name, f] of Object.entries(result.operations)) {
    lines.push(
      `| ${name} | ${fmt(f.stokit)} | ${fmt(f.trex)} | ${fmt(f.trex_bare)} | ${fmt(f.oz)} | ` +
        `${ratio(f.stokit, f.trex)} | ${ratio(f.stokit, f.trex_bare)} | ${ratio(f.stokit, f.oz)} | ` +
        `${OPERATION_NOTES[name] ?? ""} |`,
    );
  }
  lines.push("", `| scaling (holders) | ${HOLDER_COUNTS.join(" | ")} | measures |`, "|---|--:|--:|--:|---|");
  for (const [name, f] of Object.entries(result.scaling)) {
    const cells = HOLDER_COUNTS.map((count) => fmt(f[`${count}`]));
    lines.push(`| ${name} | ${cells.join(" | ")} | ${SCALING_NOTES[name] ?? ""} |`);
  }
  return lines.join("\n");
}

/** The headline: our compliant transfer against T-REX (3 modules, no modules) and the plain ERC-20. */
export function headline(result: BenchResult): string {
  const t = result.operations.transfer_existing_holder;
  return (
    `Compliant transfer to a holder: stokit ${fmt(t.stokit)} gas = ${ratio(t.stokit, t.trex)} of T-REX with 3 ` +
    `modules (${fmt(t.trex)}), ${ratio(t.stokit, t.trex_bare)} of T-REX without modules (${fmt(t.trex_bare)}), ` +
    `${ratio(t.stokit, t.oz)} of a plain OpenZeppelin ERC-20 (${fmt(t.oz)}).`
  );
}

/** The README's gas figures: every stokit row with its closest peer, rendered from the committed result. */
export function readmeFigures(result: BenchResult): string {
  const lines = [
    "| operation | stokit gas | plain OZ ERC-20 | T-REX 4.1.6, 3 modules | measures |",
    "| --- | --: | --: | --: | --- |",
  ];
  const peer = (value: number | null, ours: number) => (value === null ? "-" : `${fmt(value)} (${ratio(ours, value)})`);
  for (const [name, f] of Object.entries(result.operations)) {
    lines.push(
      `| ${name} | ${fmt(f.stokit)} | ${peer(f.oz, f.stokit)} | ${peer(f.trex, f.stokit)} | ${OPERATION_NOTES[name] ?? ""} |`,
    );
  }
  for (const [name, f] of Object.entries(result.scaling)) {
    const cells = HOLDER_COUNTS.map((count) => `${fmt(f[`${count}`])} at ${count.toLocaleString("en-US")}`);
    lines.push(`| ${name} | ${cells.join(", ")} holders | - | - | ${SCALING_NOTES[name] ?? ""} |`);
  }
  return lines.join("\n");
}

/** Figures measured in the same run that explain the table (reported in the notes, not gated). */
export interface BenchExtras {
  /** stokit `setAddressFrozen` on a fresh, unregistered address (what the T-REX peer freezes). */
  freezeFreshAddress: number;
}

/** The full `bench/gas.md`. */
export function markdownReport(result: BenchResult, chain: string, extras: BenchExtras): string {
  return `# Gas benchmark (generated by \`npm run bench\`; do not edit by hand)

All figures are receipt \`gasUsed\` (21,000 base and calldata included), measured in ONE run on one in-process
chain (${chain}), every peer with the same chain settings. Gas is deterministic: the benchmark fixes the chain time,
every key, address, amount and transaction order, so a re-run gives the same figures. \`npm run bench:check\`
re-measures and fails when any stokit or scaling figure is higher than in the committed \`bench/gas.json\`.

${headline(result)}

${markdownTables(result)}

Notes
1. stokit runs with the rules the issue names enabled: max investors (1,000), max balance per investor,
   country allowlist (receiver's country checked) and lock-up (the sender's lock-up has ended, so it is evaluated and
   passes). \`trex\` is T-REX 4.1.6 (ERC-3643 reference, deployed from its published npm artifacts behind its proxies,
   ONCHAINID identities with a signed KYC claim) with the three matching modules MaxBalance, CountryRestrict and
   SupplyLimit; \`trex_bare\` is the same suite without modules; \`oz\` is a plain OpenZeppelin 5 ERC-20
   (\`contracts/mocks/TokenPlainERC20.sol\`, compiled with our settings; its batch transfer is a plain loop).
   T-REX bytecode is as published (solc 0.8.17); ours is solc 0.8.30, optimizer 200 runs, \`paris\`.
2. Every operation moves 1 token (10^18 units) and is measured in the same storage state on every peer
   (non-zero to non-zero balances, except the new holder, whose balance goes from zero to non-zero).
3. \`freeze_address\`: stokit freezes a registered investor wallet (its wallet word already exists, so the flag
   update is a non-zero to non-zero write); the T-REX peer freezes a fresh, unregistered address (a zero to
   non-zero write). Measured in the same run, stokit freezing a fresh, unregistered address costs
   ${fmt(extras.freezeFreshAddress)} gas.
4. The offering, points, oracle and distribution rows have no peer. The offering runs against the real
   SecurityToken with the rules above, granted \`AGENT_ROLE\` and \`LOCKUP_ROLE\`; the oracle rows are two
   transactions of the same shape through \`contracts/mocks/OracleReadGasProbe.sol\` (a mock feed, no L2
   sequencer check: on Base the validated read adds the sequencer feed call).
5. Distributions: for each holder count a fresh SecurityToken (no rules) with that many investors (batch
   registration and \`batchMint\`), one record date scheduled with \`scheduleRecordDate\` and passed, a fresh
   DividendDistributor, a 6-decimal payout token, no exclusions, no withholding. Creation and claims never loop
   over holders, so the figures do not grow with the holder count. The claim is measured after another holder of
   the same flags word (16 holder indexes x 8 distributions) was paid by \`claimFor\`, as for all but the first
   claim of a word; the first pays 17,100 more (a fresh slot).
6. \`offering_subscribe\` is a new investor's first subscription while the token's max-investors rule is on, so it
   includes the investor-slot reservation that guarantees every subscriber ends with tokens or money (registry
   reads and two new storage slots, about 65k gas; issue 14). An existing holder, or an offering whose token has the
   rule off, does not pay it. \`offering_claim\` includes the pre-mint restriction check and the successor lookup.
`;
}
