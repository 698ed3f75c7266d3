/**
 * The raw references: the same table moved by the same parts Weir uses
 * (PostgreSQL's COPY … TO STDOUT as CSV, pg-copy-streams, DuckDB's CSV
 * reader, PostgreSQL's COPY … FROM STDIN) without Weir in between: no
 * batching, no staging table, no text-to-type conversion in SQL, no ledger.
 * Each runs in this (the parent) process and is timed from the first COPY
 * byte requested to the loaded table committed (DuckDB: and checkpointed,
 * as Weir's session does on close).
 *
 * DuckDB is measured two ways, both with the typed CSV reader:
 * - file: COPY into a CSV file, then CREATE TABLE AS SELECT from it (two
 *   steps, DuckDB's parallel reader);
 * - pipe: COPY written into a named pipe that DuckDB reads while the COPY
 *   runs (one pass, overlapping, single-threaded reader).
 * The faster one is the reference Weir is compared with.
 */
import { execFileSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";

import { DuckDBInstance } from "@duckdb/node-api";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";

import { BENCH_COLUMNS, BENCH_SCHEMA, BENCH_TABLE, createBenchTableSql } from "@/bench/bench-table";
import { SESSION_SETTINGS_SQL as SOURCE_SESSION_SQL } from "@/connectors/postgres/connect";

export type TReferenceRun = { rows: number; seconds: number };

const COPY_OUT_SQL = `COPY ${BENCH_SCHEMA}.${BENCH_TABLE} TO STDOUT WITH (FORMAT csv)`;
const REFERENCE_TABLE = "reference_rows";

/** A connection set up as the Weir source sets up its own (UTC, ISO dates, read-only). */
async function sourceClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(SOURCE_SESSION_SQL);
  return client;
}

/** DuckDB's CSV reader with the columns typed, reading PostgreSQL's CSV (empty unquoted field = NULL). */
function readCsvSql(file: string): string {
  const columns = BENCH_COLUMNS.map((c) => `'${c.name}': '${c.duckdb}'`).join(", ");
  const options = [
    "header = false",
    "auto_detect = false",
    `columns = {${columns}}`,
    "delim = ','",
    "quote = '\"'",
    "escape = '\"'",
    "nullstr = ''",
    "new_line = '\\n'",
  ];
  return `SELECT * FROM read_csv('${file.replace(/'/g, "''")}', ${options.join(", ")})`;
}

/** CREATE TABLE AS from `csvFile` into a new DuckDB file; returns the rows loaded. Checkpoints and closes. */
async function duckDbLoad(databaseFile: string, csvFile: string): Promise<number> {
  const instance = await DuckDBInstance.create(databaseFile);
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    await connection.run(`CREATE TABLE ${REFERENCE_TABLE} AS ${readCsvSql(csvFile)}`);
    const rows = Number((await connection.runAndReadAll(`SELECT count(*) FROM ${REFERENCE_TABLE}`)).getRowsJson()[0]?.[0]);
    await connection.run("CHECKPOINT");
    return rows;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** COPY TO STDOUT into a CSV file, then DuckDB's CREATE TABLE AS from it. Also returns the CSV's size. */
export async function referenceDuckDbFile(sourceUrl: string, dir: string): Promise<TReferenceRun & { csvBytes: number }> {
  const csvFile = path.join(dir, "reference.csv");
  const databaseFile = path.join(dir, "reference-file.duckdb");
  const started = performance.now();
  const client = await sourceClient(sourceUrl);
  try {
    await pipeline(client.query(copyTo(COPY_OUT_SQL)), createWriteStream(csvFile));
  } finally {
    await client.end();
  }
  const rows = await duckDbLoad(databaseFile, csvFile);
  const seconds = (performance.now() - started) / 1000;
  const csvBytes = (await stat(csvFile)).size;
  await rm(csvFile, { force: true });
  return { rows, seconds, csvBytes };
}

/** COPY TO STDOUT written into a named pipe that DuckDB's CREATE TABLE AS reads at the same time. */
export async function referenceDuckDbPipe(sourceUrl: string, dir: string): Promise<TReferenceRun> {
  const fifo = path.join(dir, "reference.pipe");
  const databaseFile = path.join(dir, "reference-pipe.duckdb");
  execFileSync("mkfifo", [fifo]);
  const started = performance.now();
  const client = await sourceClient(sourceUrl);
  try {
    // DuckDB opens the pipe for reading while the write stream opens it for writing; neither open returns before the other.
    const [rows] = await Promise.all([duckDbLoad(databaseFile, fifo), pipeline(client.query(copyTo(COPY_OUT_SQL)), createWriteStream(fifo))]);
    return { rows, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
    await rm(fifo, { force: true });
  }
}

/** COPY TO STDOUT of the source piped into COPY FROM STDIN of a new table (same types) in `targetUrl`'s database. */
export async function referencePostgres(sourceUrl: string, targetUrl: string): Promise<TReferenceRun & { csvBytes: number }> {
  const target = new pg.Client({ connectionString: targetUrl });
  await target.connect();
  try {
    await target.query(`DROP TABLE IF EXISTS public.${REFERENCE_TABLE}`);
    await target.query("CHECKPOINT");
    const started = performance.now();
    const source = await sourceClient(sourceUrl);
    try {
      await target.query(createBenchTableSql(`public.${REFERENCE_TABLE}`, false));
      const sink = target.query(copyFrom(`COPY public.${REFERENCE_TABLE} FROM STDIN WITH (FORMAT csv)`));
      const out = source.query(copyTo(COPY_OUT_SQL));
      let csvBytes = 0;
      out.on("data", (chunk: Buffer) => (csvBytes += chunk.length));
      await pipeline(out, sink);
      return { rows: sink.rowCount, seconds: (performance.now() - started) / 1000, csvBytes };
    } finally {
      await source.end();
    }
  } finally {
    await target.end();
  }
}
