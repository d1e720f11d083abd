import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";

import { NetworkError } from "../errors/rpc.js";
import { SubgraphError, createSubgraphClient } from "./client.js";

// Canned answers shaped like subgraph/schema.graphql (Bytes as lowercase hex, BigInt as decimal strings).
const DIST = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
const TOKEN = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
const PAYOUT = "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0";
const HOLDER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const distribution = {
  id: `${DIST}00000001`,
  distributionId: "1",
  distributor: { id: DIST },
  token: { id: TOKEN },
  payoutToken: { id: PAYOUT },
  creator: "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
  amount: "600000000000000000000",
  recordDate: "1763700000",
  claimDeadline: "1766300000",
  status: "ACTIVE",
  claimed: "100000000000000000000",
  netPaid: "90000000000000000000",
  withheld: "10000000000000000000",
  unclaimed: "500000000000000000000",
  claimCount: 1,
  createdAtTimestamp: "1763700100",
};

type Seen = { query: string; variables: Record<string, unknown>; headers: http.IncomingHttpHeaders };

describe("subgraph client", () => {
  let server: http.Server;
  let url: string;
  const seen: Seen[] = [];
  before(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        if (req.url === "/broken") {
          res.writeHead(502, { "content-type": "text/html" }).end("<html>bad gateway</html>");
          return;
        }
        const { query, variables } = JSON.parse(body) as { query: string; variables: Record<string, unknown> };
        seen.push({ query, variables, headers: req.headers });
        const reply = (data: unknown) =>
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(data));
        if (query.includes("query Distributions(")) return reply({ data: { distributions: [distribution] } });
        if (query.includes("query Distribution("))
          return reply({ data: { distribution: variables.id === distribution.id ? distribution : null } });
        if (query.includes("query Claims(")) {
          return reply({
            data: {
              claims: [
                {
                  id: "0xabc001",
                  distribution: { id: distribution.id, distributionId: "1", payoutToken: { id: PAYOUT } },
                  holder: { id: HOLDER },
                  recipient: HOLDER,
                  gross: "100000000000000000000",
                  withheld: "10000000000000000000",
                  net: "90000000000000000000",
                  releasedFromHold: false,
                  blockNumber: "42",
                  blockTimestamp: "1763700200",
                  transactionHash: "0x" + "11".repeat(32),
                },
              ],
            },
          });
        }
        if (query.includes("query Daily(")) {
          return reply({
            data: {
              dividendDailySnapshots: [
                {
                  day: 20400,
                  payoutToken: { id: PAYOUT },
                  dailyDeposited: "600000000000000000000",
                  dailyClaimCount: 1,
                  dailyNetPaid: "90000000000000000000",
                  dailyWithheld: "10000000000000000000",
                  cumulativeDeposited: "600000000000000000000",
                  cumulativeNetPaid: "90000000000000000000",
                },
              ],
            },
          });
        }
        if (query.includes("query Totals(")) {
          return reply({
            data: {
              payoutToken: {
                id: PAYOUT,
                distributionCount: 1,
                cumulativeDeposited: "600",
                cumulativeGrossPaid: "100",
                cumulativeWithheld: "10",
                cumulativeNetPaid: "90",
                cumulativeReclaimed: "0",
                cumulativeRefunded: "0",
              },
            },
          });
        }
        return reply({ errors: [{ message: "Type `Query` has no field `nope`" }] });
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it("queries distributions with filters and returns typed values (bigint amounts)", async () => {
    const subgraph = createSubgraphClient({ url, headers: { authorization: "Bearer k" } });
    const list = await subgraph.distributions({
      status: "ACTIVE",
      token: TOKEN.toUpperCase().replace("0X", "0x"),
      first: 5,
    });
    const last = seen.at(-1)!;
    assert.deepEqual(last.variables, { first: 5, skip: 0, where: { status: "ACTIVE", token: TOKEN } });
    assert.equal(last.headers.authorization, "Bearer k");
    assert.equal(list.length, 1);
    assert.deepEqual(list[0], {
      id: distribution.id,
      distributionId: 1n,
      distributor: DIST,
      token: TOKEN,
      payoutToken: PAYOUT,
      creator: distribution.creator,
      amount: 600n * 10n ** 18n,
      recordDate: 1763700000n,
      claimDeadline: 1766300000n,
      status: "ACTIVE",
      claimed: 100n * 10n ** 18n,
      netPaid: 90n * 10n ** 18n,
      withheld: 10n * 10n ** 18n,
      unclaimed: 500n * 10n ** 18n,
      claimCount: 1,
      createdAtTimestamp: 1763700100n,
    });
    assert.equal((await subgraph.distribution(distribution.id))!.amount, 600n * 10n ** 18n);
    assert.equal(await subgraph.distribution("0xdead"), null);
  });

  it("an account's claims (the subgraph's holder), daily snapshots and payout totals", async () => {
    const subgraph = createSubgraphClient({ url });
    const claims = await subgraph.claimsOf({ account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" });
    assert.equal(seen.at(-1)!.variables.holder, HOLDER);
    assert.deepEqual(
      [claims[0]!.account, claims[0]!.net, claims[0]!.distribution.distributionId, claims[0]!.blockNumber],
      [HOLDER, 90n * 10n ** 18n, 1n, 42n],
    );
    const days = await subgraph.dailySnapshots({ payoutToken: PAYOUT, fromDay: 20399, toDay: 20401 });
    assert.deepEqual(seen.at(-1)!.variables, { token: PAYOUT, from: 20399, to: 20401 });
    assert.deepEqual([days[0]!.day, days[0]!.dailyNetPaid, days[0]!.payoutToken], [20400, 90n * 10n ** 18n, PAYOUT]);
    const totals = await subgraph.payoutTotals(PAYOUT);
    assert.deepEqual(
      [totals!.cumulativeDeposited, totals!.cumulativeNetPaid, totals!.distributionCount],
      [600n, 90n, 1],
    );
  });

  it("GraphQL errors, non-JSON answers and unreachable endpoints are typed errors", async () => {
    const subgraph = createSubgraphClient({ url });
    await assert.rejects(subgraph.query("{ nope }"), (e: unknown) => {
      assert.ok(e instanceof SubgraphError);
      assert.equal(e.shortMessage, "The subgraph refused the query: Type `Query` has no field `nope`");
      assert.equal(e.errors.length, 1);
      return true;
    });
    await assert.rejects(createSubgraphClient({ url: `${url}/broken` }).query("{ a }"), (e: unknown) => {
      assert.ok(e instanceof SubgraphError);
      assert.equal(e.status, 502);
      return true;
    });
    await assert.rejects(
      createSubgraphClient({ url: "http://127.0.0.1:1", timeoutMs: 2000 }).query("{ a }"),
      NetworkError,
    );
  });
});
