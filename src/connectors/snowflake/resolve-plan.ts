/**
 * Checks a write plan against what Snowflake and this destination can do and
 * resolves the names it will use: schema (the plan's namespace or the
 * configured default), target, staging table. Pure. Problems
 * are the connection's configuration to fix, so BAD_INPUT naming them.
 */
import type { TApplyTarget } from "@/connectors/snowflake/apply-sql";
import { WEIR_SCHEMA, assertIdentifier, fold, stageTableName } from "@/connectors/snowflake/identifiers";
import { WEIR_COLUMN_DEFS } from "@/connectors/snowflake/load-sql";
import type { TWritePlan } from "@/connectors/types";
import { AppError } from "@/lib/app-error";

export type TResolvedPlan = TApplyTarget & {
  plan: TWritePlan;
  /** `schema.table` as people write it, for messages. */
  label: string;
};

const WEIR_NAMES = new Set(WEIR_COLUMN_DEFS.map((c) => fold(c.name)));

function fail(plan: TWritePlan, message: string): never {
  throw new AppError("BAD_INPUT", `Snowflake destination, stream "${plan.stream}": ${message}`);
}

export function resolvePlan(plan: TWritePlan, defaultSchema: string): TResolvedPlan {
  const schema = plan.namespace || defaultSchema;
  assertIdentifier(schema, "schema");
  assertIdentifier(plan.table, "table");
  if (fold(schema) === WEIR_SCHEMA) fail(plan, `schema "${WEIR_SCHEMA}" is reserved for Weir's ledger and staging; choose another destination namespace.`);
  if (!Number.isInteger(plan.attempt) || plan.attempt < 1 || plan.attempt > 999_999)
    fail(plan, `attempt ${plan.attempt} is not a positive integer below 1,000,000.`);
  if (plan.columns.length === 0) fail(plan, "the plan has no columns.");
  const stored = new Map<string, string>();
  for (const column of plan.columns) {
    assertIdentifier(column.name, "column");
    const name = fold(column.name);
    const clash = stored.get(name);
    if (clash !== undefined)
      fail(
        plan,
        clash === column.name
          ? `column "${column.name}" appears twice.`
          : `columns "${clash}" and "${column.name}" are both stored as ${name} (Snowflake upper-cases plain names); rename one in the source or select it out.`,
      );
    if (WEIR_NAMES.has(name)) fail(plan, `column "${column.name}" has the name of a column Weir adds to every row; rename it in the source or select it out.`);
    stored.set(name, column.name);
  }
  const names = new Set(plan.columns.map((c) => c.name));
  for (const key of plan.primaryKey) if (!names.has(key)) fail(plan, `primary key column "${key}" is not among the stream's columns.`);
  if (plan.mode === "incremental_dedup" && plan.primaryKey.length === 0) fail(plan, "incremental_dedup needs a primary key.");
  // A full refresh does not read by cursor: a cursor field it does not carry is ignored rather than fatal.
  const incremental = plan.mode === "incremental_append" || plan.mode === "incremental_dedup";
  const cursorField = plan.cursorField !== undefined && names.has(plan.cursorField) ? plan.cursorField : undefined;
  if (plan.cursorField !== undefined && !cursorField && incremental) fail(plan, `cursor field "${plan.cursorField}" is not among the stream's columns.`);
  return {
    plan,
    schema,
    table: plan.table,
    stage: stageTableName(plan.connectionId, plan.stream, plan.runId, plan.attempt),
    columns: plan.columns,
    primaryKey: plan.primaryKey,
    cursorField,
    runId: plan.runId,
    stream: plan.stream,
    label: `${schema}.${plan.table}`,
  };
}
