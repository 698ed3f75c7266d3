/**
 * Inside the commit's transaction: reads the new cursor off the loaded rows,
 * drops (incremental modes) the staged rows at the previous cursor that the
 * target already holds, and records the new cursor's boundary in
 * `_weir.boundary` with its head in `_weir.boundary_streams` (see
 * boundary-sql.ts for the SQL and what it costs, boundary-columns.ts for
 * when recorded identities can be compared).
 */
import type pg from "pg";

import { type TBoundaryColumn, type TBoundaryHead, boundaryColumns, boundaryRule } from "@/connectors/postgres-destination/boundary-columns";
import {
  READ_BOUNDARY_HEAD_SQL,
  type TBoundaryMerge,
  type TEdgeSource,
  WRITE_BOUNDARY_HEAD_SQL,
  boundaryCursorKey,
  cursorStatsSql,
  dropAllRowsSql,
  dropHeldRowsSql,
  edgeRowsSql,
  writeBoundarySql,
} from "@/connectors/postgres-destination/boundary-sql";
import type { TSyncMode, TWritePlan } from "@/connectors/types";

type TStatsRow = { best: string | null; moved: boolean; previous: string | null; at_previous: number };
type TEdgeRows = { at_previous: string[]; at_cursor: string[] };
type THeadRow = { found: boolean; cursor: string | null; columns: TBoundaryColumn[] | null; identities: boolean };

export type TCursorCommit = { cursor: string | null; dropped: number };

function mergeFor(mode: TSyncMode, moved: boolean): TBoundaryMerge {
  if (moved || mode === "full_refresh_overwrite") return "replace";
  return mode === "full_refresh_append" ? "greatest" : "add";
}

const names = (columns: readonly TBoundaryColumn[]) => columns.map((c) => c.name);

/**
 * The new cursor (canonical wire text; the previous one when no loaded row is
 * above it; null while every row committed has a NULL cursor) after
 * dropping, in incremental modes, the rows at the boundary already
 * committed, with the boundary of the new cursor recorded.
 */
export async function commitCursorBoundary(client: pg.Client, plan: TWritePlan, src: TEdgeSource, previous: string | null): Promise<TCursorCommit> {
  const ids = [plan.connectionId, plan.stream];
  const stats = (await client.query<TStatsRow>(cursorStatsSql(src), [previous])).rows[0]!;
  const headRow = (await client.query<THeadRow>(READ_BOUNDARY_HEAD_SQL, ids)).rows[0]!;
  const head: TBoundaryHead | null = headRow.found ? { cursor: headRow.cursor, columns: headRow.columns ?? [] } : null;
  const rule = boundaryRule(stats.previous, head, !headRow.found && headRow.identities, plan.columns);
  const cursor = stats.moved ? stats.best : stats.previous;
  const merge = rule.replace ? "replace" : mergeFor(plan.mode, stats.moved);
  // Added to, the boundary keeps the columns it was recorded over; replaced, it takes the plan's.
  const recorded = merge === "replace" ? boundaryColumns(plan.columns) : rule.held.kind === "compare" ? rule.held.columns : boundaryColumns(plan.columns);
  const key = boundaryCursorKey(cursor);
  const [forget, record] = writeBoundarySql(src, merge, names(recorded));
  const forgetParams = merge === "replace" ? ids : [...ids, key];
  const writeHead = () => client.query(WRITE_BOUNDARY_HEAD_SQL, [...ids, cursor, JSON.stringify(recorded)]);
  const atPrevious = stats.at_previous > 0;

  // Nothing loaded at either cursor (it did not move, and no row sits at it): the boundary recorded at it stands, unless replaced.
  if (!stats.moved && !atPrevious) {
    await client.query(forget, forgetParams);
    if (merge === "replace" || !head) await writeHead();
    return { cursor, dropped: 0 };
  }
  const previousIsNull = stats.previous === null;
  const edge = (await client.query<TEdgeRows>(edgeRowsSql(src), [atPrevious ? stats.previous : null, cursor, atPrevious && previousIsNull, cursor === null]))
    .rows[0]!;
  const recordBoundary = async () => {
    await client.query(forget, forgetParams);
    if (edge.at_cursor.length) await client.query(record, [...ids, key, edge.at_cursor]);
    await writeHead();
  };
  const held = rule.held;
  if (!plan.mode.startsWith("incremental") || !atPrevious || held.kind === "none") {
    await recordBoundary();
    return { cursor, dropped: 0 };
  }
  if (src.checkValues) await client.query(src.checkValues, [edge.at_previous]);
  let dropped: number;
  if (held.kind === "all") {
    // Recorded first: when the cursor did not move, the rows at it are the ones the strict rule drops.
    await recordBoundary();
    dropped = (await client.query<{ dropped: number }>(dropAllRowsSql(src), [edge.at_previous])).rows[0]?.dropped ?? 0;
  } else {
    // Dropped first, reading the recorded boundary; rows it deleted are no longer visible to the record's read of the same ids.
    const sql = dropHeldRowsSql(src, names(held.columns));
    dropped = (await client.query<{ dropped: number }>(sql, [...ids, boundaryCursorKey(stats.previous), edge.at_previous])).rows[0]?.dropped ?? 0;
    await recordBoundary();
  }
  return { cursor, dropped };
}
