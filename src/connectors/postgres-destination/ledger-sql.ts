/**
 * Weir's bookkeeping in the `_weir` schema, written in the same transaction
 * as the rows it describes: the ledger (one row per commit, with the
 * stream's state), the cursor boundary (per stream, the identities of the
 * rows committed at the saved cursor value and how many times each, and in
 * `boundary_streams` the cursor they are at, NULL for the NULL cursor, and
 * the columns they were hashed over; see boundary-sql.ts) and the objects
 * (files) each stream has read in full. Pure: SQL text and parameter notes.
 */
import {
  BOUNDARY,
  BOUNDARY_STREAMS,
  BOUNDARY_STREAMS_TABLE,
  BOUNDARY_TABLE,
  LEDGER,
  LEDGER_SCHEMA,
  LEDGER_TABLE,
  OBJECTS,
  OBJECTS_TABLE,
  quoteIdent,
} from "@/connectors/postgres-destination/identifiers";

/** The statements creating each bookkeeping table with its index, by table name. */
export const BOOKKEEPING_TABLES: Record<string, string[]> = {
  [LEDGER_TABLE]: [
    `CREATE TABLE IF NOT EXISTS ${LEDGER} (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      connection_id text NOT NULL,
      stream text NOT NULL,
      run_id text NOT NULL,
      attempt integer NOT NULL,
      state_cursor text,
      rows bigint NOT NULL,
      committed_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`,
    `CREATE INDEX IF NOT EXISTS ledger_connection_stream_idx ON ${LEDGER} (connection_id, stream, id DESC)`,
  ],
  [BOUNDARY_TABLE]: [
    `CREATE TABLE IF NOT EXISTS ${BOUNDARY} (
      connection_id text NOT NULL,
      stream text NOT NULL,
      cursor text NOT NULL,
      identity bytea NOT NULL,
      copies integer NOT NULL,
      PRIMARY KEY (connection_id, stream, identity)
    )`,
  ],
  // One row per stream with a boundary: `cursor` NULL is the NULL cursor; `columns` [{name, type, sourceType?}] in plan order.
  [BOUNDARY_STREAMS_TABLE]: [
    `CREATE TABLE IF NOT EXISTS ${BOUNDARY_STREAMS} (
      connection_id text NOT NULL,
      stream text NOT NULL,
      cursor text,
      columns jsonb NOT NULL,
      PRIMARY KEY (connection_id, stream)
    )`,
  ],
  [OBJECTS_TABLE]: [
    `CREATE TABLE IF NOT EXISTS ${OBJECTS} (
      connection_id text NOT NULL,
      stream text NOT NULL,
      object_key text NOT NULL,
      PRIMARY KEY (connection_id, stream, object_key)
    )`,
  ],
};

/** The privileges Weir's role needs on each bookkeeping table someone else created (check.ts probes them). */
export const BOOKKEEPING_PRIVILEGES: Record<string, string> = {
  [LEDGER_TABLE]: "SELECT, INSERT",
  [BOUNDARY_TABLE]: "SELECT, INSERT, UPDATE, DELETE",
  [BOUNDARY_STREAMS_TABLE]: "SELECT, INSERT, UPDATE, DELETE",
  [OBJECTS_TABLE]: "SELECT, INSERT, DELETE",
};

/** Every bookkeeping table's name. */
export const BOOKKEEPING_TABLE_NAMES = Object.keys(BOOKKEEPING_TABLES);

/** The statements creating the bookkeeping tables not in `existing` (and `_weir` when `schemaExists` is false). */
export function bookkeepingDdl(existing: ReadonlySet<string>, schemaExists: boolean): string[] {
  const missing = BOOKKEEPING_TABLE_NAMES.filter((t) => !existing.has(t));
  if (missing.length === 0) return [];
  return [...(schemaExists ? [] : [`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(LEDGER_SCHEMA)}`]), ...missing.flatMap((t) => BOOKKEEPING_TABLES[t]!)];
}

/** Parameters: $1 connection id, $2 stream, $3 run id, $4 attempt, $5 state cursor, $6 rows. */
export const INSERT_LEDGER_SQL = `INSERT INTO ${LEDGER} (connection_id, stream, run_id, attempt, state_cursor, rows) VALUES ($1, $2, $3, $4, $5, $6) RETURNING committed_at`;

/** The newest ledger row of a stream. Parameters: $1 connection id, $2 stream. */
export const LAST_LEDGER_SQL = `SELECT connection_id, stream, run_id, attempt, state_cursor, rows::text AS rows, committed_at FROM ${LEDGER}
  WHERE connection_id = $1 AND stream = $2 ORDER BY id DESC LIMIT 1`;

/** Records objects read in full (already known ones stay). Parameters: $1 connection id, $2 stream, $3 the object keys. */
export const INSERT_OBJECTS_SQL = `INSERT INTO ${OBJECTS} (connection_id, stream, object_key) SELECT $1, $2, k FROM unnest($3::text[]) AS k ON CONFLICT DO NOTHING`;

/** The objects a stream has read. Parameters: $1 connection id, $2 stream. */
export const SEEN_OBJECTS_SQL = `SELECT object_key FROM ${OBJECTS} WHERE connection_id = $1 AND stream = $2`;

/** What a reset forgets besides the state. Parameters: $1 connection id, $2 stream. */
export const FORGET_STREAM_SQL = [
  `DELETE FROM ${BOUNDARY} WHERE connection_id = $1 AND stream = $2`,
  `DELETE FROM ${BOUNDARY_STREAMS} WHERE connection_id = $1 AND stream = $2`,
  `DELETE FROM ${OBJECTS} WHERE connection_id = $1 AND stream = $2`,
];
