/**
 * Catalog search latency: the 200 benchmark queries (catalog-queries.ts)
 * through Weir's searchCatalog in this process (the function the tRPC
 * procedure calls: ranked rows with total, facets, tag counts, matched
 * columns) and, when a session is given, through catalog.search over HTTP.
 * Two references run per query in the same loop, interleaved:
 *  - "FTS first 25": the first 25 full-text matches of the same words as
 *    the GIN index on searchVector serves them, unranked: the floor of matching;
 *  - "FTS ranked" (every other query, to save time): one full-text query on
 *    the same words and GIN index, ranked by ts_rank, 25 rows, without
 *    total, facets, typo tolerance or columns: what ranking every match costs.
 * Every statement is cut at `capMs` (statement_timeout): at this catalog
 * size a search can take seconds, and 200 of them must not take an hour.
 * A cut call counts as a timeout (shown as "> cap") and is not sent over
 * HTTP, where nothing would cut it.
 */
import type pg from "pg";

import { benchQueries, WARM_UP, type TBenchQuery } from "@/bench/catalog-queries";
import { trpcQuery, type TSession } from "@/bench/catalog-http";
import { timeMs } from "@/bench/catalog-report";
import { disconnectDb } from "@/db/client";
import { normalizeQuery, searchCatalog } from "@/server/catalog/search";

export type TSearchResults = {
  /** ms per query; Infinity = cut at the cap. */
  weir: number[];
  http: number[];
  fts: number[];
  ilike: number[];
  /** Per query: Weir's time and the number of matches (-1 when cut), for the slowest list. */
  perQuery: { query: TBenchQuery; ms: number; total: number }[];
};

const isTimeout = (e: unknown) => /57014|statement timeout/.test(e instanceof Error ? e.message : String(e));

/**
 * Runs `work` with the Prisma client of this process connected with
 * statement_timeout = capMs (a fresh client; the usual one comes back after).
 */
export async function withCappedDb<T>(capMs: number, work: () => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL!;
  const capped = new URL(url);
  capped.searchParams.set("options", `-c statement_timeout=${capMs}`);
  await disconnectDb();
  process.env.DATABASE_URL = capped.toString();
  try {
    return await work();
  } finally {
    await disconnectDb();
    process.env.DATABASE_URL = url;
  }
}

/** ms of `work`, or Infinity when PostgreSQL cut it at the statement timeout. */
async function timeOrCap(work: () => Promise<unknown>): Promise<number> {
  try {
    return await timeMs(work);
  } catch (e) {
    if (isTimeout(e)) return Number.POSITIVE_INFINITY;
    throw e;
  }
}

/** The words of a query as searchCatalog builds its full-text query (any word matches). */
function ftsQueryOf(q: string): string {
  return normalizeQuery(q)
    .split(" ")
    .filter(Boolean)
    .map((w) => w.replace(/[.-]/g, " ").trim())
    .filter(Boolean)
    .join(" or ");
}

async function referenceFts(client: pg.Client, q: string): Promise<void> {
  const words = ftsQueryOf(q);
  if (!words) {
    await client.query(`SELECT id, name FROM "Dataset" ORDER BY "lastUpdatedAt" DESC NULLS LAST LIMIT 25`);
    return;
  }
  await client.query(
    `SELECT id, name FROM "Dataset" WHERE "searchVector" @@ websearch_to_tsquery('simple', $1)
     ORDER BY ts_rank("searchVector", websearch_to_tsquery('simple', $1)) DESC LIMIT 25`,
    [words],
  );
}

async function referenceIlike(client: pg.Client, q: string): Promise<void> {
  const words = ftsQueryOf(q);
  if (!words) return void (await client.query(`SELECT id, name FROM "Dataset" LIMIT 25`));
  await client.query(`SELECT id, name FROM "Dataset" WHERE "searchVector" @@ websearch_to_tsquery('simple', $1) LIMIT 25`, [words]);
}

export async function benchSearch(opts: { client: pg.Client; apiURL: string; session: TSession | null; capMs: number }): Promise<TSearchResults> {
  const { client, apiURL, session, capMs } = opts;
  const results: TSearchResults = { weir: [], http: [], fts: [], ilike: [], perQuery: [] };
  await client.query(`SET statement_timeout = ${capMs}`);
  try {
    await withCappedDb(capMs, async () => {
      for (const q of WARM_UP) {
        await timeOrCap(() => searchCatalog({ q }));
        await timeOrCap(() => referenceIlike(client, q));
      }
      for (const query of benchQueries()) {
        const q = query.input.q ?? "";
        let total = -1;
        const ms = await timeOrCap(async () => {
          total = (await searchCatalog(query.input)).total;
        });
        results.weir.push(ms);
        results.perQuery.push({ query, ms, total });
        if (normalizeQuery(q)) results.ilike.push(await timeOrCap(() => referenceIlike(client, q)));
        if (results.perQuery.length % 2 === 1) results.fts.push(await timeOrCap(() => referenceFts(client, q)));
        if (session && Number.isFinite(ms)) results.http.push(await timeMs(() => trpcQuery(apiURL, session, "catalog.search", query.input)));
      }
    });
  } finally {
    await client.query("RESET statement_timeout");
  }
  return results;
}

/** Matches per kind of query (min–max over the searches that finished), to show the spread of result sizes. */
export function matchSpread(perQuery: TSearchResults["perQuery"]): string {
  const byKind = new Map<string, number[]>();
  for (const p of perQuery) byKind.set(p.query.kind, [...(byKind.get(p.query.kind) ?? []), p.total]);
  return [...byKind]
    .map(([kind, totals]) => {
      const done = totals.filter((t) => t >= 0);
      const cut = totals.length - done.length;
      return `${kind} ${done.length ? `${Math.min(...done)}–${Math.max(...done)}` : "-"}${cut ? ` (${cut} cut)` : ""}`;
    })
    .join("; ");
}
