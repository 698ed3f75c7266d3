/**
 * The commit's decisions about the cursor boundary (the SQL is in
 * boundary-sql.ts): which staged rows at the saved cursor the boundary in
 * force holds, and whether the new boundary keeps the recorded counts.
 *
 * The boundary records the columns its identities were hashed over. Staged
 * rows are hashed over those recorded columns when the plan still has every
 * one of them with the same type (a column was added since: the rows at the
 * boundary are still recognised); when one was dropped, ignored or retyped
 * they cannot be compared, and every staged row at the saved cursor counts
 * as held, as for a saved cursor with no boundary at all (a ledger from
 * before boundaries, when reads were strictly after the cursor). A boundary
 * written before columns were recorded was hashed over the plan's columns
 * of its day, taken to be today's. While the stream has no cursor the NULL
 * cursor is the boundary; with nothing recorded at it nothing is held, and
 * the staged rows are applied without hashing any.
 */
import { newCursorSql } from "@/connectors/snowflake/apply-sql";
import { type TBoundaryTarget, type THeld, recordedColumnsSql } from "@/connectors/snowflake/boundary-sql";
import type { TExec } from "@/connectors/snowflake/connect";
import type { TResolvedPlan } from "@/connectors/snowflake/resolve-plan";
import { weirTypeName } from "@/connectors/type-widening";

/** A column as the boundary records it. */
type TRecordedColumn = { name: string; type: string };

/** What the boundary in force recorded: its columns (null before columns were recorded) and how many identities it holds. */
export type TRecorded = { columns: TRecordedColumn[] | null; identities: number };

/** The boundary statements' view of the plan, or null when the stream has no cursor. */
export function boundaryOf(r: TResolvedPlan): TBoundaryTarget | null {
  if (!r.cursorField) return null;
  const cursorIndex = r.columns.findIndex((c) => c.name === r.cursorField);
  return {
    connectionId: r.plan.connectionId,
    stream: r.stream,
    runId: r.runId,
    attempt: r.plan.attempt,
    stage: r.stage,
    columnCount: r.columns.length,
    cursorIndex,
    cursorType: r.columns[cursorIndex]!.type,
  };
}

const recordedColumnsOf = (r: TResolvedPlan): TRecordedColumn[] => r.columns.map((c) => ({ name: c.name, type: weirTypeName(c.type) }));

/** The plan's columns as the new boundary records them. */
export const planColumnsJson = (r: TResolvedPlan): string => JSON.stringify(recordedColumnsOf(r));

function parseColumns(json: unknown): TRecordedColumn[] | null {
  if (typeof json !== "string") return null;
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.map((c: { name: unknown; type: unknown }) => ({ name: String(c.name), type: String(c.type) })) : null;
}

/**
 * The stream's new cursor (of the staged rows and the previous cursor, by
 * value) and what the boundary in force recorded (null without a cursor
 * field, and for an overwrite, which replaces the boundary whatever it
 * held), in one round trip.
 */
export async function readCursorAndRecorded(
  exec: TExec,
  r: TResolvedPlan,
  previous: string | null,
  staged: number,
): Promise<{ cursor: string | null; recorded: TRecorded | null }> {
  const boundary = boundaryOf(r);
  const needCursor = boundary !== null && staged > 0;
  const needRecorded = boundary !== null && r.plan.mode !== "full_refresh_overwrite";
  if (!needCursor && !needRecorded) return { cursor: previous, recorded: null };
  const cursorSql = needCursor ? `(${newCursorSql(r)})` : "NULL";
  const recordedSql = needRecorded ? `(${recordedColumnsSql(boundary)})` : `(SELECT NULL AS "COLUMNS", 0 AS "IDENTITIES")`;
  const sql = `SELECT ${cursorSql} AS "CURSOR", b."COLUMNS", b."IDENTITIES" FROM ${recordedSql} AS b`;
  const row = (await exec(sql, `reading the new cursor and the cursor boundary of ${r.label}`, needCursor ? [previous] : undefined)).rows[0] ?? [];
  const cursor = !needCursor ? previous : row[0] === null || row[0] === undefined ? null : String(row[0]);
  return { cursor, recorded: needRecorded ? { columns: parseColumns(row[1]), identities: Number(row[2] ?? 0) } : null };
}

/** The recorded columns' positions among the plan's, or null when one is gone or has another type. */
function positionsInPlan(r: TResolvedPlan, columns: readonly TRecordedColumn[]): number[] | null {
  const plan = recordedColumnsOf(r);
  const positions: number[] = [];
  for (const c of columns) {
    const i = plan.findIndex((p) => p.name === c.name);
    if (i < 0 || plan[i]!.type !== c.type) return null;
    positions.push(i);
  }
  return positions;
}

/**
 * Which staged rows at the saved cursor (`saved`, null while the stream has
 * no cursor) the boundary holds, or null when it holds none (it recorded no
 * row, or nothing at the NULL cursor): the staging table is then applied as
 * it is.
 */
export function heldAtBoundary(r: TResolvedPlan, recorded: TRecorded, saved: string | null): THeld | null {
  if (recorded.columns) {
    if (recorded.identities === 0) return null; // recorded: no row at the cursor
    const identity = positionsInPlan(r, recorded.columns);
    return identity ? { identity } : "all";
  }
  if (recorded.identities > 0) return { identity: r.columns.map((_, i) => i) };
  return saved === null ? null : "all";
}

/**
 * Whether the new boundary keeps the recorded counts: the cursor stayed
 * (same text, or NULL before and after) and the recorded identities were
 * hashed over exactly the plan's columns.
 */
export function mergesRecorded(r: TResolvedPlan, recorded: TRecorded, saved: string | null, cursor: string | null): boolean {
  if (cursor !== saved || recorded.identities === 0) return false;
  return recorded.columns === null || JSON.stringify(recorded.columns) === planColumnsJson(r);
}
