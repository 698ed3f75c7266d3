/**
 * The canary scan's searches: every form a canary could be written in
 * (as is, encoded, escaped, base64, inside Basic credentials, its random
 * stem alone for a cut-off copy), looked for in texts (tRPC answers, log
 * lines) and in every row of every table of the metadata database,
 * graphile-worker's queue included, read through information_schema.
 */
import pg from "pg";
import { secretForms } from "@/lib/secret-scrub";
import type { TCanaries } from "@/server/testing/canary/canary-scene";

export type THit = { where: string; field: string; form: string; excerpt: string };
type TNeedle = { field: string; form: string };

/** What to look for: every form of every canary, Basic credentials of the given users, and each canary's random stem. */
export function needlesOf(canaries: TCanaries, basicUsers: string[]): TNeedle[] {
  const needles: TNeedle[] = [];
  for (const [field, value] of canaries) {
    for (const form of secretForms(value)) needles.push({ field, form });
    for (const user of basicUsers) needles.push({ field, form: Buffer.from(`${user}:${value}`).toString("base64").replace(/=+$/, "") });
    needles.push({ field, form: value.slice(4, 16) });
  }
  return needles;
}

export function searchText(where: string, text: string, needles: TNeedle[]): THit[] {
  const hits: THit[] = [];
  for (const { field, form } of needles) {
    const at = text.indexOf(form);
    if (at >= 0) hits.push({ where, field, form, excerpt: text.slice(Math.max(0, at - 120), at + form.length + 40) });
  }
  return hits;
}

export type TDatabaseScan = { tables: number; rows: number; textColumns: number; queueJobs: number; hits: THit[] };

/** Every row of every base table (all schemas but PostgreSQL's own), as JSON text. */
export async function scanDatabase(url: string, needles: TNeedle[]): Promise<TDatabaseScan> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (
      await client.query<{ schema: string; name: string }>(
        `select table_schema as schema, table_name as name from information_schema.tables
          where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`,
      )
    ).rows;
    const textColumns = (
      await client.query<{ n: number }>(
        `select count(*)::int as n from information_schema.columns
          where table_schema not in ('pg_catalog', 'information_schema') and data_type in ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'character', 'bytea')`,
      )
    ).rows[0]!.n;
    const scan: TDatabaseScan = { tables: tables.length, rows: 0, textColumns, queueJobs: 0, hits: [] };
    for (const t of tables) {
      const ident = `"${t.schema.replaceAll('"', '""')}"."${t.name.replaceAll('"', '""')}"`;
      const rows = (await client.query<{ r: string }>(`select row_to_json(t)::text as r from ${ident} t`)).rows;
      scan.rows += rows.length;
      if (t.schema === "graphile_worker" && t.name === "_private_jobs") scan.queueJobs = rows.length;
      for (const { r } of rows) scan.hits.push(...searchText(`table ${t.schema}.${t.name}`, r, needles));
    }
    return scan;
  } finally {
    await client.end();
  }
}
