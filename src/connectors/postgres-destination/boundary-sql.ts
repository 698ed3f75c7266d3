/**
 * The stream's new cursor and its boundary, as SQL. Pure.
 *
 * Incremental sources read rows whose cursor is >= the saved one, so the rows
 * at exactly that value come again. `_weir.boundary` keeps, per stream, the
 * identity (a hash of the row's plan-column values as wire text, NULL
 * distinct from every text) of each row committed at the saved cursor and how
 * many times it was; a commit drops staged rows at the saved cursor up to
 * those counts and then records the boundary of its own new cursor.
 *
 * What it costs. The new cursor was always one scan of the loaded rows; it is
 * now an aggregate (max) that also counts the rows at the previous cursor,
 * in the same scan. Then one more scan picks the row ids at the previous and
 * the new cursor (usually a handful), and the drop and the boundary touch
 * only those rows. A commit whose cursor did not move and that has no row at
 * it costs nothing more than the aggregate.
 */
import { indexOfColumn, type TApplyTarget } from "@/connectors/postgres-destination/apply-sql";
import { stageColumn } from "@/connectors/postgres-destination/ddl-sql";
import { BOUNDARY, qualified, quoteIdent } from "@/connectors/postgres-destination/identifiers";
import { isJsonbArray } from "@/connectors/postgres-destination/array-sql";
import { castFromWire, wireFromValue } from "@/connectors/postgres-destination/type-mapping";
import type { TWeirType } from "@/connectors/types";

/** A table the cursor is read from (alias `s`): its typed cursor value and each row's identity. */
export type TEdgeSource = { table: string; cursorValue: string; identity: string; type: TWeirType };

const identityOf = (wireTexts: string[]) => `sha256(convert_to((ROW(${wireTexts.join(", ")}))::text, 'UTF8'))`;

/** The staging table: wire text, cast for the cursor, hashed as it is for the identity. */
export function stagedEdgeSource(t: TApplyTarget): TEdgeSource {
  const i = indexOfColumn(t, t.cursorField ?? "");
  const type = t.columns[i]!.type;
  return {
    table: qualified(t.stageSchema, t.stage),
    cursorValue: castFromWire(`s.${quoteIdent(stageColumn(i))}`, type),
    identity: identityOf(t.columns.map((_, j) => `s.${quoteIdent(stageColumn(j))}`)),
    type,
  };
}

/** A direct load's typed table: the identity hashes each value's wire text, so it matches a later incremental staging of the same row. */
export function loadedEdgeSource(t: TApplyTarget, schema: string, table: string): TEdgeSource {
  const cursor = t.columns[indexOfColumn(t, t.cursorField ?? "")]!;
  return {
    table: qualified(schema, table),
    cursorValue: `s.${quoteIdent(cursor.name)}`,
    identity: identityOf(t.columns.map((c) => wireFromValue(`s.${quoteIdent(c.name)}`, c.type))),
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
 * loaded rows sit at the previous cursor). One scan, one cast per row.
 * Parameter $1: the previous cursor (wire text or NULL).
 */
export function cursorStatsSql(src: TEdgeSource): string {
  const previous = castFromWire("$1::text", src.type);
  const values = `(SELECT ${src.cursorValue} AS v FROM ${src.table} AS s OFFSET 0) AS t`;
  const max = maxOf(src.type.kind === "array" && isJsonbArray(src.type) ? { kind: "json" } : src.type, "t.v");
  const stats = max
    ? `SELECT ${max} AS v, count(*) FILTER (WHERE t.v = ${previous})::int AS at_previous FROM ${values}`
    : `SELECT (SELECT t.v FROM ${values} WHERE t.v IS NOT NULL ORDER BY t.v DESC LIMIT 1) AS v, (SELECT count(*) FROM ${values} WHERE t.v = ${previous})::int AS at_previous`;
  return (
    `SELECT ${wireFromValue("m.v", src.type)} AS best, (m.v IS NOT NULL AND (${previous} IS NULL OR m.v > ${previous})) AS moved, ` +
    `${wireFromValue(previous, src.type)} AS previous, m.at_previous FROM (${stats}) AS m`
  );
}

/**
 * The row ids (ctid text) of the loaded rows at the previous cursor ($1) and
 * at the new one ($2), in one scan with one cast per row; either may be NULL
 * (not wanted).
 */
export function edgeRowsSql(src: TEdgeSource): string {
  const previous = castFromWire("$1::text", src.type);
  const cursor = castFromWire("$2::text", src.type);
  const v = src.cursorValue;
  // = ANY(ARRAY[…]) casts each row once; an ARRAY of arrays would be one deeper array, so array cursors compare twice.
  const either = src.type.kind === "array" ? `(${v} = ${previous} OR ${v} = ${cursor})` : `${v} = ANY(ARRAY[${previous}, ${cursor}])`;
  return (
    `SELECT coalesce(array_agg(s.ctid::text) FILTER (WHERE ${v} = ${previous}), '{}') AS at_previous, ` +
    `coalesce(array_agg(s.ctid::text) FILTER (WHERE ${v} = ${cursor}), '{}') AS at_cursor FROM ${src.table} AS s WHERE ${either}`
  );
}

/**
 * Deletes from the staging table the staged rows at the previous cursor that
 * the boundary already holds, each identity up to its recorded count. A
 * stream with a saved cursor and no boundary at all was last committed
 * before boundaries existed, when reads were strictly after the cursor: every
 * row at it counts as held (the first run after the upgrade loads nothing
 * twice, as the runs before it did).
 * Parameters: $1 connection id, $2 stream, $3 previous cursor (canonical),
 * $4 the row ids (tid[]) at it. Returns one row, `dropped`.
 */
export function dropBoundaryRowsSql(src: TEdgeSource): string {
  const recorded = `EXISTS (SELECT 1 FROM ${BOUNDARY} AS b WHERE b.connection_id = $1 AND b.stream = $2 AND b.cursor = $3 AND b.identity = numbered.h AND numbered.n <= b.copies)`;
  const legacy = `NOT EXISTS (SELECT 1 FROM ${BOUNDARY} AS b WHERE b.connection_id = $1 AND b.stream = $2)`;
  return (
    `WITH cand AS (SELECT s.ctid AS id, ${src.identity} AS h FROM ${src.table} AS s WHERE s.ctid = ANY($4::tid[])), ` +
    `numbered AS (SELECT cand.id, cand.h, row_number() OVER (PARTITION BY cand.h ORDER BY cand.id) AS n FROM cand), ` +
    `gone AS (DELETE FROM ${src.table} AS s USING numbered WHERE s.ctid = numbered.id AND (${legacy} OR ${recorded}) RETURNING 1) ` +
    `SELECT count(*)::int AS dropped FROM gone`
  );
}

/**
 * How a commit's boundary relates to the recorded one: `replace` when the
 * cursor moved (or the table was replaced), `add` when an incremental load
 * stayed at the same cursor (its staged rows there, after the drop, are new:
 * recorded + new = the larger of recorded and staged), `greatest` for a full
 * refresh appended at the same cursor.
 */
export type TBoundaryMerge = "replace" | "add" | "greatest";

/**
 * The statements recording the boundary of cursor $3 from the source rows at
 * it. The first takes $1 connection id, $2 stream (and $3 for a merge: it
 * forgets identities recorded at another cursor); the second $1, $2, $3 and
 * $4 the row ids (tid[]) at the cursor.
 */
export function writeBoundarySql(src: TEdgeSource, merge: TBoundaryMerge): [string, string] {
  const forget = `DELETE FROM ${BOUNDARY} WHERE connection_id = $1 AND stream = $2${merge === "replace" ? "" : " AND cursor <> $3"}`;
  const update = merge === "add" ? "b.copies + EXCLUDED.copies" : "GREATEST(b.copies, EXCLUDED.copies)";
  const record =
    `INSERT INTO ${BOUNDARY} AS b (connection_id, stream, cursor, identity, copies) ` +
    `SELECT $1, $2, $3, x.h, count(*)::int FROM (SELECT ${src.identity} AS h FROM ${src.table} AS s WHERE s.ctid = ANY($4::tid[])) AS x GROUP BY x.h ` +
    `ON CONFLICT (connection_id, stream, identity) DO UPDATE SET copies = ${update}`;
  return [forget, record];
}
