/**
 * Catalog search: ranked, typo-tolerant, with facets, in one statement.
 *
 * - Matching: PostgreSQL full-text search on Dataset.searchVector (names,
 *   descriptions, owners, tags, column names; names weigh more), GIN-indexed.
 *   Each query word also matches as a prefix ("cust" finds customers) and
 *   through the catalog's words trigram-similar to it (CatalogWord, pg_trgm),
 *   so "ordrs" finds orders without comparing it to every dataset's text.
 * - Ranking: an exact table name first, then ts_rank (name hits weigh more).
 * - A very common word can match tens of thousands of datasets: the matches
 *   whose name holds a query word and the others are each taken up to
 *   MATCH_CAP, and totals and facets count those (`capped` says so), which
 *   keeps every search in tens of milliseconds.
 * Every value is a bound parameter and the words are letters and digits
 * only: any text is safe.
 */
import { db } from "@/db/client";
import { Prisma } from "@/generated/prisma/client";
import { type TSearchInput, type TSearchOutput, ZSearchInput } from "@/server/catalog/catalog-contracts";
import { type TSummaryRow, toSummary } from "@/server/catalog/dataset-summary";

/** Longer queries are cut: nobody types more. */
const MAX_QUERY = 200;
const MAX_WORDS = 8;
/** Matches counted at most per kind (name hits, other hits); beyond, totals and facets say "at least". */
export const MATCH_CAP = 500;
/** Catalog words tried per query word for typos. */
const SIMILAR_WORDS = 3;

/** Words for matching: letters and digits only, so quotes, operators and SQL in a query are just text. */
export function normalizeQuery(q: string): string {
  return q
    .slice(0, MAX_QUERY)
    .replace(/[^\p{L}\p{N}_.\s-]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** The words of a normalised query as full-text lexemes (names split on dots and underscores like the index splits them). */
export function queryWords(q: string): string[] {
  return [
    ...new Set(
      q
        .split(/[\s.\-_]+/u)
        .map((w) => w.replace(/[^\p{L}\p{N}]+/gu, ""))
        .filter(Boolean),
    ),
  ].slice(0, MAX_WORDS);
}

type TGroup = "platform" | "layer" | "owner" | "tag" | "quality";

/** The condition of each facet group that has values picked (on rows aliased d). */
function filters(input: ReturnType<typeof ZSearchInput.parse>): Partial<Record<TGroup, Prisma.Sql>> {
  const where: Partial<Record<TGroup, Prisma.Sql>> = {};
  if (input.platform.length) where.platform = Prisma.sql`d.platform = ANY(${input.platform})`;
  if (input.layer.length) where.layer = Prisma.sql`d.layer::text = ANY(${input.layer})`;
  if (input.owner.length) where.owner = Prisma.sql`d.owner = ANY(${input.owner})`;
  if (input.tag.length) where.tag = Prisma.sql`d.tags && ${input.tag}::text[]`;
  if (input.quality.length) {
    const states = input.quality.filter((q) => q !== "none");
    where.quality = input.quality.includes("none")
      ? Prisma.sql`(d."qualityStatus" IS NULL OR d."qualityStatus" = ANY(${states}))`
      : Prisma.sql`d."qualityStatus" = ANY(${states})`;
  }
  return where;
}

const and = (parts: readonly Prisma.Sql[]) => (parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`true`);

/** Every picked group's condition but `group`'s: a facet counts what picking one more of its values would add. */
const othersThan = (f: Partial<Record<TGroup, Prisma.Sql>>, group: TGroup) =>
  and(
    Object.entries(f)
      .filter(([g]) => g !== group)
      .map(([, sql]) => sql!),
  );

/** Catalog words similar to each query word (trigram index on CatalogWord). */
async function similarWords(words: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await db().$queryRaw<{ q: string; word: string }[]>`
    SELECT w.q, c.word FROM unnest(${words as string[]}::text[]) AS w(q)
    CROSS JOIN LATERAL (
      SELECT word FROM "CatalogWord"
      WHERE word % w.q AND word <> w.q AND length(w.q) >= 4 AND levenshtein(word, w.q) <= CASE WHEN length(w.q) >= 8 THEN 2 ELSE 1 END
      ORDER BY word <-> w.q LIMIT ${SIMILAR_WORDS}) c`;
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.q, [...(out.get(r.q) ?? []), r.word]);
  return out;
}

/** to_tsquery text: any word, as a prefix or as a similar catalog word. Lexemes are letters and digits only. */
function tsQuery(words: readonly string[], similar: Map<string, string[]>): string {
  return words.map((w) => `(${[`${w}:*`, ...(similar.get(w) ?? [])].join(" | ")})`).join(" | ");
}

type TFacetRow = { value: string; n: number };
type TStatement = {
  total: bigint;
  capped: boolean;
  ids: string[];
  platform: TFacetRow[];
  layer: TFacetRow[];
  owner: TFacetRow[];
  quality: TFacetRow[];
  tag: TFacetRow[];
};

function facetsSql(picked: Partial<Record<TGroup, Prisma.Sql>>, from: Prisma.Sql) {
  const facet = (group: Exclude<TGroup, "tag">, value: Prisma.Sql) => Prisma.sql`
    (SELECT coalesce(json_agg(x), '[]') FROM (
      SELECT ${value} AS value, count(*)::int AS n FROM ${from} WHERE ${othersThan(picked, group)} AND ${value} IS NOT NULL
      GROUP BY 1 ORDER BY n DESC, 1 LIMIT 30) x) AS ${Prisma.raw(group)}`;
  return Prisma.join(
    [
      facet("platform", Prisma.sql`d.platform`),
      facet("layer", Prisma.sql`d.layer::text`),
      facet("owner", Prisma.sql`d.owner`),
      facet("quality", Prisma.sql`coalesce(d."qualityStatus", 'none')`),
      Prisma.sql`(SELECT coalesce(json_agg(x), '[]') FROM (
        SELECT t.tag AS value, count(*)::int AS n FROM ${from} CROSS JOIN LATERAL unnest(d.tags) AS t(tag) WHERE ${othersThan(picked, "tag")}
        GROUP BY 1 ORDER BY n DESC, 1 LIMIT 30) x) AS tag`,
    ],
    ",\n",
  );
}

/** A query: the matches (name hits and others, each capped) ranked, counted and faceted in one statement. */
async function searchWords(input: ReturnType<typeof ZSearchInput.parse>, words: string[]): Promise<TStatement> {
  const picked = filters(input);
  const similar = await similarWords(words);
  const all = tsQuery(words, similar);
  const client = db();
  // Metadata sits in memory: with random pages priced as such, the planner takes the GIN index for words a tenth of the
  // catalog holds instead of reading the table until enough match (twice as slow at 100,000 datasets).
  const [, rows] = await client.$transaction([
    client.$executeRaw`SET LOCAL random_page_cost = 1.1`,
    client.$queryRaw<TStatement[]>`
    WITH q AS (SELECT to_tsquery('simple', ${all}) AS q),
    found AS (
      (SELECT d.id, d.platform, d.layer, d.owner, d.tags, d."qualityStatus", d.name, d."searchVector"
       FROM "Dataset" d WHERE d."nameVector" @@ to_tsquery('simple', ${all}) AND d."removedAt" IS NULL LIMIT ${MATCH_CAP})
      UNION ALL
      (SELECT d.id, d.platform, d.layer, d.owner, d.tags, d."qualityStatus", d.name, d."searchVector"
       FROM "Dataset" d WHERE d."searchVector" @@ to_tsquery('simple', ${all}) AND d."removedAt" IS NULL LIMIT ${MATCH_CAP})),
    m AS MATERIALIZED (
      SELECT DISTINCT ON (f.id) f.id, f.platform, f.layer, f.owner, f.tags, f."qualityStatus",
             ts_rank(f."searchVector", q.q) AS rank, (lower(split_part(f.name, '.', -1)) = ANY(${words}::text[])) AS exact
      FROM found f CROSS JOIN q)
    SELECT
      (SELECT count(*) FROM m d WHERE ${and(Object.values(picked))}) AS total,
      (SELECT count(*) >= ${MATCH_CAP} FROM m) AS capped,
      (SELECT coalesce(array_agg(id ORDER BY k), '{}') FROM (
        SELECT d.id, row_number() OVER (ORDER BY d.exact DESC, d.rank DESC, d.id) AS k FROM m d WHERE ${and(Object.values(picked))}
        ORDER BY k LIMIT ${input.limit} OFFSET ${input.offset}) top) AS ids,
      ${facetsSql(picked, Prisma.sql`m d`)}`,
  ]);
  return rows[0]!;
}

/** Datasets the catalog lists: not those a dbt project declared and no longer has (Dataset.removedAt). */
const LISTED = Prisma.sql`(SELECT * FROM "Dataset" WHERE "removedAt" IS NULL)`;

/** No query: the whole catalog, newest first, counted exactly. */
async function browse(input: ReturnType<typeof ZSearchInput.parse>): Promise<TStatement> {
  const picked = filters(input);
  const [row] = await db().$queryRaw<TStatement[]>`
    SELECT
      (SELECT count(*) FROM ${LISTED} d WHERE ${and(Object.values(picked))}) AS total,
      false AS capped,
      (SELECT coalesce(array_agg(id), '{}') FROM (
        SELECT d.id FROM ${LISTED} d WHERE ${and(Object.values(picked))}
        ORDER BY d."lastUpdatedAt" DESC NULLS LAST, d.name LIMIT ${input.limit} OFFSET ${input.offset}) top) AS ids,
      ${facetsSql(picked, Prisma.sql`${LISTED} d`)}`;
  return row!;
}

export async function searchCatalog(raw: TSearchInput): Promise<TSearchOutput> {
  const started = performance.now();
  const input = ZSearchInput.parse(raw);
  const words = queryWords(normalizeQuery(input.q));
  const result = words.length ? await searchWords(input, words) : await browse(input);
  const [rows, matchedColumns] = await Promise.all([db().dataset.findMany({ where: { id: { in: result.ids } } }), columnsMatching(result.ids, words)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const facet = (list: TFacetRow[]) => list.map((f) => ({ value: f.value, count: f.n }));
  return {
    total: Number(result.total),
    capped: result.capped,
    items: result.ids.flatMap((id) => {
      const r = byId.get(id);
      return r ? [{ ...toSummary({ ...r, description: r.description.slice(0, 300) } as TSummaryRow), matchedColumns: matchedColumns.get(id) ?? [] }] : [];
    }),
    facets: {
      platform: facet(result.platform),
      layer: facet(result.layer),
      owner: facet(result.owner),
      quality: facet(result.quality),
      tag: facet(result.tag),
    },
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

/** The columns of the results whose names hold a word of the query, to show why a dataset matched. */
async function columnsMatching(ids: readonly string[], words: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const long = words.filter((w) => w.length >= 3);
  if (!ids.length || !long.length) return out;
  const rows = await db().$queryRaw<{ datasetId: string; name: string }[]>`
    SELECT c."datasetId", c.name FROM "DatasetColumn" c
    WHERE c."datasetId" = ANY(${ids as string[]}::uuid[]) AND c."removedAt" IS NULL AND EXISTS (SELECT 1 FROM unnest(${long as string[]}::text[]) w WHERE strpos(lower(c.name), w) > 0)
    ORDER BY c.position`;
  for (const r of rows) out.set(r.datasetId, [...(out.get(r.datasetId) ?? []), r.name].slice(0, 5));
  return out;
}
