/**
 * Weir types ↔ DuckDB: the column type each Weir type is stored as, and the
 * SQL converting a staged wire-text value (VARCHAR) into it. Pure.
 *
 * - numeric(p,s) is DECIMAL(p,s) while p ≤ 38, DuckDB's widest decimal;
 *   wider (or with a scale outside 0…p, which PostgreSQL ≥ 15 allows) it is
 *   VARCHAR holding the exact text: rounding it into DECIMAL(38,…) or DOUBLE
 *   would silently change the values.
 * - numeric without a declared precision (PostgreSQL's plain `numeric`) is
 *   DECIMAL(38,10): 28 integer and 10 fractional digits hold money, rates and
 *   big counters exactly and keep the column summable. A value needing more
 *   fails the load with a message naming the column, never rounds quietly
 *   (DuckDB's own cast would round 0.123456789012 to 0.1234567890).
 * - arrays arrive as JSON arrays; JSON-native items (booleans, numbers, text,
 *   and arrays of them) are cast straight from JSON to a LIST, other items
 *   are taken as text and converted element by element.
 */
import type { TWeirType } from "@/connectors/types";
import { sqlString } from "@/connectors/duckdb/sql-text";

/** The DECIMAL that numeric without a declared precision becomes. */
export const UNCONSTRAINED_NUMERIC = { precision: 38, scale: 10 } as const;

const MAX_DECIMAL_PRECISION = 38;

/** DECIMAL(p,s) when DuckDB can hold the declared numeric exactly, else null (stored as VARCHAR). */
function decimalOf(type: { precision?: number; scale?: number }): { precision: number; scale: number } | null {
  if (type.precision === undefined) return UNCONSTRAINED_NUMERIC;
  const scale = type.scale ?? 0;
  const valid = Number.isInteger(type.precision) && type.precision >= 1 && type.precision <= MAX_DECIMAL_PRECISION;
  return valid && Number.isInteger(scale) && scale >= 0 && scale <= type.precision ? { precision: type.precision, scale } : null;
}

/** The DuckDB column type of a Weir type. */
export function duckDbType(type: TWeirType): string {
  switch (type.kind) {
    case "boolean":
      return "BOOLEAN";
    case "integer":
      return "INTEGER";
    case "bigint":
      return "BIGINT";
    case "float":
      return "DOUBLE";
    case "numeric": {
      const decimal = decimalOf(type);
      return decimal ? `DECIMAL(${decimal.precision},${decimal.scale})` : "VARCHAR";
    }
    case "text":
      return "VARCHAR";
    case "uuid":
      return "UUID";
    case "date":
      return "DATE";
    case "timestamp":
      return "TIMESTAMP";
    case "timestamptz":
      return "TIMESTAMPTZ";
    case "json":
      return "JSON";
    case "bytes":
      return "BLOB";
    case "array":
      return `${duckDbType(type.items)}[]`;
  }
}

/** Types whose JSON form DuckDB's JSON → LIST cast reads directly. */
function jsonNative(type: TWeirType): boolean {
  if (type.kind === "array") return jsonNative(type.items);
  return type.kind === "boolean" || type.kind === "integer" || type.kind === "bigint" || type.kind === "float" || type.kind === "text";
}

/**
 * SQL converting `expr`, wire text (VARCHAR, NULL for NULL), to the DuckDB
 * type of `type`. `column` names the column in error messages; `depth` keeps
 * lambda parameter names apart in nested arrays.
 */
export function fromWireSql(expr: string, type: TWeirType, column: string, depth = 0): string {
  switch (type.kind) {
    case "text":
      return expr;
    case "bytes":
      return `from_base64(${expr})`;
    case "numeric": {
      const decimal = decimalOf(type);
      if (!decimal) return expr;
      const cast = `CAST(${expr} AS DECIMAL(${decimal.precision},${decimal.scale}))`;
      if (type.precision !== undefined) return cast;
      // Fractional digits beyond the scale would be rounded away by the cast.
      const message = `Column ${column}: numeric value has more than ${decimal.scale} decimal places, which DECIMAL(${decimal.precision},${decimal.scale}) (numeric without a declared precision) cannot hold: `;
      return `CASE WHEN length(rtrim(split_part(${expr}, '.', 2), '0')) > ${decimal.scale} THEN error(${sqlString(message)} || ${expr}) ELSE ${cast} END`;
    }
    case "array": {
      const json = `CAST(${expr} AS JSON)`;
      if (jsonNative(type)) return `CAST(${json} AS ${duckDbType(type)})`;
      const item = `weir_e${depth}`;
      return `list_transform(CAST(${json} AS VARCHAR[]), ${item} -> ${fromWireSql(item, type.items, column, depth + 1)})`;
    }
    default:
      return `CAST(${expr} AS ${duckDbType(type)})`;
  }
}
