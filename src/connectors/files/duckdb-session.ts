/**
 * A short-lived in-memory DuckDB used as the files source's parser: one per
 * check, discover or read call, in UTC, with the wire macros, a private temp
 * folder (for spills and for the CSV it writes), and `signal` wired to
 * interrupt the running query.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { type DuckDBConnection, DuckDBInstance, type DuckDBType } from "@duckdb/node-api";

import { WIRE_MACROS } from "@/connectors/files/wire-sql";

/**
 * DuckDB's default is 80% of RAM per instance. Writing rows in file order
 * makes its CSV writer buffer out-of-order chunks (RSS grew with the file,
 * ~450 MB at 5M rows); the limit bounds that, spilling to tempDir instead.
 */
const MEMORY_LIMIT = "256MB";

export type TDuckColumn = { name: string; type: DuckDBType };

export type TDuckSession = {
  /** The caller's signal; an aborted call rethrows its reason rather than DuckDB's "Interrupted". */
  signal: AbortSignal;
  /** A folder of this session's own, removed by close(). */
  tempDir: string;
  run(sql: string): Promise<void>;
  /** Rows of a small query, values as JSON-safe text/numbers. */
  rows(sql: string): Promise<unknown[][]>;
  /** The result columns of a query, bound (files sniffed, footers read) but not run. */
  columns(sql: string): Promise<TDuckColumn[]>;
  close(): Promise<void>;
};

export async function openDuckSession(signal: AbortSignal): Promise<TDuckSession> {
  signal.throwIfAborted();
  const tempDir = await mkdtemp(path.join(os.tmpdir(), "weir-files-"));
  let instance: DuckDBInstance | undefined;
  let connection: DuckDBConnection | undefined;
  const interrupt = () => connection?.interrupt();
  try {
    instance = await DuckDBInstance.create(":memory:", { memory_limit: MEMORY_LIMIT, temp_directory: path.join(tempDir, "spill") });
    connection = await instance.connect();
    // Only once ICU is loaded (with the first connection) can the zone be set.
    await connection.run("SET TimeZone = 'UTC'");
    for (const sql of WIRE_MACROS) await connection.run(sql);
  } catch (e) {
    connection?.closeSync();
    instance?.closeSync();
    await rm(tempDir, { recursive: true, force: true });
    throw e;
  }
  signal.addEventListener("abort", interrupt, { once: true });
  const conn = connection;
  const db = instance;

  /** An interrupted query rejects with DuckDB's "Interrupted"; the caller wants the abort reason. */
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    signal.throwIfAborted();
    try {
      return await work();
    } catch (e) {
      signal.throwIfAborted();
      throw e;
    }
  };

  return {
    signal,
    tempDir,
    run: (sql) => guard(async () => void (await conn.run(sql))),
    rows: (sql) => guard(async () => (await conn.runAndReadAll(sql)).getRowsJson() as unknown[][]),
    columns: (sql) =>
      guard(async () => {
        const statement = await conn.prepare(sql);
        const out: TDuckColumn[] = [];
        for (let i = 0; i < statement.columnCount; i++) out.push({ name: statement.columnName(i), type: statement.columnType(i) });
        return out;
      }),
    async close() {
      signal.removeEventListener("abort", interrupt);
      conn.closeSync();
      db.closeSync();
      await rm(tempDir, { recursive: true, force: true });
    },
  };
}

/**
 * DuckDB's error text without the parts meant for its shell (the echoed
 * "LINE 1: …", the sniffer's search space, the list of possible fixes, the
 * dump of reader options):
 * the first paragraph, which says what failed and where, plus the
 * "file = …" line CSV errors put further down.
 */
export function duckDbMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const first = (text.split(/\n\s*\n|\nLINE \d+:|\nThe search space used was|\nPossible fixes/)[0] ?? text)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 4);
  const file = /^\s*file = (.+)$/m.exec(text)?.[1];
  if (file && !first.some((l) => l.includes(file))) first.push(`(file ${file.trim()})`);
  return first.join(" ");
}
