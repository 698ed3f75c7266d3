/**
 * The ledger: `"_weir"."ledger"` in the warehouse, one row per committed
 * load, written in the same transaction as the rows it describes. It is the
 * authority on a stream's state (src/engine/sync/sync-stream.ts): the newest
 * row of a connection's stream says which run committed last and up to
 * which cursor. Rows are only ever appended. Its companion table, the
 * stream's boundary and objects, is ledger-keys.ts.
 */
import type { TLedgerEntry } from "@/connectors/types";
import { CREATE_LEDGER_KEYS_SQL } from "@/connectors/duckdb/ledger-keys";
import { ident, sqlString, sqlStringOrNull, timestamptzLiteral } from "@/connectors/duckdb/sql-text";

export const LEDGER_SCHEMA = "_weir";
export const LEDGER_TABLE = "ledger";
const LEDGER = `${ident(LEDGER_SCHEMA)}.${ident(LEDGER_TABLE)}`;

export const CREATE_LEDGER_SQL = [
  `CREATE SCHEMA IF NOT EXISTS ${ident(LEDGER_SCHEMA)}`,
  `CREATE TABLE IF NOT EXISTS ${LEDGER} (
  "connection_id" VARCHAR NOT NULL,
  "stream" VARCHAR NOT NULL,
  "run_id" VARCHAR NOT NULL,
  "attempt" INTEGER NOT NULL,
  "state_cursor" VARCHAR,
  "rows" BIGINT NOT NULL,
  "committed_at" TIMESTAMPTZ NOT NULL
)`,
  CREATE_LEDGER_KEYS_SQL,
];

export function insertLedgerSql(entry: TLedgerEntry): string {
  const values = [
    sqlString(entry.connectionId),
    sqlString(entry.stream),
    sqlString(entry.runId),
    String(Math.trunc(entry.attempt)),
    sqlStringOrNull(entry.state?.cursor ?? null),
    String(Math.trunc(entry.rows)),
    timestamptzLiteral(entry.committedAt),
  ];
  return `INSERT INTO ${LEDGER} ("connection_id", "stream", "run_id", "attempt", "state_cursor", "rows", "committed_at") VALUES (${values.join(", ")})`;
}

/** Whether the ledger table exists (a warehouse Weir never committed to has none). */
export const LEDGER_EXISTS_SQL = `SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = ${sqlString(LEDGER_SCHEMA)} AND table_name = ${sqlString(LEDGER_TABLE)}`;

/** The newest entry of a stream; rows appended later win ties of committed_at. */
export function lastEntrySql(connectionId: string, stream: string): string {
  return `SELECT "connection_id", "stream", "run_id", "attempt", "state_cursor", CAST("rows" AS DOUBLE), CAST(epoch_ms("committed_at") AS DOUBLE)
FROM ${LEDGER} WHERE "connection_id" = ${sqlString(connectionId)} AND "stream" = ${sqlString(stream)}
ORDER BY "committed_at" DESC, rowid DESC LIMIT 1`;
}

/** The entry of a row of lastEntrySql. A NULL cursor is no state. */
export function entryFromRow(row: unknown[]): TLedgerEntry {
  const [connectionId, stream, runId, attempt, cursor, rows, committedAt] = row;
  return {
    connectionId: String(connectionId),
    stream: String(stream),
    runId: String(runId),
    attempt: Number(attempt),
    state: cursor === null || cursor === undefined ? null : { cursor: String(cursor) },
    rows: Number(rows),
    committedAt: new Date(Number(committedAt)),
  };
}
