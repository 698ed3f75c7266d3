/**
 * The ledger's keys per stream (_WEIR.LEDGER_KEYS): the cursor boundary and
 * the objects read. Pure: each function returns SQL text (values as
 * literals, binds noted where used).
 *
 * Incremental reads are inclusive (cursor >= the saved one), so rows at
 * exactly the saved cursor come again. The boundary is the multiset of the
 * identities of the rows committed at the current cursor value (KIND
 * 'boundary', CURSOR that value, KEY the identity, N its count). A row's
 * identity is a SHA-256 of its staged wire texts in plan order, each written
 * as `N` for NULL or `V<length>:<text>`, so no two rows share one unless
 * every value is equal. Only rows whose staged cursor text equals the saved
 * one are hashed: the filter costs a text comparison per row, the hash only
 * where it applies. Objects (files read in full) are KIND 'object' rows.
 *
 * The commit's transaction only inserts: each commit writes the whole new
 * boundary under its own run and attempt, and the boundary in force is the
 * one written by the stream's newest ledger entry (a reset entry writes
 * none: an empty boundary). Older ones are pruned after the COMMIT. So an
 * attempt killed inside its transaction, whose transaction the server may
 * keep open for a while, holds no row a retry must change.
 */
import { LEDGER, LEDGER_KEYS, WEIR_SCHEMA, qualified, quoteIdent, sqlString } from "@/connectors/snowflake/identifiers";
import { STAGE_EXTRACTED_AT, STAGE_FILE, stageColumn } from "@/connectors/snowflake/load-sql";

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
  /** Position of the cursor column among the plan's columns. */
  cursorIndex: number;
};

const ofStream = (t: Pick<TBoundaryTarget, "connectionId" | "stream">, alias = "") => {
  const at = alias ? `${alias}.` : "";
  return `${at}"CONNECTION_ID" = ${sqlString(t.connectionId)} AND ${at}"STREAM" = ${sqlString(t.stream)}`;
};

const stagedColumns = (t: TBoundaryTarget, alias: string) =>
  [...Array.from({ length: t.columnCount }, (_, i) => `${alias}.${quoteIdent(stageColumn(i))}`), `${alias}."${STAGE_EXTRACTED_AT}"`, `${alias}."${STAGE_FILE}"`].join(", ");

/** The boundary in force: the rows of KIND 'boundary' written by the stream's newest ledger entry, at cursor value `cursor`. */
function recordedBoundarySql(t: TBoundaryTarget, cursor: string): string {
  const newest = `SELECT l."RUN_ID", l."ATTEMPT" FROM ${LEDGER} AS l WHERE ${ofStream(t, "l")} ORDER BY l."ID" DESC LIMIT 1`;
  return (
    `SELECT k."KEY", k."N" FROM ${LEDGER_KEYS} AS k JOIN (${newest}) AS v ON k."RUN_ID" = v."RUN_ID" AND k."ATTEMPT" = v."ATTEMPT"` +
    ` WHERE ${ofStream(t, "k")} AND k."KIND" = 'boundary' AND k."CURSOR" = ${sqlString(cursor)}`
  );
}

/** A staged row's identity (staging table aliased `alias`). */
export function rowIdentitySql(alias: string, columnCount: number): string {
  const parts = Array.from({ length: columnCount }, (_, i) => {
    const c = `${alias}.${quoteIdent(stageColumn(i))}`;
    return `IFF(${c} IS NULL, 'N', 'V' || LENGTH(${c}) || ':' || ${c})`;
  });
  return `SHA2(${parts.join(" || ")}, 256)`;
}

/**
 * The staged rows an incremental commit applies: all of them, less the rows
 * at the saved cursor whose identity the boundary recorded, each identity
 * dropped as many times as it was recorded. A saved cursor with no boundary
 * at all was committed before boundaries existed, when reads were strictly
 * after the cursor: every row at it counts as held, so the first run after
 * the upgrade loads nothing twice. Used in place of the staging table (same
 * columns).
 */
export function keptRowsSql(t: TBoundaryTarget, savedCursor: string): string {
  const stage = qualified(WEIR_SCHEMA, t.stage);
  const cursor = `s.${quoteIdent(stageColumn(t.cursorIndex))}`;
  const saved = sqlString(savedCursor);
  const identity = rowIdentitySql("s", t.columnCount);
  const atBoundary = `SELECT s.*, ${identity} AS "H", ROW_NUMBER() OVER (PARTITION BY ${identity} ORDER BY s."${STAGE_FILE}") AS "RN" FROM ${stage} AS s WHERE ${cursor} = ${saved}`;
  return (
    `SELECT ${stagedColumns(t, "s")} FROM ${stage} AS s WHERE ${cursor} IS NULL OR ${cursor} <> ${saved}` +
    ` UNION ALL SELECT ${stagedColumns(t, "b")} FROM (${atBoundary}) AS b` +
    ` LEFT JOIN (${recordedBoundarySql(t, savedCursor)}) AS k ON k."KEY" = b."H"` +
    ` WHERE b."RN" > COALESCE(k."N", 0) AND EXISTS (${recordedBoundarySql(t, savedCursor)})`
  );
}

/**
 * The new boundary under this attempt: the staged rows at the new cursor
 * counted by identity, each count the larger of that and what the boundary
 * in force holds at the same cursor value (when the cursor did not move; a
 * moved cursor has no recorded rows at its new value). A full refresh that
 * replaced the table (`replaced`) records only its own rows.
 */
export function insertBoundarySql(t: TBoundaryTarget, newCursor: string, replaced = false): string {
  const stage = qualified(WEIR_SCHEMA, t.stage);
  const value = sqlString(newCursor);
  const staged = `SELECT x."H", COUNT(*) AS "N" FROM (SELECT ${rowIdentitySql("s", t.columnCount)} AS "H" FROM ${stage} AS s WHERE s.${quoteIdent(stageColumn(t.cursorIndex))} = ${value}) AS x GROUP BY x."H"`;
  const recorded = `SELECT r."KEY" AS "H", r."N" FROM (${recordedBoundarySql(t, newCursor)}) AS r`;
  return (
    `INSERT INTO ${LEDGER_KEYS} ("CONNECTION_ID", "STREAM", "KIND", "CURSOR", "KEY", "N", "RUN_ID", "ATTEMPT")` +
    ` SELECT ${sqlString(t.connectionId)}, ${sqlString(t.stream)}, 'boundary', ${value}, u."H", MAX(u."N"), ${sqlString(t.runId)}, ${t.attempt}` +
    ` FROM (${replaced ? staged : `${staged} UNION ALL ${recorded}`}) AS u GROUP BY u."H"`
  );
}

/** After the COMMIT: deletes the stream's boundaries other than the one this attempt wrote. */
export function pruneBoundarySql(t: TBoundaryTarget): string {
  return `DELETE FROM ${LEDGER_KEYS} WHERE ${ofStream(t)} AND "KIND" = 'boundary' AND NOT ("RUN_ID" = ${sqlString(t.runId)} AND "ATTEMPT" = ${t.attempt})`;
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
