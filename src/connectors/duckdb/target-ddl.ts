/**
 * DDL of target tables: schema and table created when missing, with the
 * mapped plan columns followed by Weir's columns, and columns the source
 * gained since the table was made added at the end (schema propagation).
 * DuckDB matches identifiers case-insensitively even when quoted, so
 * existing columns are compared that way too. Pure string building.
 */
import type { TWritePlan } from "@/connectors/types";
import { WEIR_COLUMNS } from "@/connectors/types";
import { duckDbType } from "@/connectors/duckdb/type-mapping";
import { ident, qualified, sqlString } from "@/connectors/duckdb/sql-text";
import { AppError } from "@/lib/app-error";

/** Every column of a target table as name and DuckDB type: the plan's, then Weir's. */
export function targetColumnTypes(plan: TWritePlan): { name: string; type: string }[] {
  return [
    ...plan.columns.map((c) => ({ name: c.name, type: duckDbType(c.type) })),
    { name: WEIR_COLUMNS.runId, type: "VARCHAR" },
    { name: WEIR_COLUMNS.extractedAt, type: "TIMESTAMPTZ" },
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

export function createTargetSql(plan: TWritePlan): string[] {
  const columns = targetColumnTypes(plan).map((c) => `${ident(c.name)} ${c.type}`);
  return [`CREATE SCHEMA IF NOT EXISTS ${ident(plan.namespace)}`, `CREATE TABLE IF NOT EXISTS ${qualified(plan.namespace, plan.table)} (${columns.join(", ")})`];
}

/** Column names of the (persistent) target table. */
export function existingColumnsSql(namespace: string, table: string): string {
  return `SELECT column_name FROM duckdb_columns() WHERE database_name = current_database()
  AND lower(schema_name) = lower(${sqlString(namespace)}) AND lower(table_name) = lower(${sqlString(table)}) ORDER BY column_index`;
}

/** ALTER TABLE … ADD COLUMN for each target column the table lacks. */
export function addColumnsSql(plan: TWritePlan, existing: string[]): string[] {
  const have = new Set(existing.map((n) => n.toLowerCase()));
  return targetColumnTypes(plan)
    .filter((c) => !have.has(c.name.toLowerCase()))
    .map((c) => `ALTER TABLE ${qualified(plan.namespace, plan.table)} ADD COLUMN ${ident(c.name)} ${c.type}`);
}
