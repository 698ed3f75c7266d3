/**
 * `"_weir"."ledger_keys"`: what the ledger keeps per stream besides its
 * state, written in the commit's transaction like the ledger row itself.
 * - kind 'boundary': the cursor boundary, the multiset of identities of the
 *   rows committed at the state's cursor value (`cursor`; NULL while the
 *   stream has no cursor), an identity and its count per row
 *   (boundary-sql.ts);
 * - kind 'boundary-columns': one row beside them, the columns the identities
 *   were hashed over (`key`: JSON of [{name, type}] in order, `count`: how
 *   many), so a plan that gained a column still recognises them;
 * - kind 'object': the objects (files) read in full since the stream's last
 *   reset, one row each (TCommitExtras.objects), for sources that read
 *   incrementally by objects.
 * Clearing a stream's state deletes both. Pure string building.
 */
import type { TColumn, TWeirType } from "@/connectors/types";
import { ident, sqlString, sqlStringOrNull } from "@/connectors/duckdb/sql-text";

export const LEDGER_KEYS = `${ident("_weir")}.${ident("ledger_keys")}`;

export const CREATE_LEDGER_KEYS_SQL = `CREATE TABLE IF NOT EXISTS ${LEDGER_KEYS} (
  "connection_id" VARCHAR NOT NULL,
  "stream" VARCHAR NOT NULL,
  "kind" VARCHAR NOT NULL,
  "cursor" VARCHAR,
  "key" VARCHAR NOT NULL,
  "count" BIGINT NOT NULL
)`;

export type TKeyKind = "boundary" | "boundary-columns" | "object";

/** The WHERE condition selecting a stream's keys of the given kinds (or of every kind). */
export function streamKeys(connectionId: string, stream: string, ...kinds: TKeyKind[]): string {
  const of = `"connection_id" = ${sqlString(connectionId)} AND "stream" = ${sqlString(stream)}`;
  if (!kinds.length) return of;
  return kinds.length === 1 ? `${of} AND "kind" = ${sqlString(kinds[0]!)}` : `${of} AND "kind" IN (${kinds.map(sqlString).join(", ")})`;
}

/** `"cursor"` at `cursor`, NULL when null. */
const atCursor = (cursor: string | null) => (cursor === null ? `"cursor" IS NULL` : `"cursor" = ${sqlString(cursor)}`);

/** The boundary recorded at `cursor` (NULL when null) as rows ("key", "count"); none when the boundary belongs to another cursor. */
export function recordedBoundarySql(connectionId: string, stream: string, cursor: string | null): string {
  return `SELECT "key", "count" FROM ${LEDGER_KEYS} WHERE ${streamKeys(connectionId, stream, "boundary")} AND ${atCursor(cursor)}`;
}

/** A column a boundary's identities cover, as recorded. */
export type TBoundaryColumn = { name: string; type: TWeirType };

/** What the ledger holds of a stream's boundary, relative to the saved cursor (boundaryRecordSql). */
export type TBoundaryRecord = {
  /** Rows of kind 'boundary' or 'boundary-columns' at any cursor: 0 for a stream committed before boundaries existed (or reset since). */
  anyRows: number;
  /** The columns recorded at the saved cursor; null when none are (another cursor's boundary, or one from before columns were recorded). */
  columnsAt: TBoundaryColumn[] | null;
  /** Identities recorded at the saved cursor. */
  identitiesAt: number;
};

/** One row: the stream's boundary rows of every cursor, the columns recorded at `cursor` (JSON or NULL), its identities at `cursor`. */
export function boundaryRecordSql(connectionId: string, stream: string, cursor: string | null): string {
  return `SELECT count(*), max("key") FILTER (WHERE "kind" = 'boundary-columns' AND ${atCursor(cursor)}), count(*) FILTER (WHERE "kind" = 'boundary' AND ${atCursor(cursor)})
FROM ${LEDGER_KEYS} WHERE ${streamKeys(connectionId, stream, "boundary", "boundary-columns")}`;
}

export function boundaryRecordFromRow(row: unknown[] | undefined): TBoundaryRecord {
  const columns = row?.[1];
  return {
    anyRows: Number(row?.[0] ?? 0),
    columnsAt: columns === null || columns === undefined ? null : (JSON.parse(String(columns)) as TBoundaryColumn[]),
    identitiesAt: Number(row?.[2] ?? 0),
  };
}

/** INSERT of the row recording the columns the boundary at `cursor` was hashed over. */
export function insertBoundaryColumnsSql(connectionId: string, stream: string, cursor: string | null, columns: readonly TColumn[]): string {
  const recorded: TBoundaryColumn[] = columns.map((c) => ({ name: c.name, type: c.type }));
  return `INSERT INTO ${LEDGER_KEYS} ("connection_id", "stream", "kind", "cursor", "key", "count")
VALUES (${sqlString(connectionId)}, ${sqlString(stream)}, 'boundary-columns', ${sqlStringOrNull(cursor)}, ${sqlString(JSON.stringify(recorded))}, ${recorded.length})`;
}

/** Keys per INSERT: object lists can run to many thousands of files. */
const OBJECTS_PER_STATEMENT = 5000;

/** INSERTs recording objects read in full that the stream's keys do not hold yet. */
export function insertObjectsSql(connectionId: string, stream: string, objects: readonly string[]): string[] {
  const unique = [...new Set(objects)];
  const statements: string[] = [];
  for (let first = 0; first < unique.length; first += OBJECTS_PER_STATEMENT) {
    const keys = unique
      .slice(first, first + OBJECTS_PER_STATEMENT)
      .map(sqlString)
      .join(", ");
    statements.push(`INSERT INTO ${LEDGER_KEYS} ("connection_id", "stream", "kind", "cursor", "key", "count")
SELECT ${sqlString(connectionId)}, ${sqlString(stream)}, 'object', NULL, k, 1 FROM unnest([${keys}]) AS o(k)
WHERE k NOT IN (SELECT "key" FROM ${LEDGER_KEYS} WHERE ${streamKeys(connectionId, stream, "object")})`);
  }
  return statements;
}

export function seenObjectsSql(connectionId: string, stream: string): string {
  return `SELECT "key" FROM ${LEDGER_KEYS} WHERE ${streamKeys(connectionId, stream, "object")} ORDER BY "key"`;
}

/** Forgets a stream's boundary and objects (a reset). */
export function forgetStreamKeysSql(connectionId: string, stream: string): string {
  return `DELETE FROM ${LEDGER_KEYS} WHERE ${streamKeys(connectionId, stream)}`;
}
