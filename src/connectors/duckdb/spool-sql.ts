/**
 * SQL reading an attempt's spooled batch files (batch-files.ts) as the
 * staged rows: VARCHAR columns `c_<plan index>` holding the wire text, plus
 * the batch's extraction time, exactly the shape of a staging table
 * (stage-sql.ts). Batches with the same extraction time and column order
 * are read by one read_csv over their files (DuckDB reads them in
 * parallel); columns a batch lacks are NULL. Pure string building.
 */
import { STAGE_EXTRACTED_AT, stageColumn, wireCsvReaderOptions } from "@/connectors/duckdb/stage-sql";
import { globLiteral, timestamptzLiteral } from "@/connectors/duckdb/sql-text";
import type { TWritePlan } from "@/connectors/types";

/** One batch written to the load folder: its file, what it holds and when it was extracted. */
export type TSpooledBatch = {
  file: string;
  /** Plan column index of each CSV field, in field order. */
  indexes: number[];
  rows: number;
  bytes: number;
  extractedAt: Date;
};

/** Batches grouped by extraction time and column order, in first-seen order. */
function groupsOf(batches: readonly TSpooledBatch[]): TSpooledBatch[][] {
  const groups = new Map<string, TSpooledBatch[]>();
  for (const batch of batches) {
    const key = `${batch.extractedAt.getTime()}|${batch.indexes.join(",")}`;
    const group = groups.get(key);
    if (group) group.push(batch);
    else groups.set(key, [batch]);
  }
  return [...groups.values()];
}

/** SELECT of every spooled row as staged text; `batches` must not be empty. */
export function spooledRowsSql(plan: Pick<TWritePlan, "columns">, batches: readonly TSpooledBatch[]): string {
  if (!batches.length) throw new Error("spooledRowsSql needs at least one batch");
  const selects = groupsOf(batches).map((group) => {
    const first = group[0]!;
    const present = new Set(first.indexes);
    const columns = plan.columns.map((_, i) => (present.has(i) ? stageColumn(i) : `CAST(NULL AS VARCHAR) AS ${stageColumn(i)}`));
    const files = `[${group.map((b) => globLiteral(b.file)).join(", ")}]`;
    const maxBytes = Math.max(...group.map((b) => b.bytes));
    return `SELECT ${[...columns, `${timestamptzLiteral(first.extractedAt)} AS ${STAGE_EXTRACTED_AT}`].join(", ")} FROM read_csv(${files}, ${wireCsvReaderOptions(first.indexes.map(stageColumn), maxBytes)})`;
  });
  return selects.join("\nUNION ALL\n");
}
