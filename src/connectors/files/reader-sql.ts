/**
 * The DuckDB table function that reads a stream's files: read_csv,
 * read_json (newline-delimited) or read_parquet over an explicit file list,
 * with each row's file in a column of its own. Pure string building.
 */
import type { TFilesStreamConfig } from "@/connectors/files/config";
import { globLiteral, sqlString } from "@/connectors/files/wire-sql";

/** The reader's column holding each row's absolute file path; not a stream column. */
export const PATH_COLUMN = "__weir_path";

/** DuckDB list literal of files; each path escaped so DuckDB reads exactly that file and globs nothing. */
export function fileListSql(files: readonly string[]): string {
  return `[${files.map((f) => sqlString(globLiteral(f))).join(", ")}]`;
}

function structSql(entries: Iterable<[string, string]>): string {
  return `{${[...entries].map(([k, v]) => `${sqlString(k)}: ${sqlString(v)}`).join(", ")}}`;
}

/**
 * `read_…(files, …)` for `stream`. Without `types`, DuckDB infers the schema
 * from every file (union by name, so files may add, drop or reorder
 * columns). With `types` (column → DuckDB type), CSV and NDJSON columns are
 * parsed as those types instead of re-inferred; for CSV, name only columns
 * the files have.
 */
export function readerSql(stream: TFilesStreamConfig, files: readonly string[], types?: ReadonlyMap<string, string>): string {
  const list = fileListSql(files);
  const filename = `filename = ${sqlString(PATH_COLUMN)}`;
  switch (stream.format) {
    case "csv": {
      const csv = stream.csv ?? { header: true, delimiter: "," };
      const options = [
        `header = ${csv.header ? "true" : "false"}`,
        `delim = ${sqlString(csv.delimiter)}`,
        ...(csv.quote !== undefined ? [`quote = ${sqlString(csv.quote)}`] : []),
        ...(csv.escape !== undefined ? [`escape = ${sqlString(csv.escape)}`] : []),
        // "" is an empty string and an unquoted empty field is NULL, as on the wire.
        "allow_quoted_nulls = false",
        "union_by_name = true",
        filename,
        ...(types?.size ? [`types = ${structSql(types)}`] : []),
      ];
      return `read_csv(${list}, ${options.join(", ")})`;
    }
    case "ndjson": {
      const shape = types?.size ? `columns = ${structSql(types)}` : "union_by_name = true";
      return `read_json(${list}, format = 'newline_delimited', ${shape}, ${filename})`;
    }
    case "parquet":
      return `read_parquet(${list}, union_by_name = true, ${filename})`;
  }
}
