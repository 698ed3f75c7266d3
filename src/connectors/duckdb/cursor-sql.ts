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
 * NaN above Infinity as in PostgreSQL), whatever its length. Every key of
 * a NULL cursor is NULL, so aggregates and NULLS LAST orderings skip it.
 * Pure.
 */
import type { TWeirType } from "@/connectors/types";
import { exponentAsPlain, fromWireSql, withDuckDbEra } from "@/connectors/duckdb/from-wire-sql";
import { bindSql } from "@/connectors/duckdb/sql-text";
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
 * NULL for NULL: a struct of NULLs would compare above every number.
 */
export function numericKeySql(expr: string): string {
  // Each step is bound once (sql-text.ts, bindSql): spelled out, the key was 69 KB of SQL.
  const plain = `CASE WHEN contains(${expr}, 'e') OR contains(${expr}, 'E') THEN ${exponentAsPlain(expr)} ELSE ${expr} END`;
  const parts = `struct_pack(negative := starts_with(weir_p, '-'), whole := ltrim(split_part(ltrim(weir_p, '+-'), '.', 1), '0'), fraction := split_part(ltrim(weir_p, '+-'), '.', 2))`;
  const shape = `struct_pack(negative := weir_a.negative,
    digits := rtrim(CASE WHEN weir_a.whole <> '' THEN weir_a.whole || weir_a.fraction ELSE ltrim(weir_a.fraction, '0') END, '0'),
    magnitude := CASE WHEN weir_a.whole <> '' THEN strlen(weir_a.whole) ELSE strlen(ltrim(weir_a.fraction, '0')) - strlen(weir_a.fraction) END)`;
  const numberClass = `CASE WHEN weir_b.digits = '' THEN 2 WHEN weir_b.negative THEN 1 ELSE 3 END`;
  const cls = `CASE ${expr} WHEN '-Infinity' THEN 0 WHEN 'Infinity' THEN 4 WHEN '+Infinity' THEN 4 WHEN 'NaN' THEN 5 ELSE ${numberClass} END`;
  const signed = (value: string, mirrored: string, none: string) => `CASE ${cls} WHEN 3 THEN ${value} WHEN 1 THEN ${mirrored} ELSE ${none} END`;
  const key = `struct_pack(c := ${cls}, m := ${signed("weir_b.magnitude", "-weir_b.magnitude", "0")}, d := ${signed("weir_b.digits", "translate(weir_b.digits, '0123456789', '9876543210') || '~'", "''")})`;
  return `(CASE WHEN ${expr} IS NULL THEN NULL ELSE ${bindSql(bindSql(bindSql(plain, "weir_p", parts), "weir_a", shape), "weir_b", key)} END)`;
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
