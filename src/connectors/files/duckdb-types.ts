/**
 * DuckDB types ↔ Weir types for the files source. Pure.
 *
 * `weirTypeOf` maps what DuckDB inferred from the files (discover);
 * `duckTypeSql` names the DuckDB type a column is read or cast as so that
 * every read produces the types discover promised, whatever a new file alone
 * would have been inferred as.
 */
import { type DuckDBType, DuckDBTypeId } from "@duckdb/node-api";

import type { TWeirType } from "@/connectors/types";

/** The Weir type of a DuckDB column type. Lists of objects are JSON, not arrays of JSON strings. */
export function weirTypeOf(type: DuckDBType): TWeirType {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return { kind: "boolean" };
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
      return { kind: "integer" };
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
      return { kind: "bigint" };
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return { kind: "numeric" };
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return { kind: "float" };
    case DuckDBTypeId.DECIMAL:
      return { kind: "numeric", precision: type.width, scale: type.scale };
    case DuckDBTypeId.VARCHAR:
      return type.alias?.toUpperCase() === "JSON" ? { kind: "json" } : { kind: "text" };
    case DuckDBTypeId.UUID:
      return { kind: "uuid" };
    case DuckDBTypeId.DATE:
      return { kind: "date" };
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return { kind: "timestamp" };
    case DuckDBTypeId.TIMESTAMP_TZ:
      return { kind: "timestamptz" };
    case DuckDBTypeId.TIME:
    case DuckDBTypeId.TIME_NS:
      return { kind: "time" };
    case DuckDBTypeId.INTERVAL:
      return { kind: "interval" };
    case DuckDBTypeId.BLOB:
      return { kind: "bytes" };
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const items = weirTypeOf(type.valueType);
      return items.kind === "json" ? { kind: "json" } : { kind: "array", items };
    }
    case DuckDBTypeId.STRUCT:
    case DuckDBTypeId.MAP:
    case DuckDBTypeId.UNION:
    case DuckDBTypeId.VARIANT:
      return { kind: "json" };
    default:
      // TIMETZ, ENUM, BIT, GEOMETRY, NULL…: their DuckDB text is the most faithful value.
      return { kind: "text" };
  }
}

/** DuckDB's DECIMAL holds at most 38 digits. */
const MAX_DECIMAL_PRECISION = 38;

/**
 * The DuckDB type a column of Weir type `type` is read as. Unbounded numerics
 * are read as text so no digit is lost; json as DuckDB's JSON (text that is
 * validated, nested values kept verbatim).
 */
export function duckTypeSql(type: TWeirType): string {
  switch (type.kind) {
    case "boolean":
      return "BOOLEAN";
    case "integer":
      return "INTEGER";
    case "bigint":
      return "BIGINT";
    case "float":
      return "DOUBLE";
    case "numeric":
      return type.precision !== undefined && type.precision <= MAX_DECIMAL_PRECISION ? `DECIMAL(${type.precision},${type.scale ?? 0})` : "VARCHAR";
    case "text":
      return "VARCHAR";
    case "uuid":
      return "UUID";
    case "date":
      return "DATE";
    case "timestamp":
      return "TIMESTAMP";
    case "timestamptz":
      return "TIMESTAMP WITH TIME ZONE";
    case "time":
      return "TIME";
    case "interval":
      return "INTERVAL";
    case "json":
      return "JSON";
    case "bytes":
      return "BLOB";
    case "array":
      return `${duckTypeSql(type.items)}[]`;
  }
}

export function sameWeirType(a: TWeirType, b: TWeirType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "numeric" && b.kind === "numeric") return a.precision === b.precision && a.scale === b.scale;
  if (a.kind === "array" && b.kind === "array") return sameWeirType(a.items, b.items);
  return true;
}
