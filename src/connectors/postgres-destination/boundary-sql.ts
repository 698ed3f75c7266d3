/**
 * The stream's new cursor and its boundary, as SQL. Pure.
 *
 * Incremental sources read rows whose cursor is >= the saved one, so the rows
 * at exactly that value come again. `_weir.boundary` keeps, per stream, the
 * identity (a hash of the row's values as wire text over the recorded
 * columns, NULL distinct from every text) of each row committed at the saved
 * cursor and how many times it was; `_weir.boundary_streams` the cursor they
 * are at (NULL: the NULL cursor, while the stream has no cursor yet) and the
 * columns (boundary-columns.ts). A commit drops staged rows at the saved
 * cursor up to those counts and then records the boundary of its new cursor.
 *
 * What it costs. The new cursor was always one scan of the loaded rows; it is
 * now an aggregate (max) that also counts the rows at the previous cursor,
 * in the same scan. Then one more scan picks the row ids at the previous and
 * the new cursor (usually a handful; every row with a NULL cursor while the
 * stream has none), and the drop and the boundary touch only those rows. A
 * commit whose cursor did not move and that has no row at it costs nothing
 * more than the aggregate and the one-row read and write of the head.
 */
import { indexOfColumn, type TApplyTarget } from "@/connectors/postgres-destination/apply-sql";
import { stageColumn } from "@/connectors/postgres-destination/ddl-sql";
import { BOUNDARY, BOUNDARY_STREAMS, qualified, quoteIdent } from "@/connectors/postgres-destination/identifiers";
import { isJsonbArray } from "@/connectors/postgres-destination/array-sql";
import { castColumnFromWire } from "@/connectors/postgres-destination/cast-check-sql";
import { castFromWire, wireFromValue } from "@/connectors/postgres-destination/type-mapping";
import type { TWeirType } from "@/connectors/types";

/**
 * A table the cursor is read from (alias `s`): its typed cursor value, the
 * expression that is NULL exactly when the cursor is, and each row's
 * identity over the named columns (in that order).
 */
export type TEdgeSource = {
  table: string;
  cursorValue: string;
  cursorIsNull: string;
  identity(columns: readonly string[]): string;
  type: TWeirType;
  /**
   * Converts every value of the rows with the given ids ($1, tid[]) and fails
   * on one that does not fit, like the load would: rows dropped as held are
   * checked too, so a value the column cannot hold is refused, never skipped.
   * Absent for a typed table (its values were converted on load).
   */
  checkValues?: string;
};

const hashOf = (wireTexts: string[]) => `sha256(convert_to((ROW(${wireTexts.join(", ")}))::text, 'UTF8'))`;

/** The staging table: wire text, cast for the cursor, hashed as it is for the identity. */
export function stagedEdgeSource(t: TApplyTarget): TEdgeSource {
  const i = indexOfColumn(t, t.cursorField ?? "");
  const type = t.columns[i]!.type;
  const raw = `s.${quoteIdent(stageColumn(i))}`;
  return {
    table: qualified(t.stageSchema, t.stage),
    cursorValue: castFromWire(raw, type),
    cursorIsNull: `${raw} IS NULL`,
    identity: (columns) => hashOf(columns.map((name) => `s.${quoteIdent(stageColumn(indexOfColumn(t, name)))}`)),
    type,
    checkValues: `SELECT count(ROW(${t.columns.map((c, j) => castColumnFromWire(`s.${quoteIdent(stageColumn(j))}`, c)).join(", ")})) FROM ${qualified(t.stageSchema, t.stage)} AS s WHERE s.ctid = ANY($1::tid[])`,
  };
}

/** A direct load's typed table: the identity hashes each value's wire text, so it matches a later incremental staging of the same row. */
export function loadedEdgeSource(t: TApplyTarget, schema: string, table: string): TEdgeSource {
  const cursor = t.columns[indexOfColumn(t, t.cursorField ?? "")]!;
  const value = `s.${quoteIdent(cursor.name)}`;
  return {
    table: qualified(schema, table),
    cursorValue: value,
    cursorIsNull: `${value} IS NULL`,
    identity: (columns) =>
      hashOf(
        columns.map((name) => {
          const c = t.columns[indexOfColumn(t, name)]!;
          return wireFromValue(`s.${quoteIdent(c.name)}`, c.type);
        }),
      ),
    type: cursor.type,
  };
}

/** The aggregate giving a type's largest value, where PostgreSQL has one. */
function maxOf(type: TWeirType, expr: string): string | null {
  switch (type.kind) {
    case "boolean":
      return `bool_or(${expr})`;
    case "uuid":
    case "json":
    case "bytes":
      return null;
    default:
      return `max(${expr})`;
  }
}

/**
 * One row: `best` (the largest loaded cursor, canonical wire text), `moved`
 * (whether it is above the previous cursor, or there is none), `previous`
 * (the previous cursor as canonical wire text) and `at_previous` (how many
 * loaded rows sit at the previous cursor; with no previous cursor, how many
 * have a NULL cursor). One scan, one cast per row.
 * Parameter $1: the previous cursor (wire text or NULL).
 */
export function cursorStatsSql(src: TEdgeSource): string {
  const previous = castFromWire("$1::text", src.type);
  const values = `(SELECT ${src.cursorValue} AS v FROM ${src.table} AS s OFFSET 0) AS t`;
  const max = maxOf(src.type.kind === "array" && isJsonbArray(src.type) ? { kind: "json" } : src.type, "t.v");
  const atPrevious = `t.v IS NOT DISTINCT FROM ${previous}`;
  const stats = max
    ? `SELECT ${max} AS v, count(*) FILTER (WHERE ${atPrevious})::int AS at_previous FROM ${values}`
    : `SELECT (SELECT t.v FROM ${values} WHERE t.v IS NOT NULL ORDER BY t.v DESC LIMIT 1) AS v, (SELECT count(*) FROM ${values} WHERE ${atPrevious})::int AS at_previous`;
  return (
    `SELECT ${wireFromValue("m.v", src.type)} AS best, (m.v IS NOT NULL AND (${previous} IS NULL OR m.v > ${previous})) AS moved, ` +
    `${wireFromValue(previous, src.type)} AS previous, m.at_previous FROM (${stats}) AS m`
  );
}

/**
 * The row ids (ctid text) of the loaded rows at the previous cursor ($1) and
 * at the new one ($2), in one scan with one cast per row; $3 (boolean): the
 * previous cursor is the NULL cursor (rows with a NULL cursor are at it), $4
 * likewise for the new one. A NULL $1 or $2 without its flag is not wanted.
 */
export function edgeRowsSql(src: TEdgeSource): string {
  const previous = castFromWire("$1::text", src.type);
  const cursor = castFromWire("$2::text", src.type);
  const v = src.cursorValue;
  // = ANY(ARRAY[…]) casts each row once; an ARRAY of arrays would be one deeper array, so array cursors compare twice.
  const either = src.type.kind === "array" ? `(${v} = ${previous} OR ${v} = ${cursor})` : `${v} = ANY(ARRAY[${previous}, ${cursor}])`;
  const at = (value: string, isNull: string) => `CASE WHEN ${isNull} THEN ${src.cursorIsNull} ELSE ${v} = ${value} END`;
  return (
    `SELECT coalesce(array_agg(s.ctid::text) FILTER (WHERE ${at(previous, "$3::boolean")}), '{}') AS at_previous, ` +
    `coalesce(array_agg(s.ctid::text) FILTER (WHERE ${at(cursor, "$4::boolean")}), '{}') AS at_cursor FROM ${src.table} AS s ` +
    `WHERE (($3::boolean OR $4::boolean) AND ${src.cursorIsNull}) OR ${either}`
  );
}

/**
 * Deletes from the staging table the staged rows at the previous cursor that
 * the boundary holds, each identity (over `columns`) up to its recorded
 * count. Parameters: $1 connection id, $2 stream, $3 the recorded cursor key
 * (boundaryCursorKey), $4 the row ids (tid[]) at the previous cursor.
 * Returns one row, `dropped`.
 */
export function dropHeldRowsSql(src: TEdgeSource, columns: readonly string[]): string {
  const recorded = `EXISTS (SELECT 1 FROM ${BOUNDARY} AS b WHERE b.connection_id = $1 AND b.stream = $2 AND b.cursor = $3 AND b.identity = numbered.h AND numbered.n <= b.copies)`;
  return (
    `WITH cand AS (SELECT s.ctid AS id, ${src.identity(columns)} AS h FROM ${src.table} AS s WHERE s.ctid = ANY($4::tid[])), ` +
    `numbered AS (SELECT cand.id, cand.h, row_number() OVER (PARTITION BY cand.h ORDER BY cand.id) AS n FROM cand), ` +
    `gone AS (DELETE FROM ${src.table} AS s USING numbered WHERE s.ctid = numbered.id AND ${recorded} RETURNING 1) ` +
    `SELECT count(*)::int AS dropped FROM gone`
  );
}

/** The strict rule: every staged row at the previous cursor counts as held. Parameter $1: the row ids (tid[]). Returns `dropped`. */
export function dropAllRowsSql(src: TEdgeSource): string {
  return `WITH gone AS (DELETE FROM ${src.table} AS s WHERE s.ctid = ANY($1::tid[]) RETURNING 1) SELECT count(*)::int AS dropped FROM gone`;
}

/**
 * How a commit's boundary relates to the recorded one: `replace` when the
 * cursor moved (or the table was replaced, or the recorded identities cannot
 * be compared), `add` when an incremental load stayed at the same cursor
 * (its staged rows there, after the drop, are new: recorded + new = the
 * larger of recorded and staged), `greatest` for a full refresh appended at
 * the same cursor.
 */
export type TBoundaryMerge = "replace" | "add" | "greatest";

/** `_weir.boundary.cursor` of a boundary: its cursor, or '' for the NULL cursor (the head tells them apart). */
export const boundaryCursorKey = (cursor: string | null) => cursor ?? "";

/**
 * The statements recording the boundary of cursor key $3 from the source
 * rows at it, hashed over `columns`. The first takes $1 connection id, $2
 * stream (and $3 for a merge: it forgets identities recorded at another
 * cursor); the second $1, $2, $3 and $4 the row ids (tid[]) at the cursor.
 */
export function writeBoundarySql(src: TEdgeSource, merge: TBoundaryMerge, columns: readonly string[]): [string, string] {
  const forget = `DELETE FROM ${BOUNDARY} WHERE connection_id = $1 AND stream = $2${merge === "replace" ? "" : " AND cursor <> $3"}`;
  const update = merge === "add" ? "b.copies + EXCLUDED.copies" : "GREATEST(b.copies, EXCLUDED.copies)";
  const record =
    `INSERT INTO ${BOUNDARY} AS b (connection_id, stream, cursor, identity, copies) ` +
    `SELECT $1, $2, $3, x.h, count(*)::int FROM (SELECT ${src.identity(columns)} AS h FROM ${src.table} AS s WHERE s.ctid = ANY($4::tid[])) AS x GROUP BY x.h ` +
    `ON CONFLICT (connection_id, stream, identity) DO UPDATE SET copies = ${update}`;
  return [forget, record];
}

/**
 * The stream's head and whether it has identity rows. Parameters: $1
 * connection id, $2 stream. One row: `found`, `cursor`, `columns`, `identities`.
 */
export const READ_BOUNDARY_HEAD_SQL =
  `SELECT h.connection_id IS NOT NULL AS found, h.cursor, h.columns, EXISTS (SELECT 1 FROM ${BOUNDARY} AS b WHERE b.connection_id = $1 AND b.stream = $2) AS identities ` +
  `FROM (SELECT 1) AS one LEFT JOIN ${BOUNDARY_STREAMS} AS h ON h.connection_id = $1 AND h.stream = $2`;

/** Records the head. Parameters: $1 connection id, $2 stream, $3 cursor (NULL: the NULL cursor), $4 columns (json text). */
export const WRITE_BOUNDARY_HEAD_SQL =
  `INSERT INTO ${BOUNDARY_STREAMS} AS h (connection_id, stream, cursor, columns) VALUES ($1, $2, $3, $4::jsonb) ` +
  `ON CONFLICT (connection_id, stream) DO UPDATE SET cursor = EXCLUDED.cursor, columns = EXCLUDED.columns`;
