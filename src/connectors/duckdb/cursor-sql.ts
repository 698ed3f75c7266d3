/**
 * How the DuckDB destination compares cursor values: to find the staged row
 * with the largest cursor (the new state), to keep the state from moving
 * back, and to find the rows at the cursor boundary (boundary-sql.ts).
 *
 * A cursor's key is its typed value, converted without the refusal checks of
 * from-wire-sql.ts: it is exact for every valid value, and an invalid one
 * fails the commit anyway when its row is converted for the target. That
 * keeps the state scan, which reads every staged row, at the cost of DuckDB's
 * bare cast (BC dates excepted, which DuckDB's cast would read as AD).
 * Numerics stored as exact text (type-mapping.ts) compare by a key that
 * orders decimal text by value exactly (`9.5` < `10.00`, `-1.5` > `-1.51`,
 * NaN above Infinity as in PostgreSQL), whatever its length. Pure.
 */
import type { TWeirType } from "@/connectors/types";
import { exponentAsPlain, fromWireSql, withDuckDbEra } from "@/connectors/duckdb/from-wire-sql";
import { decimalOf, duckDbType } from "@/connectors/duckdb/type-mapping";

/** Whether the type's DuckDB column holds text (so stored values compare by numericKeySql). */
function storedAsTextNumeric(type: TWeirType): boolean {
  return type.kind === "numeric" && !decimalOf(type);
}

/**
 * An order-preserving key of decimal text: {class, magnitude, digits}. Class
 * 0 -Infinity, 1 negative, 2 zero, 3 positive, 4 Infinity, 5 NaN; the
 * magnitude is the power of ten of the first significant digit; the digits
 * compare as text (a shorter prefix is smaller), mirrored for negatives.
 */
export function numericKeySql(expr: string): string {
  const plain = `(CASE WHEN contains(${expr}, 'e') OR contains(${expr}, 'E') THEN ${exponentAsPlain(expr)} ELSE ${expr} END)`;
  const negative = `starts_with(${plain}, '-')`;
  const unsigned = `ltrim(${plain}, '+-')`;
  const whole = `ltrim(split_part(${unsigned}, '.', 1), '0')`;
  const fraction = `split_part(${unsigned}, '.', 2)`;
  const digits = `rtrim(CASE WHEN ${whole} <> '' THEN ${whole} || ${fraction} ELSE ltrim(${fraction}, '0') END, '0')`;
  const magnitude = `CASE WHEN ${whole} <> '' THEN strlen(${whole}) ELSE strlen(ltrim(${fraction}, '0')) - strlen(${fraction}) END`;
  const numberClass = `CASE WHEN ${digits} = '' THEN 2 WHEN ${negative} THEN 1 ELSE 3 END`;
  const cls = `CASE ${expr} WHEN '-Infinity' THEN 0 WHEN 'Infinity' THEN 4 WHEN '+Infinity' THEN 4 WHEN 'NaN' THEN 5 ELSE ${numberClass} END`;
  const signed = (value: string, mirrored: string, none: string) => `CASE ${cls} WHEN 3 THEN ${value} WHEN 1 THEN ${mirrored} ELSE ${none} END`;
  return `struct_pack(c := ${cls}, m := ${signed(magnitude, `-(${magnitude})`, "0")}, d := ${signed(digits, `translate(${digits}, '0123456789', '9876543210') || '~'`, "''")})`;
}

/** The comparable value of a cursor given as wire text (a staged value or a state's cursor). */
export function cursorKeySql(expr: string, type: TWeirType): string {
  switch (type.kind) {
    case "text":
      return expr;
    case "integer":
    case "bigint":
    case "float":
    case "boolean":
    case "uuid":
      return `TRY_CAST(${expr} AS ${duckDbType(type)})`;
    case "numeric":
      return storedAsTextNumeric(type) ? numericKeySql(expr) : `TRY_CAST(${expr} AS ${duckDbType(type)})`;
    case "date":
    case "timestamp":
    case "timestamptz": {
      const duck = duckDbType(type);
      return `TRY_CAST(CASE WHEN ends_with(${expr}, ' BC') THEN ${withDuckDbEra(expr, duck)} ELSE ${expr} END AS ${duck})`;
    }
    default:
      return fromWireSql(expr, type, "", "try");
  }
}

/** The comparable value of a cursor column's stored value (a target row), to compare with cursorKeySql. */
export function storedCursorKeySql(expr: string, type: TWeirType): string {
  return storedAsTextNumeric(type) ? numericKeySql(expr) : expr;
}
