/**
 * The catalog benchmark's datasets, seeded set-based inside PostgreSQL:
 * N datasets (default 100,000) named <db>.<schema>.<table> across postgres,
 * snowflake, duckdb, s3 and kafka namespaces, with owners, tags and
 * descriptions from catalog-vocabulary.ts, and 5–20 columns each (about
 * 1.25 M DatasetColumn rows). The datasets are generated into a temporary
 * table by generate_series and deterministic hashes (no random(): every
 * run seeds the same catalog), then each table is filled by one INSERT …
 * SELECT with its indexes rebuilt afterwards. Dataset.searchText is
 * computed in the same INSERT by the expression of refreshSearchText
 * (src/engine/lineage/search-text.ts); verifySearchText
 * (catalog-diagnose.ts) checks a sample against the real function.
 */
import type pg from "pg";

import {
  COLUMNS,
  DOMAINS,
  ENTITIES,
  EXTRA_TAGS,
  FINANCE_DOMAINS,
  FREQUENCIES,
  NAME_COMBINATIONS,
  OWNERS,
  PHRASES,
  RARE_SENTENCES,
  SCHEMAS,
  SOURCES,
  SUFFIXES,
} from "@/bench/catalog-vocabulary";

/** Steps through the column list so that a dataset's 5–20 columns are distinct (coprime with its length). */
const COLUMN_STEP = 7;
/** Makes the name digits a permutation of 0…N-1 (coprime with 10^k). */
const NAME_SCRAMBLE = 7919;

/**
 * A UUID derived from text: md5 with the version (4) and variant bits set,
 * so ids pass the uuid checks of Weir's contracts. Not gen_random_uuid():
 * a strong random number per row costs seconds per million rows here.
 */
export const uuidOf = (text: string) => `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;

/** A deterministic pseudo-random integer in [0, mod) for row i and a salt (0–15). */
const h = (i: string, salt: number, mod: number) => `(abs(hashint4(${i} * 16 + ${salt})) % ${mod})`;

function datasetsSql(count: number): string {
  const rare = RARE_SENTENCES.map((r) => `CASE WHEN i % ${r.every} = ${r.every - 1} THEN ' ${r.text}' ELSE '' END`).join(" || ");
  const extraTags = EXTRA_TAGS.map((t, k) => `CASE WHEN (${h("i", 11, 1000)} + ${k * 137}) % 1000 < ${t.perMille} THEN '${t.tag}' END`).join(", ");
  return `
CREATE TEMP TABLE bench_ds ON COMMIT PRESERVE ROWS AS
WITH s AS (
  SELECT i, (i::bigint * ${NAME_SCRAMBLE}) % ${count} AS c, ${h("i", 1, 100)} AS p FROM generate_series(0, ${count - 1}) AS i
), n AS (
  SELECT i, p,
    ($1::text[])[1 + c % ${DOMAINS.length}] AS domain,
    ($2::text[])[1 + (c / ${DOMAINS.length}) % ${SCHEMAS.length}] AS schema,
    ($3::text[])[1 + (c / ${DOMAINS.length * SCHEMAS.length}) % ${ENTITIES.length}] AS entity,
    ($4::text[])[1 + (c / ${DOMAINS.length * SCHEMAS.length * ENTITIES.length}) % ${SUFFIXES.length}] AS suffix,
    c / ${NAME_COMBINATIONS} AS instance,
    CASE WHEN p < 35 THEN 'postgres' WHEN p < 60 THEN 'snowflake' WHEN p < 80 THEN 'duckdb' WHEN p < 92 THEN 's3' ELSE 'kafka' END AS platform
  FROM s
)
SELECT i, ${uuidOf(`'weir-bench-dataset:' || i`)} AS id,
  CASE platform
    WHEN 'postgres' THEN 'postgres://pg-' || instance || '.acme.internal:5432'
    WHEN 'snowflake' THEN 'snowflake://acme-' || instance || '.eu-west-1'
    WHEN 'duckdb' THEN 'duckdb:///srv/weir/warehouse-' || instance || '.duckdb'
    WHEN 's3' THEN 's3://acme-lake-' || instance
    ELSE 'kafka://broker-' || instance || '.acme.internal:9092' END AS namespace,
  domain || '.' || schema || '.' || entity || suffix AS name,
  platform,
  CASE platform WHEN 'postgres' THEN 'source_stream' WHEN 'duckdb' THEN (CASE WHEN i % 2 = 0 THEN 'model' ELSE 'table' END) WHEN 'snowflake' THEN 'table' ELSE 'external' END AS kind,
  (CASE WHEN platform IN ('duckdb', 'snowflake') THEN
    CASE schema WHEN 'raw' THEN 'bronze' WHEN 'staging' THEN 'silver' WHEN 'analytics' THEN 'gold' ELSE (ARRAY['bronze', 'silver', 'gold'])[1 + i % 3] END
  END)::"ModelLayer" AS layer,
  CASE WHEN ${h("i", 2, 10)} = 0 THEN '' ELSE
    initcap(replace(entity, '_', ' ')) || ' ' || ($5::text[])[1 + ${h("i", 3, PHRASES.length)}] || '. Loaded ' || ($6::text[])[1 + ${h("i", 4, FREQUENCIES.length)}]
    || ' from ' || ($7::text[])[1 + ${h("i", 5, SOURCES.length)}] || '.' || ${rare} END AS description,
  CASE WHEN ${h("i", 6, 100)} < 5 THEN NULL ELSE ($8::text[])[1 + ${h("i", 7, OWNERS.length)}] END AS owner,
  array_remove(ARRAY[domain, CASE WHEN domain = ANY($9::text[]) AND domain <> 'finance' THEN 'finance' END, ${extraTags}], NULL) AS tags,
  ${h("i", 8, 50_000_000)}::bigint AS row_count,
  CASE WHEN ${h("i", 9, 100)} < 60 THEN NULL WHEN ${h("i", 9, 100)} < 90 THEN 'passed' WHEN ${h("i", 9, 100)} < 96 THEN 'warn' ELSE 'failed' END AS quality,
  CASE WHEN ${h("i", 10, 100)} < 70 THEN NULL WHEN ${h("i", 10, 100)} < 95 THEN 'fresh' ELSE 'stale' END AS freshness,
  now() - ${h("i", 12, 1_000_000)} * interval '10 seconds' AS last_updated,
  5 + ${h("i", 13, 16)} AS column_count,
  ${h("i", 14, COLUMNS.length)} AS first_column
FROM n`;
}

/**
 * A dataset's column j (0-based) is COLUMNS[(first_column + j * COLUMN_STEP) % length]:
 * the same formula in the INSERT of the columns and in their search text.
 */
const columnIndex = (j: string) => `1 + (d.first_column + ${j} * ${COLUMN_STEP}) % ${COLUMNS.length}`;

/** A column's tags: "pii" for personal data, "key" for *_id columns. */
function columnTags(c: (typeof COLUMNS)[number]): string[] {
  return c.pii ? ["pii"] : c.name.endsWith("_id") ? ["key"] : [];
}

/**
 * One INSERT of all datasets with their search text: the expression of
 * refreshSearchText, with its subquery over "DatasetColumn" replaced by the
 * same text built from the column formula ($1: each column's
 * `name || ' ' || replace(name, '_', ' ') || ' ' || description || ' ' ||
 * array_to_string(tags, ' ')`, computed by PostgreSQL). Datasets with a
 * personal-data column get the "pii" tag when their hash says a person
 * tagged them.
 */
const INSERT_DATASETS_SQL = `
WITH col AS (
  SELECT array_agg(name || ' ' || replace(name, '_', ' ') || ' ' || description || ' ' || array_to_string(tags, ' ') ORDER BY k) AS text,
         array_agg(pii ORDER BY k) AS pii
  FROM unnest($1::text[], $2::text[], $3::boolean[], $4::text[]) WITH ORDINALITY AS c(name, description, pii, tags_text, k)
  CROSS JOIN LATERAL (SELECT CASE WHEN tags_text = '' THEN ARRAY[]::text[] ELSE string_to_array(tags_text, ',') END AS tags) t
)
INSERT INTO "Dataset" (id, namespace, name, platform, kind, layer, description, owner, tags, "rowCount", "sizeBytes", "lastUpdatedAt",
  "qualityStatus", "freshnessStatus", "searchText", "createdAt", "updatedAt")
SELECT d.id, d.namespace, d.name, d.platform, d.kind, d.layer, d.description, d.owner, t.tags, d.row_count, d.row_count * 140, d.last_updated,
  d.quality, d.freshness,
  left(concat_ws(' ', d.name, replace(replace(d.name, '.', ' '), '_', ' '), d.description, d.owner, array_to_string(t.tags, ' '), c.text), 20000),
  now(), now()
FROM bench_ds d CROSS JOIN col
CROSS JOIN LATERAL (
  SELECT string_agg(col.text[${columnIndex("j")}], ' ' ORDER BY j) AS text, bool_or(col.pii[${columnIndex("j")}]) AS has_pii
  FROM generate_series(0, d.column_count - 1) AS j
) c
CROSS JOIN LATERAL (SELECT CASE WHEN c.has_pii AND abs(hashint4(d.i * 16 + 15)) % 10 < 6 THEN d.tags || 'pii'::text ELSE d.tags END AS tags) t`;

/** Every dataset's columns. */
const INSERT_COLUMNS_SQL = `
INSERT INTO "DatasetColumn" (id, "datasetId", name, type, position, description, pii, tags)
SELECT ${uuidOf(`d.id::text || ':' || j`)}, d.id, ($1::text[])[${columnIndex("j")}], ($2::text[])[${columnIndex("j")}], j, ($3::text[])[${columnIndex("j")}],
  ($4::boolean[])[${columnIndex("j")}], CASE ($5::text[])[${columnIndex("j")}] WHEN '' THEN ARRAY[]::text[] ELSE string_to_array(($5::text[])[${columnIndex("j")}], ',') END
FROM bench_ds d CROSS JOIN LATERAL generate_series(0, d.column_count - 1) AS j`;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

export type TSeedTimings = Record<string, number>;

async function timedStep(timings: TSeedTimings, name: string, work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await work();
  timings[name] = (performance.now() - started) / 1000;
}

type TIndex = { name: string; definition: string; constraint: "p" | "u" | null };

/** The indexes of `table` as the migrations created them, except those a foreign key of another table depends on. */
async function droppableIndexes(client: pg.Client, table: string): Promise<TIndex[]> {
  const { rows } = await client.query<TIndex>(
    `SELECT i.indexname AS name, i.indexdef AS definition, c.contype AS "constraint"
     FROM pg_indexes i
     LEFT JOIN pg_constraint c ON c.conindid = to_regclass(quote_ident(i.indexname)) AND c.contype IN ('p', 'u')
     WHERE i.schemaname = current_schema() AND i.tablename = $1
       AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = to_regclass(quote_ident(i.indexname)))`,
    [table],
  );
  return rows;
}

/**
 * Runs `load` on `table` without its indexes and rebuilds them afterwards
 * from their own definitions, all in one transaction: building an index
 * from sorted data is several times faster than inserting a million rows
 * into it (PostgreSQL builds each with parallel workers), and other
 * sessions (Weir's worker) wait for the commit instead of seeing a table
 * without its unique indexes; an interrupted seed rolls back to the
 * indexed, empty table. Indexes a foreign key depends on stay.
 */
async function withoutIndexes(client: pg.Client, table: string, timings: TSeedTimings, load: () => Promise<unknown>): Promise<void> {
  await client.query("BEGIN");
  try {
    const indexes = await droppableIndexes(client, table);
    for (const index of indexes) {
      const name = client.escapeIdentifier(index.name);
      await client.query(index.constraint ? `ALTER TABLE ${client.escapeIdentifier(table)} DROP CONSTRAINT ${name}` : `DROP INDEX ${name}`);
    }
    await timedStep(timings, `${table} rows`, load);
    await timedStep(timings, `${table} indexes`, async () => {
      await client.query("SET LOCAL maintenance_work_mem = '512MB'");
      for (const index of [...indexes].sort((a, b) => weight(b) - weight(a))) {
        await client.query(index.definition);
        if (index.constraint) {
          const kind = index.constraint === "p" ? "PRIMARY KEY" : "UNIQUE";
          const name = client.escapeIdentifier(index.name);
          await client.query(`ALTER TABLE ${client.escapeIdentifier(table)} ADD CONSTRAINT ${name} ${kind} USING INDEX ${name}`);
        }
      }
    });
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  }
}

/** Slowest builds first: trigram, then full-text, then the rest. */
const weight = (index: TIndex) => (index.definition.includes("gin_trgm_ops") ? 2 : index.definition.includes("to_tsvector") ? 1 : 0);

/**
 * Seeds `count` datasets with columns in the database of `client`, then
 * ANALYZEs. Keeps the temporary table bench_ds (i → dataset id, 0-based)
 * for the lineage seed on the same connection.
 */
export async function seedCatalog(client: pg.Client, count: number): Promise<TSeedTimings> {
  if (gcd(NAME_SCRAMBLE, count) !== 1) throw new Error(`The dataset count must not be a multiple of ${NAME_SCRAMBLE} (names would repeat).`);
  if (gcd(COLUMN_STEP, COLUMNS.length) !== 1) throw new Error("COLUMN_STEP must be coprime with the number of column names.");
  const timings: TSeedTimings = {};
  const names = COLUMNS.map((c) => c.name);
  const descriptions = COLUMNS.map((c) => c.description);
  const pii = COLUMNS.map((c) => !!c.pii);
  const tags = COLUMNS.map((c) => columnTags(c).join(","));
  await client.query("SET synchronous_commit = off");
  await client.query("SET work_mem = '64MB'");
  await timedStep(timings, "generate", async () => {
    await client.query(datasetsSql(count), [DOMAINS, SCHEMAS, ENTITIES, SUFFIXES, PHRASES, FREQUENCIES, SOURCES, OWNERS, FINANCE_DOMAINS]);
    await client.query("ANALYZE bench_ds");
  });
  await withoutIndexes(client, "Dataset", timings, () => client.query(INSERT_DATASETS_SQL, [names, descriptions, pii, tags]));
  await withoutIndexes(client, "DatasetColumn", timings, async () => {
    // The foreign key holds by construction; skipping its per-row trigger saves a lookup per column.
    await client.query("SET LOCAL session_replication_role = replica");
    await client.query(INSERT_COLUMNS_SQL, [names, COLUMNS.map((c) => c.type), descriptions, pii, tags]);
  });
  // The word list typo tolerance searches (src/engine/lineage/search-text.ts fills it per dataset; here once for all).
  await timedStep(timings, "catalog words", () =>
    client.query(`INSERT INTO "CatalogWord" (word) SELECT word FROM ts_stat('SELECT "searchVector" FROM "Dataset"') ON CONFLICT DO NOTHING`),
  );
  await timedStep(timings, "analyze", () => client.query(`ANALYZE "Dataset"; ANALYZE "DatasetColumn"; ANALYZE "CatalogWord"`));
  return timings;
}
