/**
 * A configured stream plus the columns DuckDB found in its files → the
 * stream descriptor discover returns. Every stream also has the row's file
 * and that file's modification time (the cursor, so dedup keeps the newest
 * file's row); incremental reads go by a per-file ledger (incrementalBy
 * "objects", file-ledger.ts). Pure.
 */
import { columnConversion } from "@/connectors/files/column-conversion";
import type { TFilesStreamConfig } from "@/connectors/files/config";
import type { TDuckColumn } from "@/connectors/files/duckdb-session";
import { weirTypeOf } from "@/connectors/files/duckdb-types";
import { FILE_COLUMN, MTIME_COLUMN } from "@/connectors/files/mtime-cursor";
import type { TColumn, TStreamDescriptor } from "@/connectors/types";
import { AppError } from "@/lib/app-error";

export const FILE_COLUMNS: readonly TColumn[] = [
  { name: FILE_COLUMN, type: { kind: "text" }, nullable: false, sourceType: "file path (relative to basePath)" },
  { name: MTIME_COLUMN, type: { kind: "timestamptz" }, nullable: false, sourceType: "file modification time" },
];

export function buildStreamDescriptor(stream: TFilesStreamConfig, found: readonly TDuckColumn[], estimatedRows?: number): TStreamDescriptor {
  const clash = found.find((c) => FILE_COLUMNS.some((f) => f.name === c.name));
  if (clash) {
    throw new AppError(
      "BAD_INPUT",
      `Stream "${stream.name}": the files have a column named "${clash.name}", a name the files source gives its own column; rename it in the files.`,
    );
  }
  const columns: TColumn[] = [
    ...found.map((c) => {
      const conversion = columnConversion(c.type, stream.format);
      return { name: c.name, type: weirTypeOf(c.type), nullable: true, sourceType: c.type.toString(), ...(conversion ? { conversion } : {}) };
    }),
    ...FILE_COLUMNS,
  ];
  const missing = stream.primaryKey.filter((key) => !columns.some((c) => c.name === key));
  if (missing.length) {
    throw new AppError(
      "BAD_INPUT",
      `Stream "${stream.name}": primary key column${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m}"`).join(", ")} not found in the files (columns: ${columns.map((c) => c.name).join(", ")}).`,
    );
  }
  return {
    name: stream.name,
    columns,
    primaryKey: [...stream.primaryKey],
    cursorCandidates: [MTIME_COLUMN],
    supportsIncremental: true,
    incrementalBy: "objects",
    ...(estimatedRows !== undefined ? { estimatedRows } : {}),
  };
}
