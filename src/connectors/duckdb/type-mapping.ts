/**
 * Weir types ↔ DuckDB column types: the type each Weir type is stored as
 * (spelled as duckdb_columns() spells it, so a stored column compares with a
 * planned one as text), the Weir type a stored column maps back to (to
 * decide at commit whether a type change widens), and the rule shown on the
 * connection page and in docs/connectors/type-mapping.md. Pure.
 *
 * - numeric(p,s) is DECIMAL(p,s) while p ≤ 38, DuckDB's widest decimal.
 *   Wider, with a scale outside 0…p (PostgreSQL ≥ 15 allows it), or without
 *   a declared precision (PostgreSQL's plain `numeric`, which holds up to
 *   131072 digits, NaN and ±Infinity) it is VARCHAR holding the exact text:
 *   any DECIMAL would round or refuse ordinary values.
 * - Lists nest by the Weir type's depth (`INTEGER[][]`); dates and
 *   timestamps hold BC years and ±infinity exactly, TIME holds 24:00:00, and
 *   INTERVAL has PostgreSQL's three parts (months, days, microseconds).
 */
import type { TTypeDescription, TWeirType } from "@/connectors/types";

const MAX_DECIMAL_PRECISION = 38;

/** DECIMAL(p,s) when DuckDB holds the declared numeric exactly, else null (stored as VARCHAR). */
export function decimalOf(type: { precision?: number; scale?: number }): { precision: number; scale: number } | null {
  if (type.precision === undefined) return null;
  const scale = type.scale ?? 0;
  const valid = Number.isInteger(type.precision) && type.precision >= 1 && type.precision <= MAX_DECIMAL_PRECISION;
  return valid && Number.isInteger(scale) && scale >= 0 && scale <= type.precision ? { precision: type.precision, scale } : null;
}

/** The DuckDB column type of a Weir type, as duckdb_columns().data_type spells it. */
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
      return `${duckDbType(type.items)}[]`;
  }
}

const SCALARS: Record<string, TWeirType> = {
  BOOLEAN: { kind: "boolean" },
  TINYINT: { kind: "integer" },
  SMALLINT: { kind: "integer" },
  UTINYINT: { kind: "integer" },
  USMALLINT: { kind: "integer" },
  INTEGER: { kind: "integer" },
  UINTEGER: { kind: "bigint" },
  BIGINT: { kind: "bigint" },
  UBIGINT: { kind: "numeric", precision: 20, scale: 0 },
  HUGEINT: { kind: "numeric", precision: 39, scale: 0 },
  FLOAT: { kind: "float" },
  DOUBLE: { kind: "float" },
  VARCHAR: { kind: "text" },
  UUID: { kind: "uuid" },
  DATE: { kind: "date" },
  TIMESTAMP: { kind: "timestamp" },
  "TIMESTAMP WITH TIME ZONE": { kind: "timestamptz" },
  TIME: { kind: "time" },
  INTERVAL: { kind: "interval" },
  JSON: { kind: "json" },
  BLOB: { kind: "bytes" },
};

/**
 * The Weir type whose values a stored DuckDB column holds, or null for types
 * Weir does not write (structs, maps, fixed-size arrays, TIMESTAMP_NS…).
 * VARCHAR maps to text: Weir's VARCHAR numerics are text as far as a type
 * change is concerned. Narrower integers map to integer, so planning integer
 * for a SMALLINT column widens it.
 */
export function weirTypeOfDuckDb(type: string): TWeirType | null {
  const upper = type.trim().toUpperCase();
  if (upper.endsWith("[]")) {
    const items = weirTypeOfDuckDb(upper.slice(0, -2));
    return items ? { kind: "array", items } : null;
  }
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(upper);
  if (decimal) return { kind: "numeric", precision: Number(decimal[1]), scale: Number(decimal[2]) };
  return SCALARS[upper] ?? null;
}

const TEXT_NUMERIC =
  "exact decimal text (VARCHAR), because DuckDB's DECIMAL holds at most 38 digits; NaN and ±Infinity are kept as text; cast in models (e.g. CAST(col AS DOUBLE))";

/** Values of each type that DuckDB refuses (text that is not a value of the type, e.g. a fraction in a bigint, is refused too, and not listed). */
function refusals(type: TWeirType): string[] | undefined {
  switch (type.kind) {
    case "numeric":
      return decimalOf(type) ? ["NaN and ±Infinity"] : undefined;
    case "timestamp":
    case "timestamptz":
      return ["timestamps after 294247 AD (DuckDB's range)"];
    case "array":
      return ["arrays with more or fewer dimensions than the column", ...(refusals(innermost(type)) ?? []).map((r) => `elements: ${r}`)];
    default:
      return undefined;
  }
}

/** How DuckDB stores a Weir type: the column type, the conversion rule when not exact, and what it refuses. */
export function describeDuckDbType(type: TWeirType): TTypeDescription {
  const description: TTypeDescription = { type: duckDbType(type) };
  const leaf = type.kind === "array" ? innermost(type) : type;
  if (leaf.kind === "numeric" && !decimalOf(leaf)) description.conversion = type === leaf ? TEXT_NUMERIC : `elements as ${TEXT_NUMERIC}`;
  const refused = refusals(type);
  if (refused?.length) description.refuses = refused;
  return description;
}

function innermost(type: TWeirType): TWeirType {
  return type.kind === "array" ? innermost(type.items) : type;
}
