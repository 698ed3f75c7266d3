/**
 * The boundary a commit filters its staged rows at the saved cursor with
 * (TDestinationSession.commitStream), chosen from what the ledger holds:
 *
 * - the boundary recorded at the saved cursor (NULL while the stream has no
 *   cursor yet), hashed over the columns recorded with it: staged identities
 *   are hashed over the same columns when the plan still has every one of
 *   them with the same type (a column was added since), else they cannot be
 *   compared and every staged row at the cursor counts as held;
 * - a boundary recorded before its columns were (Weir's first boundaries):
 *   taken as hashed over the plan's columns while the table stores exactly
 *   those, else every staged row at the cursor counts as held;
 * - no boundary at all under a saved cursor (a commit from before
 *   boundaries, when reads were strictly after the cursor): the rows the
 *   target holds at the cursor stand in while the table stores the plan's
 *   columns as planned, else every staged row at it counts as held;
 * - no NULL boundary while the stream has no cursor (its first run, or after
 *   a reset): nothing is held.
 *
 * The chosen boundary is copied into a TEMP table for the rest of the
 * transaction: it is read twice (the filter, then the new boundary), and a
 * dedup's filter deletes the held rows from the very staged table a "held"
 * boundary counts.
 */
import type { TWritePlan } from "@/connectors/types";
import { WEIR_COLUMNS } from "@/connectors/types";
import { sameWeirType } from "@/connectors/type-widening";
import { type TIdentityColumns, type TRecordedBoundary, legacyBoundarySql, planIdentity, stagedBoundarySql } from "@/connectors/duckdb/boundary-sql";
import { type TBoundaryColumn, type TBoundaryRecord, boundaryRecordFromRow, boundaryRecordSql, recordedBoundarySql } from "@/connectors/duckdb/ledger-keys";
import type { TDuckDbHandle } from "@/connectors/duckdb/open-database";
import { ident } from "@/connectors/duckdb/sql-text";
import type { TStoredColumn } from "@/connectors/duckdb/target-ddl";
import { duckDbType } from "@/connectors/duckdb/type-mapping";

const RECORDED = "_weir_recorded";

/** Where a commit's boundary comes from (see the header). */
export type TBoundaryChoice = { kind: "recorded"; identity: TIdentityColumns } | { kind: "target" } | { kind: "held" } | null;

/** Plan indexes of the recorded columns, when the plan has each of them with the same type; null when one was dropped, ignored or retyped. */
export function identityOfRecorded(plan: TWritePlan, recorded: readonly TBoundaryColumn[]): TIdentityColumns | null {
  const identity: number[] = [];
  for (const column of recorded) {
    const index = plan.columns.findIndex((c) => c.name === column.name);
    if (index < 0 || !sameWeirType(plan.columns[index]!.type, column.type)) return null;
    identity.push(index);
  }
  return identity;
}

/** Whether every plan column is stored with its planned type (and, when `only`, the table has no other column but Weir's). */
export function storedAsPlanned(plan: TWritePlan, stored: readonly TStoredColumn[], only = false): boolean {
  const types = new Map(stored.map((c) => [c.name.toLowerCase(), c.type.toUpperCase()]));
  if (!plan.columns.every((c) => types.get(c.name.toLowerCase()) === duckDbType(c.type))) return false;
  if (!only) return true;
  const known = new Set([...plan.columns.map((c) => c.name.toLowerCase()), ...Object.values(WEIR_COLUMNS).map((c) => c.toLowerCase())]);
  return stored.every((c) => known.has(c.name.toLowerCase()));
}

/** The boundary to filter with, by the rules of the header. Pure. */
export function chooseBoundary(plan: TWritePlan, record: TBoundaryRecord, previous: string | null, stored: readonly TStoredColumn[]): TBoundaryChoice {
  if (record.columnsAt) {
    const identity = identityOfRecorded(plan, record.columnsAt);
    return identity ? { kind: "recorded", identity } : { kind: "held" };
  }
  if (record.identitiesAt > 0) return storedAsPlanned(plan, stored, true) ? { kind: "recorded", identity: planIdentity(plan) } : { kind: "held" };
  if (record.anyRows > 0 || previous === null) return null;
  return storedAsPlanned(plan, stored) ? { kind: "target" } : { kind: "held" };
}

/** The relation ("key", "count") of a choice. */
function choiceSql(plan: TWritePlan, choice: NonNullable<TBoundaryChoice>, stage: string, cursor: number, previous: string | null): string {
  switch (choice.kind) {
    case "recorded":
      return recordedBoundarySql(plan.connectionId, plan.stream, previous);
    case "target":
      // chooseBoundary picks it only under a saved cursor.
      return legacyBoundarySql(plan, cursor, previous ?? "");
    case "held":
      return stagedBoundarySql(plan, cursor, stage, previous);
  }
}

/** Reads the stream's boundary record, chooses, and copies the chosen boundary into a TEMP table; null when nothing is held. */
export async function loadRecordedBoundary(
  db: TDuckDbHandle,
  plan: TWritePlan,
  stage: string,
  cursor: number,
  previous: string | null,
  stored: readonly TStoredColumn[],
): Promise<TRecordedBoundary | null> {
  const [row] = await db.rows(boundaryRecordSql(plan.connectionId, plan.stream, previous));
  const choice = chooseBoundary(plan, boundaryRecordFromRow(row), previous, stored);
  if (!choice) return null;
  await db.run(`CREATE OR REPLACE TEMP TABLE ${ident(RECORDED)} AS ${choiceSql(plan, choice, stage, cursor, previous)}`);
  return { relation: `SELECT "key", "count" FROM temp.main.${ident(RECORDED)}`, identity: choice.kind === "recorded" ? choice.identity : planIdentity(plan) };
}

export const DROP_RECORDED_BOUNDARY_SQL = `DROP TABLE IF EXISTS temp.main.${ident(RECORDED)}`;
