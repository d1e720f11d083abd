import { StokitError } from "../errors/base.js";
import { NetworkError } from "../errors/rpc.js";

/**
 * The subgraph answered with GraphQL errors, or with something that is not a GraphQL response (HTTP status, body).
 *
 * @example
 * ```ts
 * import { SubgraphError } from "@stokit/sdk";
 * try { await subgraph.distributions({}); } catch (e) { if (e instanceof SubgraphError) console.log(e.errors); }
 * ```
 */
export class SubgraphError extends StokitError {
  override name = "SubgraphError";
  /** The GraphQL `errors` array (empty for HTTP-level failures). */
  readonly errors: readonly { message: string }[];
  readonly status: number | undefined;
  constructor(
    shortMessage: string,
    { errors = [], status, cause }: { errors?: { message: string }[]; status?: number; cause?: unknown },
  ) {
    super(shortMessage, {
      cause,
      docsPath: "#subgraph",
      details: errors.map((e) => e.message).join("; ") || undefined,
    });
    this.errors = errors;
    this.status = status;
  }
}

/**
 * Options of {@link createSubgraphClient}.
 *
 * @example
 * ```ts
 * import type { CreateSubgraphClientParameters } from "@stokit/sdk";
 * const p: CreateSubgraphClientParameters = { url: "https://api.studio.thegraph.com/query/1/stokit/v1" };
 * ```
 */
export type CreateSubgraphClientParameters = {
  /** The subgraph's GraphQL endpoint. */
  url: string;
  /** Extra headers (an API key). */
  headers?: Record<string, string>;
  /** A `fetch` implementation (default: the global one; Node 18+ and browsers have it). */
  fetch?: typeof fetch;
  /** Abort a query after this many milliseconds (default 30000). */
  timeoutMs?: number;
};

/** `DistributionStatus` of the subgraph schema. */
export type SubgraphDistributionStatus = "ACTIVE" | "CANCELLED" | "RECLAIMED";

/** A `Distribution` entity with BigInt fields as `bigint`. */
export type SubgraphDistribution = {
  id: string;
  distributionId: bigint;
  distributor: string;
  token: string;
  payoutToken: string;
  creator: string;
  amount: bigint;
  recordDate: bigint;
  claimDeadline: bigint;
  status: SubgraphDistributionStatus;
  claimed: bigint;
  netPaid: bigint;
  withheld: bigint;
  unclaimed: bigint;
  claimCount: number;
  createdAtTimestamp: bigint;
};

/** A `Claim` entity. */
export type SubgraphClaim = {
  id: string;
  distribution: { id: string; distributionId: bigint; payoutToken: string };
  /** The account that claimed (the subgraph's `holder` field: the SDK says `account`, see "Names" in the README). */
  account: string;
  recipient: string;
  gross: bigint;
  withheld: bigint;
  net: bigint;
  releasedFromHold: boolean;
  blockNumber: bigint;
  blockTimestamp: bigint;
  transactionHash: string;
};

/** A `DividendDailySnapshot` entity. */
export type SubgraphDailySnapshot = {
  day: number;
  payoutToken: string;
  dailyDeposited: bigint;
  dailyClaimCount: number;
  dailyNetPaid: bigint;
  dailyWithheld: bigint;
  cumulativeDeposited: bigint;
  cumulativeNetPaid: bigint;
};

/** A `PayoutToken` entity's running totals. */
export type SubgraphPayoutTotals = {
  id: string;
  distributionCount: number;
  cumulativeDeposited: bigint;
  cumulativeGrossPaid: bigint;
  cumulativeWithheld: bigint;
  cumulativeNetPaid: bigint;
  cumulativeReclaimed: bigint;
  cumulativeRefunded: bigint;
};

type Raw = Record<string, unknown>;
const big = (v: unknown): bigint => BigInt(v as string);
const idOf = (v: unknown): string => (typeof v === "object" && v !== null ? String((v as Raw).id) : String(v));

function toDistribution(d: Raw): SubgraphDistribution {
  return {
    id: String(d.id),
    distributionId: big(d.distributionId),
    distributor: idOf(d.distributor),
    token: idOf(d.token),
    payoutToken: idOf(d.payoutToken),
    creator: String(d.creator),
    amount: big(d.amount),
    recordDate: big(d.recordDate),
    claimDeadline: big(d.claimDeadline),
    status: d.status as SubgraphDistributionStatus,
    claimed: big(d.claimed),
    netPaid: big(d.netPaid),
    withheld: big(d.withheld),
    unclaimed: big(d.unclaimed),
    claimCount: Number(d.claimCount),
    createdAtTimestamp: big(d.createdAtTimestamp),
  };
}

const DISTRIBUTION_FIELDS = `id distributionId distributor { id } token { id } payoutToken { id } creator amount recordDate
  claimDeadline status claimed netPaid withheld unclaimed claimCount createdAtTimestamp`;

/**
 * A typed client for the stokit subgraph (GraphQL over HTTP POST with `fetch`; no dependency): the analyst queries
 * (distributions, one distribution, an account's claims, daily snapshots, payout totals) with `BigInt` fields as
 * `bigint`, and `query` for anything else. Addresses are lowercase hex, as the subgraph stores `Bytes`.
 *
 * @example
 * ```ts
 * import { createSubgraphClient } from "@stokit/sdk";
 *
 * const subgraph = createSubgraphClient({ url: "https://api.studio.thegraph.com/query/1/stokit/v1" });
 * const active = await subgraph.distributions({ status: "ACTIVE", first: 20 });
 * const claims = await subgraph.claimsOf({ account: "0xabc…" });
 * ```
 */
export function createSubgraphClient(parameters: CreateSubgraphClientParameters) {
  const doFetch = parameters.fetch ?? globalThis.fetch;
  const timeoutMs = parameters.timeoutMs ?? 30_000;

  async function query<T = Raw>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(parameters.url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", ...parameters.headers },
        body: JSON.stringify({ query: document, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new NetworkError(`The subgraph at ${parameters.url} could not be reached.`, {
        cause: error,
        urls: [parameters.url],
      });
    }
    const text = await response.text();
    let body: { data?: T; errors?: { message: string }[] };
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new SubgraphError(`The subgraph answered HTTP ${response.status} with a body that is not JSON.`, {
        status: response.status,
        cause: error,
      });
    }
    if (body.errors?.length)
      throw new SubgraphError(`The subgraph refused the query: ${body.errors[0]!.message}`, {
        errors: body.errors,
        status: response.status,
      });
    if (!response.ok || body.data === undefined)
      throw new SubgraphError(`The subgraph answered HTTP ${response.status} without data.`, {
        status: response.status,
      });
    return body.data;
  }

  return {
    url: parameters.url,
    /** Any GraphQL query; returns `data` as is (BigInt fields stay strings). */
    query,
    /** Distributions, newest first, optionally by status, token or distributor. */
    async distributions(p: {
      first?: number;
      skip?: number;
      status?: SubgraphDistributionStatus;
      token?: string;
      distributor?: string;
    }): Promise<SubgraphDistribution[]> {
      const where: Raw = {};
      if (p.status) where.status = p.status;
      if (p.token) where.token = p.token.toLowerCase();
      if (p.distributor) where.distributor = p.distributor.toLowerCase();
      const data = await query<{ distributions: Raw[] }>(
        `query Distributions($first: Int!, $skip: Int!, $where: Distribution_filter) {
  distributions(first: $first, skip: $skip, where: $where, orderBy: createdAtTimestamp, orderDirection: desc) { ${DISTRIBUTION_FIELDS} }
}`,
        { first: p.first ?? 100, skip: p.skip ?? 0, where },
      );
      return data.distributions.map(toDistribution);
    },
    /** One distribution by entity id (`distributor ++ distributionId`), or `null`. */
    async distribution(id: string): Promise<SubgraphDistribution | null> {
      const data = await query<{ distribution: Raw | null }>(
        `query Distribution($id: ID!) { distribution(id: $id) { ${DISTRIBUTION_FIELDS} } }`,
        { id: id.toLowerCase() },
      );
      return data.distribution ? toDistribution(data.distribution) : null;
    },
    /** An account's claims (the subgraph's `holder`), newest first. */
    async claimsOf(p: { account: string; first?: number; skip?: number }): Promise<SubgraphClaim[]> {
      const data = await query<{ claims: Raw[] }>(
        `query Claims($holder: String!, $first: Int!, $skip: Int!) {
  claims(first: $first, skip: $skip, where: { holder: $holder }, orderBy: blockNumber, orderDirection: desc) {
    id distribution { id distributionId payoutToken { id } } holder { id } recipient gross withheld net releasedFromHold
    blockNumber blockTimestamp transactionHash
  }
}`,
        { holder: p.account.toLowerCase(), first: p.first ?? 100, skip: p.skip ?? 0 },
      );
      return data.claims.map((c) => {
        const d = c.distribution as Raw;
        return {
          id: String(c.id),
          distribution: { id: String(d.id), distributionId: big(d.distributionId), payoutToken: idOf(d.payoutToken) },
          account: idOf(c.holder),
          recipient: String(c.recipient),
          gross: big(c.gross),
          withheld: big(c.withheld),
          net: big(c.net),
          releasedFromHold: Boolean(c.releasedFromHold),
          blockNumber: big(c.blockNumber),
          blockTimestamp: big(c.blockTimestamp),
          transactionHash: String(c.transactionHash),
        };
      });
    },
    /** Daily snapshots of a payout token between two UTC days (`timestamp / 86400`), oldest first. */
    async dailySnapshots(p: { payoutToken: string; fromDay: number; toDay: number }): Promise<SubgraphDailySnapshot[]> {
      const data = await query<{ dividendDailySnapshots: Raw[] }>(
        `query Daily($token: String!, $from: Int!, $to: Int!) {
  dividendDailySnapshots(first: 1000, where: { payoutToken: $token, day_gte: $from, day_lte: $to }, orderBy: day, orderDirection: asc) {
    day payoutToken { id } dailyDeposited dailyClaimCount dailyNetPaid dailyWithheld cumulativeDeposited cumulativeNetPaid
  }
}`,
        { token: p.payoutToken.toLowerCase(), from: p.fromDay, to: p.toDay },
      );
      return data.dividendDailySnapshots.map((s) => ({
        day: Number(s.day),
        payoutToken: idOf(s.payoutToken),
        dailyDeposited: big(s.dailyDeposited),
        dailyClaimCount: Number(s.dailyClaimCount),
        dailyNetPaid: big(s.dailyNetPaid),
        dailyWithheld: big(s.dailyWithheld),
        cumulativeDeposited: big(s.cumulativeDeposited),
        cumulativeNetPaid: big(s.cumulativeNetPaid),
      }));
    },
    /** Running totals of a payout token, or `null`. */
    async payoutTotals(payoutToken: string): Promise<SubgraphPayoutTotals | null> {
      const data = await query<{ payoutToken: Raw | null }>(
        `query Totals($id: ID!) { payoutToken(id: $id) { id distributionCount cumulativeDeposited cumulativeGrossPaid
  cumulativeWithheld cumulativeNetPaid cumulativeReclaimed cumulativeRefunded } }`,
        { id: payoutToken.toLowerCase() },
      );
      const t = data.payoutToken;
      return t
        ? {
            id: String(t.id),
            distributionCount: Number(t.distributionCount),
            cumulativeDeposited: big(t.cumulativeDeposited),
            cumulativeGrossPaid: big(t.cumulativeGrossPaid),
            cumulativeWithheld: big(t.cumulativeWithheld),
            cumulativeNetPaid: big(t.cumulativeNetPaid),
            cumulativeReclaimed: big(t.cumulativeReclaimed),
            cumulativeRefunded: big(t.cumulativeRefunded),
          }
        : null;
    },
  };
}

/**
 * The client {@link createSubgraphClient} returns.
 *
 * @example
 * ```ts
 * import { createSubgraphClient, type SubgraphClient } from "@stokit/sdk";
 * const subgraph: SubgraphClient = createSubgraphClient({ url });
 * ```
 */
export type SubgraphClient = ReturnType<typeof createSubgraphClient>;
