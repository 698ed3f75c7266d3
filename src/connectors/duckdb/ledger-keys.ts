/**
 * `"_weir"."ledger_keys"`: what the ledger keeps per stream besides its
 * state, written in the commit's transaction like the ledger row itself.
 * - kind 'boundary': the cursor boundary, the multiset of identities of the
 *   rows committed at the state's cursor value (`cursor`), an identity and
 *   its count per row (boundary-sql.ts);
 * - kind 'object': the objects (files) read in full since the stream's last
 *   reset, one row each (TCommitExtras.objects), for sources that read
 *   incrementally by objects.
 * Clearing a stream's state deletes both. Pure string building.
 */
import { ident, sqlString } from "@/connectors/duckdb/sql-text";

export const LEDGER_KEYS = `${ident("_weir")}.${ident("ledger_keys")}`;

export const CREATE_LEDGER_KEYS_SQL = `CREATE TABLE IF NOT EXISTS ${LEDGER_KEYS} (
  "connection_id" VARCHAR NOT NULL,
  "stream" VARCHAR NOT NULL,
  "kind" VARCHAR NOT NULL,
  "cursor" VARCHAR,
  "key" VARCHAR NOT NULL,
  "count" BIGINT NOT NULL
)`;

export type TKeyKind = "boundary" | "object";

/** The WHERE condition selecting a stream's keys of one kind (or of every kind). */
export function streamKeys(connectionId: string, stream: string, kind?: TKeyKind): string {
  const of = `"connection_id" = ${sqlString(connectionId)} AND "stream" = ${sqlString(stream)}`;
  return kind ? `${of} AND "kind" = ${sqlString(kind)}` : of;
}

/** The boundary recorded at `cursor` as rows ("key", "count"); none when the boundary belongs to another cursor. */
export function recordedBoundarySql(connectionId: string, stream: string, cursor: string): string {
  return `SELECT "key", "count" FROM ${LEDGER_KEYS} WHERE ${streamKeys(connectionId, stream, "boundary")} AND "cursor" = ${sqlString(cursor)}`;
}

/** Keys per INSERT: object lists can run to many thousands of files. */
const OBJECTS_PER_STATEMENT = 5000;

/** INSERTs recording objects read in full that the stream's keys do not hold yet. */
export function insertObjectsSql(connectionId: string, stream: string, objects: readonly string[]): string[] {
  const unique = [...new Set(objects)];
  const statements: string[] = [];
  for (let first = 0; first < unique.length; first += OBJECTS_PER_STATEMENT) {
    const keys = unique.slice(first, first + OBJECTS_PER_STATEMENT).map(sqlString).join(", ");
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
