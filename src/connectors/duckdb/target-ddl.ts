/**
 * DDL of target tables, run inside the commit's transaction (so a failed run
 * changes nothing, DDL included): the schema and table created when missing,
 * with the mapped plan columns followed by Weir's; columns the source gained
 * added at the end; columns whose type the source changed altered when the
 * change widens (type-widening.ts), old values converted through their wire
 * text exactly as new ones are, and SCHEMA_CHANGED otherwise. An overwrite
 * builds its new table from the same rules instead of altering. DuckDB
 * matches identifiers case-insensitively even when quoted, so stored columns
 * are matched that way too. Pure string building.
 */
import type { TWeirType, TWritePlan } from "@/connectors/types";
import { WEIR_COLUMNS } from "@/connectors/types";
import { isWidening, weirTypeName } from "@/connectors/type-widening";
import { fromWireSql } from "@/connectors/duckdb/from-wire-sql";
import { ident, qualified, sqlString } from "@/connectors/duckdb/sql-text";
import { toWireSql } from "@/connectors/duckdb/to-wire-sql";
import { duckDbType, weirTypeOfDuckDb } from "@/connectors/duckdb/type-mapping";
import { AppError } from "@/lib/app-error";

/** A column of the stored target table: its name as stored and duckdb_columns()'s data_type. */
export type TStoredColumn = { name: string; type: string };

/** Every column of a target table as name and DuckDB type: the plan's, then Weir's. */
export function targetColumnTypes(plan: TWritePlan): { name: string; type: string }[] {
  return [
    ...plan.columns.map((c) => ({ name: c.name, type: duckDbType(c.type) })),
    { name: WEIR_COLUMNS.runId, type: "VARCHAR" },
    { name: WEIR_COLUMNS.extractedAt, type: "TIMESTAMP WITH TIME ZONE" },
    { name: WEIR_COLUMNS.stream, type: "VARCHAR" },
  ];
}

/** BAD_INPUT when two columns would be one column in DuckDB (names equal but for case) or a source column uses a Weir column's name. */
export function assertDistinctColumns(plan: TWritePlan): void {
  const seen = new Map<string, string>();
  for (const { name } of targetColumnTypes(plan)) {
    const other = seen.get(name.toLowerCase());
    if (other !== undefined) {
      throw new AppError(
        "BAD_INPUT",
        `DuckDB destination: ${plan.stream} has columns "${other}" and "${name}", which DuckDB treats as one (identifiers are case-insensitive there, and _weir_ columns are Weir's).`,
      );
    }
    seen.set(name.toLowerCase(), name);
  }
}

/** Name and data_type of each column of the (persistent) target table, in table order; no rows when it does not exist. */
export function existingColumnsSql(namespace: string, table: string): string {
  return `SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = current_database()
  AND lower(schema_name) = lower(${sqlString(namespace)}) AND lower(table_name) = lower(${sqlString(table)}) ORDER BY column_index`;
}

/** A plan column whose stored type differs from the planned one, and widens to it. */
export type TTypeChange = { stored: TStoredColumn; from: TWeirType; to: TWeirType };

/**
 * The plan columns whose stored DuckDB type differs from the plan's, each
 * a widening; SCHEMA_CHANGED naming table, column and both types for the
 * first that is not (nothing is changed then).
 */
export function typeChanges(plan: TWritePlan, stored: readonly TStoredColumn[]): TTypeChange[] {
  const byName = new Map(stored.map((c) => [c.name.toLowerCase(), c]));
  const changes: TTypeChange[] = [];
  for (const column of plan.columns) {
    const current = byName.get(column.name.toLowerCase());
    const planned = duckDbType(column.type);
    if (!current || current.type.toUpperCase() === planned) continue;
    const from = weirTypeOfDuckDb(current.type);
    if (from && isWidening(from, column.type)) {
      changes.push({ stored: current, from, to: column.type });
      continue;
    }
    const storedAs = from ? `${weirTypeName(from)} (DuckDB ${current.type})` : `DuckDB ${current.type}`;
    throw new AppError(
      "SCHEMA_CHANGED",
      `DuckDB destination: column "${current.name}" of ${qualified(plan.namespace, plan.table)} (stream ${plan.stream}) is stored as ${storedAs}, ` +
        `and the source now sends ${weirTypeName(column.type)} (DuckDB ${planned}), which cannot hold every stored value exactly. Nothing was changed. ` +
        `Choose what happens: rebuild the table from scratch (clear the stream with its table, then sync), keep the column as it is and cast in models, or stop syncing the column.`,
      // What the engine needs to offer the choices (src/engine/sync/sync-failure.ts): the column and both Weir type names.
      { column: column.name, storedType: from ? weirTypeName(from) : current.type, plannedType: weirTypeName(column.type) },
    );
  }
  return changes;
}

/** ALTER … TYPE converting each old value to its wire text and that to the new type, as a new value would be. */
function alterTypeSql(plan: TWritePlan, change: TTypeChange): string {
  const column = ident(change.stored.name);
  const using = fromWireSql(toWireSql(column, change.from), change.to, column);
  return `ALTER TABLE ${qualified(plan.namespace, plan.table)} ALTER COLUMN ${column} SET DATA TYPE ${duckDbType(change.to)} USING (${using})`;
}

/** DDL making the target ready for an append or a merge: schema and table when missing, else type changes and new columns. */
export function targetDdl(plan: TWritePlan, stored: readonly TStoredColumn[]): string[] {
  const target = qualified(plan.namespace, plan.table);
  if (!stored.length) {
    const columns = targetColumnTypes(plan).map((c) => `${ident(c.name)} ${c.type}`);
    return [`CREATE SCHEMA IF NOT EXISTS ${ident(plan.namespace)}`, `CREATE TABLE ${target} (${columns.join(", ")})`];
  }
  const have = new Set(stored.map((c) => c.name.toLowerCase()));
  return [
    ...typeChanges(plan, stored).map((change) => alterTypeSql(plan, change)),
    ...targetColumnTypes(plan)
      .filter((c) => !have.has(c.name.toLowerCase()))
      .map((c) => `ALTER TABLE ${target} ADD COLUMN ${ident(c.name)} ${c.type}`),
  ];
}

/**
 * The new table of an overwrite, named `replacement` in the target's schema:
 * the stored columns in their order (plan columns with the plan's types, so a
 * widened column is rebuilt with its new type; columns the source dropped
 * keep theirs and stay NULL), then plan and Weir columns the table lacks.
 * Checks type changes like targetDdl, so a narrowing is refused here too.
 */
export function overwriteTableSql(plan: TWritePlan, stored: readonly TStoredColumn[], replacement: string): string[] {
  typeChanges(plan, stored);
  const planned = new Map(targetColumnTypes(plan).map((c) => [c.name.toLowerCase(), c]));
  const columns = stored.map((c) => ({ name: c.name, type: planned.get(c.name.toLowerCase())?.type ?? c.type }));
  const have = new Set(stored.map((c) => c.name.toLowerCase()));
  columns.push(...targetColumnTypes(plan).filter((c) => !have.has(c.name.toLowerCase())));
  return [
    `CREATE SCHEMA IF NOT EXISTS ${ident(plan.namespace)}`,
    `CREATE TABLE ${qualified(plan.namespace, replacement)} (${columns.map((c) => `${ident(c.name)} ${c.type}`).join(", ")})`,
  ];
}
