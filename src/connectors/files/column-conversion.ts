/**
 * The conversion rule of a files-source column (TColumn.conversion), for the
 * DuckDB types whose values do not arrive exactly as Weir's type: shown on
 * the connection page and in docs/connectors/type-mapping.md, so no change
 * is silent. Absent when every value arrives exactly. Pure.
 */
import { type DuckDBType, DuckDBTypeId } from "@duckdb/node-api";

import type { TFilesStreamConfig } from "@/connectors/files/config";
import { weirTypeOf } from "@/connectors/files/duckdb-types";

export function columnConversion(type: DuckDBType, format: TFilesStreamConfig["format"]): string | undefined {
  switch (type.typeId) {
    case DuckDBTypeId.DOUBLE:
      // Parquet stores doubles; CSV and JSON store decimal text, which DuckDB's reader parses into a double.
      return format === "parquet"
        ? undefined
        : "decimal text → float: DuckDB reads the nearest double, so digits beyond the 17th significant one (and integers beyond 64 bits) are rounded";
    case DuckDBTypeId.FLOAT:
      return "32-bit float → float: through its shortest text (0.1f arrives as 0.1, not 0.100000001490116)";
    case DuckDBTypeId.TIMESTAMP_NS:
      return "nanoseconds → microseconds: the last three fractional digits are cut";
    case DuckDBTypeId.TIME_NS:
      return "nanoseconds → microseconds: rounded to the nearest microsecond";
    case DuckDBTypeId.VARCHAR:
      return undefined;
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      if (weirTypeOf(type).kind === "array") {
        const items = columnConversion(type.valueType, format);
        return items ? `each element: ${items}` : undefined;
      }
      return `${type.toString()} → json: DuckDB's to_json of the value`;
    default: {
      // Types Weir has no kind for (STRUCT, MAP, TIMETZ, ENUM, BIT…) become json or DuckDB's text.
      const kind = weirTypeOf(type).kind;
      if (kind === "json") return `${type.toString()} → json: DuckDB's to_json of the value`;
      if (kind === "text") return `${type.toString()} → text: DuckDB's text of the value`;
      return undefined;
    }
  }
}
