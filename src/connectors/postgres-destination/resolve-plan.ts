/**
 * Checks a write plan against what PostgreSQL and this destination can do
 * and resolves the names it will use: schema (the plan's namespace or the
 * configured default), target, staging table, overwrite copy, merge index,
 * and where the attempt's artifacts wait (beside the target, or in `_weir`
 * while the target schema does not exist: only the commit creates it).
 * Pure. Problems are the connection's configuration to fix, so BAD_INPUT with
 * the name in question.
 */
import type { TApplyTarget } from "@/connectors/postgres-destination/apply-sql";
import { WEIR_COLUMN_DEFS } from "@/connectors/postgres-destination/ddl-sql";
import {
  LEDGER_SCHEMA,
  OVERWRITE_PREFIX,
  STAGE_PREFIX,
  assertIdentifier,
  mergeIndexName,
  overwriteTableName,
  parkedTableKey,
  stageTableName,
} from "@/connectors/postgres-destination/identifiers";
import type { TResetTarget, TWritePlan } from "@/connectors/types";
import { copiesAsIs } from "@/connectors/postgres-destination/type-mapping";
import { AppError } from "@/lib/app-error";

export type TResolvedPlan = TApplyTarget & {
  plan: TWritePlan;
  /** `schema.table` as people write it, for messages. */
  label: string;
  /** The direct load's new table (in `copySchema`), or the copy a staged overwrite builds inside the commit (in `schema`). */
  overwriteCopy: string;
  copySchema: string;
  mergeIndex: string;
  /**
   * full_refresh_overwrite of columns whose wire text PostgreSQL reads as it
   * is, none kept at a type the source no longer sends (castFrom): batches
   * are COPYed straight into the overwrite copy (the new table the commit
   * swaps in), with no text staging table and no conversion pass in the
   * commit.
   */
  directLoad: boolean;
};

const RESERVED_TABLE_PREFIXES = [STAGE_PREFIX, OVERWRITE_PREFIX];
const WEIR_NAMES = new Set(WEIR_COLUMN_DEFS.map((c) => c.name));

function fail(plan: Pick<TWritePlan, "stream">, message: string): never {
  throw new AppError("BAD_INPUT", `PostgreSQL destination, stream "${plan.stream}": ${message}`);
}

/** The schema and table of a stream's target, checked; for plans and for resets (which have no run or attempt). */
export function resolveTarget(
  target: Pick<TResetTarget, "stream" | "namespace" | "table">,
  defaultSchema: string,
): { schema: string; table: string; label: string } {
  const schema = target.namespace || defaultSchema;
  assertIdentifier(schema, "schema");
  assertIdentifier(target.table, "table");
  if (schema === LEDGER_SCHEMA) fail(target, `schema "${LEDGER_SCHEMA}" is reserved for Weir's ledger; choose another destination namespace.`);
  return { schema, table: target.table, label: `${schema}.${target.table}` };
}

/** The plan with its attempt's staging (and a direct load's new table) parked in `_weir`, for a target schema that does not exist yet. */
export function parkArtifacts(r: TResolvedPlan): TResolvedPlan {
  const key = parkedTableKey(r.schema, r.table);
  const stage = { stageSchema: LEDGER_SCHEMA, stage: stageTableName(key, r.plan.runId, r.plan.attempt) };
  return r.directLoad ? { ...r, ...stage, copySchema: LEDGER_SCHEMA, overwriteCopy: overwriteTableName(key) } : { ...r, ...stage };
}

export function resolvePlan(plan: TWritePlan, defaultSchema: string): TResolvedPlan {
  const { schema } = resolveTarget(plan, defaultSchema);
  if (RESERVED_TABLE_PREFIXES.some((p) => plan.table.startsWith(p)))
    fail(plan, `table names starting with ${RESERVED_TABLE_PREFIXES.join(" or ")} are reserved for Weir's own tables; set a table prefix.`);
  if (!Number.isInteger(plan.attempt) || plan.attempt < 1 || plan.attempt > 999_999)
    fail(plan, `attempt ${plan.attempt} is not a positive integer below 1,000,000.`);
  if (plan.columns.length === 0) fail(plan, "the plan has no columns.");
  const seen = new Set<string>();
  for (const column of plan.columns) {
    assertIdentifier(column.name, "column");
    if (seen.has(column.name)) fail(plan, `column "${column.name}" appears twice.`);
    if (WEIR_NAMES.has(column.name))
      fail(plan, `column "${column.name}" has the name of a column Weir adds to every row; rename it in the source or select it out.`);
    seen.add(column.name);
  }
  for (const key of plan.primaryKey) if (!seen.has(key)) fail(plan, `primary key column "${key}" is not among the stream's columns.`);
  // A full refresh does not read by cursor: a cursor field it does not carry is ignored rather than fatal.
  const incremental = plan.mode === "incremental_append" || plan.mode === "incremental_dedup";
  const cursorField = plan.cursorField !== undefined && seen.has(plan.cursorField) ? plan.cursorField : undefined;
  if (plan.cursorField !== undefined && !cursorField && incremental) fail(plan, `cursor field "${plan.cursorField}" is not among the stream's columns.`);
  if (plan.mode === "incremental_dedup" && plan.primaryKey.length === 0)
    fail(plan, "incremental append + dedup needs a primary key; set one on the connection.");
  return {
    plan,
    schema,
    table: plan.table,
    stage: stageTableName(plan.table, plan.runId, plan.attempt),
    stageSchema: schema,
    columns: plan.columns,
    primaryKey: plan.primaryKey,
    cursorField,
    label: `${schema}.${plan.table}`,
    overwriteCopy: overwriteTableName(plan.table),
    copySchema: schema,
    mergeIndex: mergeIndexName(plan.table, plan.primaryKey),
    stagedOrder: plan.mode === "incremental_dedup",
    // A castFrom column is checked value by value (cast-check-sql.ts); COPY into its typed column would round silently.
    directLoad: plan.mode === "full_refresh_overwrite" && plan.columns.every((c) => copiesAsIs(c.type) && !c.castFrom),
  };
}
