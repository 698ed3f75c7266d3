/**
 * The ledger's keys per stream (_WEIR.LEDGER_KEYS): the cursor boundary and
 * the objects read. Pure: each function returns SQL text (values as
 * literals, binds noted where used).
 *
 * Incremental reads are inclusive (cursor >= the saved one), so rows at
 * exactly the saved cursor come again. The boundary is the multiset of the
 * identities of the rows committed at the current cursor value (KIND
 * 'boundary', CURSOR that value, NULL while the stream has no cursor yet,
 * KEY the identity, N its count), and the columns the identities were hashed
 * over (one KIND 'columns' row: KEY their names and Weir types as JSON, in
 * plan order). A row's identity is a SHA-256 of its staged wire texts, each
 * written as `N` for NULL or `V<length>:<text>`, so no two rows share one
 * unless every value is equal. Only rows whose staged cursor is at the saved
 * one are hashed: the filter costs a text comparison per row (a comparison
 * by value for numeric and float cursors, whose texts can spell one value
 * several ways: cursor-order.ts), the hash only where it applies. Objects
 * (files read in full) are KIND 'object' rows.
 *
 * The commit's transaction only inserts: each commit writes the whole new
 * boundary under its own run and attempt, and the boundary in force is the
 * one written by the stream's newest ledger entry (a reset entry writes
 * none: an empty boundary). Older ones are pruned after the COMMIT. So an
 * attempt killed inside its transaction, whose transaction the server may
 * keep open for a while, holds no row a retry must change.
 */
import { atCursorSql } from "@/connectors/snowflake/cursor-order";
import { LEDGER, LEDGER_KEYS, WEIR_SCHEMA, qualified, quoteIdent, sqlString } from "@/connectors/snowflake/identifiers";
import { STAGE_EXTRACTED_AT, STAGE_FILE, STAGE_ROW, stageColumn } from "@/connectors/snowflake/load-sql";
import type { TWeirType } from "@/connectors/types";

/** The keys table; one statement, idempotent. */
export const CREATE_LEDGER_KEYS_SQL = `CREATE TABLE IF NOT EXISTS ${LEDGER_KEYS} (
    "CONNECTION_ID" VARCHAR NOT NULL,
    "STREAM" VARCHAR NOT NULL,
    "KIND" VARCHAR NOT NULL,
    "CURSOR" VARCHAR,
    "KEY" VARCHAR NOT NULL,
    "N" NUMBER(38,0) NOT NULL,
    "RUN_ID" VARCHAR NOT NULL,
    "ATTEMPT" NUMBER(10,0) NOT NULL
  )`;

/** What the boundary statements need to know about one attempt's commit. */
export type TBoundaryTarget = {
  connectionId: string;
  stream: string;
  runId: string;
  attempt: number;
  /** The staging table in _WEIR, with columns C1…Cn. */
  stage: string;
  columnCount: number;
  /** Position of the cursor column among the plan's columns, and its type. */
  cursorIndex: number;
  cursorType: TWeirType;
};

/**
 * Which staged rows at the saved cursor the boundary holds: those whose
 * identity over the staged columns `identity` (positions, in the recorded
 * columns' order) the boundary recorded, or "all" (the recorded columns
 * cannot be compared with the plan's, or a saved cursor has no boundary).
 */
export type THeld = { identity: readonly number[] } | "all";

const ofStream = (t: Pick<TBoundaryTarget, "connectionId" | "stream">, alias = "") => {
  const at = alias ? `${alias}.` : "";
  return `${at}"CONNECTION_ID" = ${sqlString(t.connectionId)} AND ${at}"STREAM" = ${sqlString(t.stream)}`;
};

const stagedColumns = (t: TBoundaryTarget, alias: string) =>
  [
    ...Array.from({ length: t.columnCount }, (_, i) => `${alias}.${quoteIdent(stageColumn(i))}`),
    ...[STAGE_EXTRACTED_AT, STAGE_FILE, STAGE_ROW].map((c) => `${alias}."${c}"`),
  ].join(", ");

const allColumns = (t: TBoundaryTarget) => Array.from({ length: t.columnCount }, (_, i) => i);

/** The stream's newest ledger entry (run and attempt), whose keys are in force. */
const newestEntrySql = (t: TBoundaryTarget) => `SELECT l."RUN_ID", l."ATTEMPT" FROM ${LEDGER} AS l WHERE ${ofStream(t, "l")} ORDER BY l."ID" DESC LIMIT 1`;

/** The keys in force of one kind. */
const keysInForceSql = (t: TBoundaryTarget, kind: string) =>
  `SELECT k."CURSOR", k."KEY", k."N" FROM ${LEDGER_KEYS} AS k JOIN (${newestEntrySql(t)}) AS v ON k."RUN_ID" = v."RUN_ID" AND k."ATTEMPT" = v."ATTEMPT" WHERE ${ofStream(t, "k")} AND k."KIND" = ${sqlString(kind)}`;

/** The boundary in force at cursor value `cursor` (as recorded: the state's text, or NULL). */
function recordedBoundarySql(t: TBoundaryTarget, cursor: string | null): string {
  return `SELECT b."KEY", b."N" FROM (${keysInForceSql(t, "boundary")}) AS b WHERE b."CURSOR" ${cursor === null ? "IS NULL" : `= ${sqlString(cursor)}`}`;
}

/** What the boundary in force recorded: its columns (JSON; NULL when written before columns were recorded) and how many identities. */
export function recordedColumnsSql(t: TBoundaryTarget): string {
  return (
    `SELECT MAX(IFF(k."KIND" = 'columns', k."KEY", NULL)) AS "COLUMNS", SUM(IFF(k."KIND" = 'boundary', 1, 0)) AS "IDENTITIES" FROM ${LEDGER_KEYS} AS k` +
    ` JOIN (${newestEntrySql(t)}) AS v ON k."RUN_ID" = v."RUN_ID" AND k."ATTEMPT" = v."ATTEMPT" WHERE ${ofStream(t, "k")} AND k."KIND" IN ('columns', 'boundary')`
  );
}

/** A staged row's identity over the staged columns at `positions` (staging table aliased `alias`). */
export function rowIdentitySql(alias: string, positions: readonly number[]): string {
  const parts = positions.map((i) => {
    const c = `${alias}.${quoteIdent(stageColumn(i))}`;
    return `IFF(${c} IS NULL, 'N', 'V' || LENGTH(${c}) || ':' || ${c})`;
  });
  return `SHA2(${parts.join(" || ")}, 256)`;
}

/** SQL true for a staged row (staging table aliased `alias`) at `cursor` (null: the NULL cursor). */
export const atCursor = (t: TBoundaryTarget, alias: string, cursor: string | null) =>
  atCursorSql(`${alias}.${quoteIdent(stageColumn(t.cursorIndex))}`, cursor, t.cursorType, sqlString);

/**
 * The staged rows an incremental commit applies: all of them, less the rows
 * at the saved cursor (`saved`; null: the NULL cursor, while the stream has
 * none) that the boundary holds, each identity dropped as many times as it
 * was recorded, or every one of them when `held` is "all". Used in place of
 * the staging table (same columns).
 */
export function keptRowsSql(t: TBoundaryTarget, saved: string | null, held: THeld): string {
  const stage = qualified(WEIR_SCHEMA, t.stage);
  const at = atCursor(t, "s", saved);
  // NULL (a NULL cursor, or a text that is no value: the typed conversion refuses it later) is off the boundary, never lost.
  const off = `SELECT ${stagedColumns(t, "s")} FROM ${stage} AS s WHERE NOT COALESCE(${at}, FALSE)`;
  if (held === "all") return off;
  const identity = rowIdentitySql("s", held.identity);
  const atBoundary = `SELECT s.*, ${identity} AS "H", ROW_NUMBER() OVER (PARTITION BY ${identity} ORDER BY s."${STAGE_FILE}", s."${STAGE_ROW}") AS "RN" FROM ${stage} AS s WHERE ${at}`;
  return (
    `${off} UNION ALL SELECT ${stagedColumns(t, "b")} FROM (${atBoundary}) AS b` +
    ` LEFT JOIN (${recordedBoundarySql(t, saved)}) AS k ON k."KEY" = b."H" WHERE b."RN" > COALESCE(k."N", 0)`
  );
}

/**
 * The new boundary under this attempt: the staged rows at the new cursor
 * (null: the NULL cursor) counted by identity over every plan column, and
 * the columns row. With `merge` (the cursor did not move and the recorded
 * identities cover the same columns), each count is the larger of that and
 * what the boundary in force holds at the same cursor.
 */
export function insertBoundarySql(t: TBoundaryTarget, newCursor: string | null, merge: boolean, columnsJson: string): string {
  const stage = qualified(WEIR_SCHEMA, t.stage);
  const value = newCursor === null ? "NULL" : sqlString(newCursor);
  const staged = `SELECT x."H", COUNT(*) AS "N" FROM (SELECT ${rowIdentitySql("s", allColumns(t))} AS "H" FROM ${stage} AS s WHERE ${atCursor(t, "s", newCursor)}) AS x GROUP BY x."H"`;
  const recorded = `SELECT r."KEY" AS "H", r."N" FROM (${recordedBoundarySql(t, newCursor)}) AS r`;
  const stream = `${sqlString(t.connectionId)}, ${sqlString(t.stream)}`;
  const attempt = `${sqlString(t.runId)}, ${t.attempt}`;
  return (
    `INSERT INTO ${LEDGER_KEYS} ("CONNECTION_ID", "STREAM", "KIND", "CURSOR", "KEY", "N", "RUN_ID", "ATTEMPT")` +
    ` SELECT ${stream}, 'boundary', ${value}, u."H", MAX(u."N"), ${attempt} FROM (${merge ? `${staged} UNION ALL ${recorded}` : staged}) AS u GROUP BY u."H"` +
    ` UNION ALL SELECT ${stream}, 'columns', ${value}, ${sqlString(columnsJson)}, ${t.columnCount}, ${attempt}`
  );
}

/** After the COMMIT: deletes the stream's boundaries other than the one this attempt wrote. */
export function pruneBoundarySql(t: Pick<TBoundaryTarget, "connectionId" | "stream" | "runId" | "attempt">): string {
  return `DELETE FROM ${LEDGER_KEYS} WHERE ${ofStream(t)} AND "KIND" IN ('boundary', 'columns') AND NOT ("RUN_ID" = ${sqlString(t.runId)} AND "ATTEMPT" = ${t.attempt})`;
}

/** Statement text per INSERT of objects; Snowflake takes statements up to 1 MB. */
const MAX_OBJECTS_SQL_CHARS = 256 * 1024;

/** Records objects read in full that the stream's keys do not hold yet; several statements when there are many. */
export function insertObjectsSql(t: Pick<TBoundaryTarget, "connectionId" | "stream" | "runId" | "attempt">, objects: readonly string[]): string[] {
  const statements: string[] = [];
  let values: string[] = [];
  let size = 0;
  const flush = () => {
    if (!values.length) return;
    statements.push(
      `INSERT INTO ${LEDGER_KEYS} ("CONNECTION_ID", "STREAM", "KIND", "CURSOR", "KEY", "N", "RUN_ID", "ATTEMPT")` +
        ` SELECT DISTINCT ${sqlString(t.connectionId)}, ${sqlString(t.stream)}, 'object', NULL, v."K", 1, ${sqlString(t.runId)}, ${t.attempt} FROM (VALUES ${values.join(", ")}) AS v ("K")` +
        ` WHERE NOT EXISTS (SELECT 1 FROM ${LEDGER_KEYS} AS o WHERE ${ofStream(t, "o")} AND o."KIND" = 'object' AND o."KEY" = v."K")`,
    );
    values = [];
    size = 0;
  };
  for (const key of objects) {
    const value = `(${sqlString(key)})`;
    if (size + value.length > MAX_OBJECTS_SQL_CHARS) flush();
    values.push(value);
    size += value.length + 2;
  }
  flush();
  return statements;
}

/** The objects a stream's keys hold. Binds: connection id, stream. */
export const SEEN_OBJECTS_SQL = `SELECT DISTINCT "KEY" FROM ${LEDGER_KEYS} WHERE "CONNECTION_ID" = ? AND "STREAM" = ? AND "KIND" = 'object'`;

/** Forgets a stream's boundary and objects (resetStream). Binds: connection id, stream. */
export const FORGET_KEYS_SQL = `DELETE FROM ${LEDGER_KEYS} WHERE "CONNECTION_ID" = ? AND "STREAM" = ?`;
