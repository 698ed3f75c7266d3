/**
 * Catalog search: ranked, typo-tolerant, with facets. A dataset matches when
 * PostgreSQL full-text search finds the words in its search text (names,
 * descriptions, columns, tags) or when the query is trigram-similar to a
 * word of it (pg_trgm's word similarity, so "ordrs" finds orders). Rank:
 * an exact name first, then full-text rank plus similarity. Both conditions
 * are served by GIN indexes (see the catalog_and_lineage migration). The
 * query is always a bound parameter: any text is safe.
 */
import { db } from "@/db/client";
import { Prisma } from "@/generated/prisma/client";
import { type TSearchInput, type TSearchOutput, ZSearchInput } from "@/server/catalog/catalog-contracts";
import { type TSummaryRow, toSummary } from "@/server/catalog/dataset-summary";

/** Longer queries are cut: nobody types more, and trigram work grows with length. */
const MAX_QUERY = 200;
/** How close a query must be to a word of a dataset's text to match it. */
const WORD_SIMILARITY = 0.45;


/** Words for matching: letters and digits only, so quotes, operators and SQL in a query are just text. */
export function normalizeQuery(q: string): string {
  return q.slice(0, MAX_QUERY).replace(/[^\p{L}\p{N}_.\s-]+/gu, " ").replace(/\s+/g, " ").trim().toLowerCase();
}

type TGroup = "platform" | "layer" | "owner" | "tag" | "quality";

/** The condition of each facet group that has values picked. */
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
const othersThan = (f: Partial<Record<TGroup, Prisma.Sql>>, group: TGroup) => and(Object.entries(f).filter(([g]) => g !== group).map(([, sql]) => sql!));

export async function searchCatalog(raw: TSearchInput): Promise<TSearchOutput> {
  const started = performance.now();
  const input = ZSearchInput.parse(raw);
  const q = normalizeQuery(input.q);
  const picked = filters(input);
  // The words joined with OR for full-text: any matching word counts, more matching words rank higher.
  const tsQuery = q.split(" ").filter(Boolean).map((w) => w.replace(/[.-]/g, " ").trim()).filter(Boolean).join(" or ");
  const match = q ? Prisma.sql`(to_tsvector('simple', d."searchText") @@ websearch_to_tsquery('simple', ${tsQuery}) OR ${q} <% d."searchText")` : Prisma.sql`true`;
  const whereSql = Prisma.sql`WHERE ${match} AND ${and(Object.values(picked))}`;
  const order = q
    ? Prisma.sql`ORDER BY (lower(split_part(d.name, '.', -1)) = ${q.split(" ")[0]}) DESC,
        ts_rank(to_tsvector('simple', d."searchText"), websearch_to_tsquery('simple', ${tsQuery})) * 2
        + word_similarity(${q}, d.name) * 2 + word_similarity(${q}, d."searchText") DESC, d.name`
    : Prisma.sql`ORDER BY d."lastUpdatedAt" DESC NULLS LAST, d.name`;

  const client = db();
  // One transaction on one connection so the typo tolerance below holds for its queries only.
  const [, rows, facetRows, tagRows] = await client.$transaction([
    // pg_trgm's default (0.6) misses one-letter typos in short words ("ordrs" is 0.5 like "orders").
    client.$queryRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY)}, true)`,
    client.$queryRaw<(TSummaryRow & { total: bigint })[]>`
      SELECT d.id, d.namespace, d.name, d.platform, d.kind, d.layer, d.owner, left(d.description, 300) AS description, d.tags,
             d."qualityStatus", d."freshnessStatus", d."rowCount", d."lastUpdatedAt", count(*) OVER () AS total
      FROM "Dataset" d ${whereSql} ${order} LIMIT ${input.limit} OFFSET ${input.offset}`,
    client.$queryRaw<{ platform: string | null; layer: string | null; owner: string | null; quality: string | null; g: number; platform_n: bigint; layer_n: bigint; owner_n: bigint; quality_n: bigint }[]>`
      SELECT d.platform, d.layer::text AS layer, d.owner, coalesce(d."qualityStatus", 'none') AS quality,
             GROUPING(d.platform, d.layer, d.owner, coalesce(d."qualityStatus", 'none')) AS g,
             count(*) FILTER (WHERE ${othersThan(picked, "platform")}) AS platform_n,
             count(*) FILTER (WHERE ${othersThan(picked, "layer")}) AS layer_n,
             count(*) FILTER (WHERE ${othersThan(picked, "owner")}) AS owner_n,
             count(*) FILTER (WHERE ${othersThan(picked, "quality")}) AS quality_n
      FROM "Dataset" d WHERE ${match}
      GROUP BY GROUPING SETS ((d.platform), (d.layer), (d.owner), (coalesce(d."qualityStatus", 'none')))`,
    client.$queryRaw<{ tag: string; n: bigint }[]>`
      SELECT t.tag, count(*) AS n FROM "Dataset" d CROSS JOIN LATERAL unnest(d.tags) AS t(tag) WHERE ${match} AND ${othersThan(picked, "tag")}
      GROUP BY t.tag ORDER BY count(*) DESC, t.tag LIMIT 30`,
  ]);

  const facet = (group: Exclude<TGroup, "tag">, mask: number) =>
    facetRows
      .filter((r) => r.g === mask && r[group] !== null && Number(r[`${group}_n`]) > 0)
      .map((r) => ({ value: r[group]!, count: Number(r[`${group}_n`]) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, 30);
  const matchedColumns = await columnsMatching(rows.map((r) => r.id), q);
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({ ...toSummary(r), matchedColumns: matchedColumns.get(r.id) ?? [] })),
    // GROUPING's bit mask: 1 marks a column not grouped in that set (platform is the highest bit).
    facets: {
      platform: facet("platform", 0b0111),
      layer: facet("layer", 0b1011),
      owner: facet("owner", 0b1101),
      quality: facet("quality", 0b1110),
      tag: tagRows.map((r) => ({ value: r.tag, count: Number(r.n) })),
    },
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

/** The columns of the results whose names match a word of the query, to show why a dataset matched. */
async function columnsMatching(ids: readonly string[], q: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const words = q.split(" ").filter((w) => w.length >= 3);
  if (!ids.length || !words.length) return out;
  const rows = await db().$queryRaw<{ datasetId: string; name: string }[]>`
    SELECT c."datasetId", c.name FROM "DatasetColumn" c
    WHERE c."datasetId" = ANY(${ids as string[]}::uuid[]) AND EXISTS (SELECT 1 FROM unnest(${words}::text[]) w WHERE c.name ILIKE '%' || replace(replace(w, '_', '\\_'), '%', '\\%') || '%')
    ORDER BY c.position`;
  for (const r of rows) out.set(r.datasetId, [...(out.get(r.datasetId) ?? []), r.name].slice(0, 5));
  return out;
}

