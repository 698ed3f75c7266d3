/**
 * Inside the commit's transaction: reads the new cursor off the loaded rows,
 * drops (incremental modes) the staged rows at the previous cursor that the
 * target already holds, and records the new cursor's boundary in
 * `_weir.boundary` (see boundary-sql.ts for the rule, the SQL and what it
 * costs).
 */
import type pg from "pg";

import { type TBoundaryMerge, type TEdgeSource, cursorStatsSql, dropBoundaryRowsSql, edgeRowsSql, writeBoundarySql } from "@/connectors/postgres-destination/boundary-sql";
import type { TSyncMode, TWritePlan } from "@/connectors/types";

type TStatsRow = { best: string | null; moved: boolean; previous: string | null; at_previous: number };
type TEdgeRows = { at_previous: string[]; at_cursor: string[] };

export type TCursorCommit = { cursor: string | null; dropped: number };

function mergeFor(mode: TSyncMode, moved: boolean): TBoundaryMerge {
  if (moved || mode === "full_refresh_overwrite") return "replace";
  return mode === "full_refresh_append" ? "greatest" : "add";
}

/**
 * The new cursor (canonical wire text; the previous one when no loaded row is
 * above it) after dropping, in incremental modes, the rows at the boundary
 * already committed, with the boundary of the new cursor recorded.
 */
export async function commitCursorBoundary(client: pg.Client, plan: TWritePlan, src: TEdgeSource, previous: string | null): Promise<TCursorCommit> {
  const stats = (await client.query<TStatsRow>(cursorStatsSql(src), [previous])).rows[0]!;
  const cursor = stats.moved ? stats.best : stats.previous;
  if (cursor === null) return { cursor, dropped: 0 };
  const atPrevious = stats.previous !== null && stats.at_previous > 0;
  const merge = mergeFor(plan.mode, stats.moved);
  const [forget, record] = writeBoundarySql(src, merge);
  const forgetParams = merge === "replace" ? [plan.connectionId, plan.stream] : [plan.connectionId, plan.stream, cursor];
  // Nothing loaded at either cursor (it did not move, and no row sits at it): the boundary recorded at it stands.
  if (!stats.moved && !atPrevious) {
    await client.query(forget, forgetParams);
    return { cursor, dropped: 0 };
  }
  const edge = (await client.query<TEdgeRows>(edgeRowsSql(src), [atPrevious ? stats.previous : null, cursor])).rows[0]!;
  let dropped = 0;
  if (plan.mode.startsWith("incremental") && atPrevious) {
    const result = await client.query<{ dropped: number }>(dropBoundaryRowsSql(src), [plan.connectionId, plan.stream, stats.previous, edge.at_previous]);
    dropped = result.rows[0]?.dropped ?? 0;
  }
  // After the drop, which reads the recorded boundary; rows it deleted are no longer visible to the record's read of the same ids.
  await client.query(forget, forgetParams);
  if (edge.at_cursor.length) await client.query(record, [plan.connectionId, plan.stream, cursor, edge.at_cursor]);
  return { cursor, dropped };
}
