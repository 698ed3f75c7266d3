/**
 * SQL of an attempt's staging table: one VARCHAR column per plan column
 * (`c_0`, `c_1`… in plan order, so no source name can clash with Weir's
 * own) holding the wire text as loaded, plus the batch's extraction time.
 * Batches are appended by DuckDB's CSV reader, configured for exactly Weir's
 * wire format: an empty unquoted field is NULL, `""` is the empty string.
 * Pure string building.
 */
import type { TRecordBatch, TWritePlan } from "@/connectors/types";
import { globLiteral, ident, sqlString, timestamptzLiteral } from "@/connectors/duckdb/sql-text";
import { AppError } from "@/lib/app-error";

/** The staged text of plan column `index`. */
export function stageColumn(index: number): string {
  return `c_${index}`;
}

export const STAGE_EXTRACTED_AT = "_weir_extracted_at";

/** The staging table's name prefix for a target table; the attempt's name is `<prefix><run>_<attempt>`. */
export function stagePrefix(table: string): string {
  return `_weir_stage_${table}_`;
}

/** `_weir_stage_<table>_<first 8 alphanumerics of the run id>_<attempt>`. */
export function stageName(plan: Pick<TWritePlan, "table" | "runId" | "attempt">): string {
  return `${stagePrefix(plan.table)}${plan.runId.replace(/[^A-Za-z0-9]/g, "").slice(0, 8)}_${plan.attempt}`;
}

/** Staging tables are temporary: private to the session's connection and gone with it. */
export function stageRef(name: string): string {
  return `temp.main.${ident(name)}`;
}

export function createStageSql(plan: TWritePlan, name: string): string {
  const columns = plan.columns.map((_, i) => `${stageColumn(i)} VARCHAR`);
  return `CREATE OR REPLACE TEMP TABLE ${ident(name)} (${[...columns, `${STAGE_EXTRACTED_AT} TIMESTAMPTZ`].join(", ")})`;
}

/** Plan column index of each CSV field of the batch; BAD_INPUT when the batch names a column the plan lacks. */
export function batchColumnIndexes(plan: TWritePlan, batch: TRecordBatch): number[] {
  const positions = new Map(plan.columns.map((c, i) => [c.name, i]));
  return batch.columns.map((name) => {
    const index = positions.get(name);
    if (index === undefined) {
      throw new AppError("BAD_INPUT", `DuckDB destination: the batch of ${plan.stream} has a column "${name}" that is not in the stream's accepted columns.`);
    }
    return index;
  });
}

/** DuckDB's default longest line; a batch may hold longer rows (big JSON or text values). */
const DEFAULT_MAX_LINE = 2 * 1024 * 1024;

/**
 * The reader's line limit and buffer for a batch file of `fileBytes`. A line
 * can be as long as the file, but the buffer need not be larger than the
 * file: DuckDB's default buffer is 16 lines' worth (for an 8 MB batch,
 * 128 MB allocated per load, which is most of a worker's memory).
 */
export function csvReaderSizes(fileBytes: number): { maxLineSize: number; bufferSize: number } {
  const maxLineSize = Math.max(DEFAULT_MAX_LINE, fileBytes + 1);
  return { maxLineSize, bufferSize: maxLineSize };
}

/** read_csv's options for wire CSV files holding `columns` (staged names, in field order), the largest file `maxFileBytes` long. */
export function wireCsvReaderOptions(columns: readonly string[], maxFileBytes: number): string {
  const sizes = csvReaderSizes(maxFileBytes);
  const types = columns.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(", ");
  return [
    "header = false",
    "auto_detect = false",
    `columns = {${types}}`,
    "delim = ','",
    "quote = '\"'",
    "escape = '\"'",
    "nullstr = ''",
    "allow_quoted_nulls = false",
    "new_line = '\\n'",
    "strict_mode = true",
    `max_line_size = ${sizes.maxLineSize}`,
    `buffer_size = ${sizes.bufferSize}`,
  ].join(", ");
}

/** INSERT appending the wire CSV in `file` (fields in the order of `indexes`) to the staging table. */
export function loadStageSql(name: string, indexes: number[], file: string, fileBytes: number, extractedAt: Date): string {
  const columns = indexes.map(stageColumn);
  return `INSERT INTO ${stageRef(name)} (${[...columns, STAGE_EXTRACTED_AT].join(", ")})
SELECT ${columns.join(", ")}, ${timestamptzLiteral(extractedAt)} FROM read_csv(${globLiteral(file)}, ${wireCsvReaderOptions(columns, fileBytes)})`;
}
