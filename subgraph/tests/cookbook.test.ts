/** The query cookbook of docs/subgraph.md: every query is valid against the schema and answers on the scenario's data. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";

import { extractQueries, QueryEvaluator, type CookbookQuery } from "./cookbook.ts";
import { distributionEntityId, harnessFor, loadScenario, SUBGRAPH_DIR, type Scenario } from "./fixture.ts";
import type { Subgraph } from "./harness/index.ts";

const queries = extractQueries(readFileSync(path.join(SUBGRAPH_DIR, "..", "docs", "subgraph.md"), "utf8"));
type Row = Record<string, unknown>;

describe("query cookbook (docs/subgraph.md)", () => {
  let scenario: Scenario;
  let sg: Subgraph;
  let evaluator: QueryEvaluator;
  let variables: Record<string, string>;
  const byName = (name: string): CookbookQuery => {
    const q = queries.find((x) => x.source.includes(`query ${name}`));
    assert.ok(q, `cookbook query ${name}`);
    return q;
  };
  const run = (name: string) => evaluator.run(byName(name).source, variables);

  before(() => {
    scenario = loadScenario();
    sg = harnessFor(scenario);
    sg.processChain(scenario.blocks);
    evaluator = new QueryEvaluator(sg.store);
    const released = sg.store.all("HeldEntitlement", { released: true })[0];
    variables = {
      distribution: distributionEntityId(scenario.contracts.distributor, 1n),
      holder: released.holder as string,
      token: scenario.contracts.token,
      payoutToken: scenario.contracts.payoutToken,
    };
  });

  it("has at least 10 queries, each with the question it answers", () => {
    assert.ok(queries.length >= 10, `${queries.length} queries`);
    for (const q of queries) assert.match(q.title, /^\d+\. .+/);
  });

  it("runs every query against the schema and gets data back for each field", () => {
    for (const q of queries) {
      const result = evaluator.run(q.source, variables);
      for (const [field, value] of Object.entries(result)) {
        assert.ok(value !== null && !(Array.isArray(value) && value.length === 0), `${q.title}: ${field} is empty`);
      }
    }
  });

  it("1: reports each distribution's figures as the contract does", () => {
    const rows = run("DistributionsOverview").distributions as Row[];
    assert.deepEqual(
      rows.map((r) => [r.distributionId, r.amount, r.claimed, r.held, r.reclaimed]),
      scenario.chain.distributions.map((d) => [d.id, d.amount, d.claimed, d.held, d.reclaimed]),
    );
  });

  it("2: lists the active distributions with unclaimed money", () => {
    const rows = run("OpenDistributions").distributions as Row[];
    const open = scenario.chain.distributions.filter(
      (d) => d.status === 1 && BigInt(d.amount) - BigInt(d.claimed) > 0n,
    );
    assert.deepEqual(
      rows.map((r) => r.distributionId),
      open.map((d) => d.id),
    );
  });

  it("3: orders a distribution's payments by gross, largest first", () => {
    const claims = ((run("LargestPayments").distribution as Row).claims as Row[]).map((c) => BigInt(c.gross as string));
    assert.equal(claims.length, 10);
    const all = sg.store.all("Claim", { distribution: variables.distribution }).map((c) => c.gross as bigint);
    assert.deepEqual(claims, all.sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)).slice(0, 10));
  });

  it("4: gives a holder's history that adds up to its totals", () => {
    const account = run("HolderHistory").dividendAccount as Row;
    const claims = account.claims as Row[];
    assert.equal(account.claimCount, claims.length);
    assert.equal(claims.reduce((s, c) => s + BigInt(c.net as string), 0n).toString(), account.cumulativeNet);
    assert.ok(claims.some((c) => c.releasedFromHold === true));
    assert.deepEqual(
      (account.heldEntitlements as Row[]).map((h) => h.released),
      [true],
    );
  });

  it("5, 6, 7: ranks earners, adds up daily withholding, lists what is still held", () => {
    const earners = (run("TopEarners").dividendAccounts as Row[]).map((a) => BigInt(a.cumulativeNet as string));
    assert.deepEqual(
      earners,
      [...earners].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)),
    );
    const days = run("WithholdingByDay").dividendDailySnapshots as Row[];
    const token = sg.store.get("PayoutToken", scenario.contracts.payoutToken)!;
    assert.equal(
      days.reduce((s, d) => s + BigInt(d.dailyWithheld as string), 0n),
      token.cumulativeWithheld,
    );
    const held = run("HeldForFrozenHolders").heldEntitlements as Row[];
    const chainHeld = scenario.chain.distributions.flatMap((d) =>
      d.perHolder.filter((h) => h.heldFor !== "0").map((h) => [d.id, h.holder, h.heldFor]),
    );
    assert.deepEqual(
      held.map((h) => [(h.distribution as Row).distributionId, (h.holder as Row).id, h.gross]),
      chainHeld,
    );
  });

  it("rejects queries graph-node would reject (unknown entity, field, filter or argument)", () => {
    assert.throws(() => evaluator.run("{ holders { id } }"), /Type `Query` has no field `holders`/);
    assert.throws(() => evaluator.run("{ distributions { payout } }"), /Type `Distribution` has no field `payout`/);
    assert.throws(() => evaluator.run("{ distributions(where: { size_gt: 1 }) { id } }"), /has no field `size`/);
    assert.throws(() => evaluator.run("{ distributions(limit: 1) { id } }"), /unknown argument limit/);
    assert.throws(
      () => evaluator.run("query Q($x: ID!) { distribution(id: $x) { id } }"),
      /variable \$x was not provided/,
    );
    assert.throws(() => evaluator.run("{ distributions { token } }"), /needs a selection/);
  });
});
