/**
 * Columns kept at their type while the source sends another (`castFrom`: a
 * person chose "keep the type and cast", or the ignore policy): every value
 * is checked, never converted silently. PostgreSQL's casts round or
 * truncate where the column's type is narrower than the value (1.2345 into
 * numeric(10,2) is 1.23, 2.005 is 2.01; a timestamp into date loses its
 * time; a bigint into double precision its last digits), so the value read
 * back from the column must equal the value the source sent, compared as
 * the source's type without a declared precision (a source that sends more
 * digits than its own scale is caught too). Text the source sends is
 * compared as the column's type without a declared precision: "1.5" fits
 * numeric(10,2), "1.555" does not.
 *
 * A value that fails the check fails the statement with SQLSTATE 22P02 (the
 * refusal marker cast to the column's type), so the commit's usual
 * diagnosis (diagnose-cast.ts) names stream, column, row key and value.
 * Pure; costs a second cast and a read-back per value of such columns only.
 */
import { castFromWire, pgType, wireFromValue } from "@/connectors/postgres-destination/type-mapping";
import { weirTypeName } from "@/connectors/type-widening";
import type { TColumn, TWeirType } from "@/connectors/types";

/** The start of the text whose failed cast marks a refused value (in PostgreSQL's message, for diagnose-cast.ts). */
export const CAST_REFUSAL_MARKER = "Weir refuses a value that would change";

/** The type without declared precision or scale (arrays element-wise). */
function unconstrained(type: TWeirType): TWeirType {
  if (type.kind === "numeric") return { kind: "numeric" };
  if (type.kind === "array") return { kind: "array", items: unconstrained(type.items) };
  return type;
}

/** The type a castFrom column's values are compared in, or null when the cast cannot change a value (nothing to check). */
export function comparedAs(column: TColumn): TWeirType | null {
  if (!column.castFrom || column.type.kind === "text") return null;
  const domain = unconstrained(column.castFrom.kind === "text" ? column.type : column.castFrom);
  return weirTypeName(domain) === weirTypeName(column.type) ? null : domain;
}

/** Whether the wire text `expr` survives the cast into the column unchanged (SQL, true for NULL). */
export function castKeepsValueSql(expr: string, column: TColumn): string {
  const domain = comparedAs(column);
  if (!domain) return "true";
  const stored = castFromWire(expr, column.type);
  return `(${castFromWire(wireFromValue(stored, column.type), domain)} IS NOT DISTINCT FROM ${castFromWire(expr, domain)})`;
}

/**
 * castFromWire for a plan column: the plain cast, or for a castFrom column
 * the cast guarded by the check (a refused value fails with 22P02 naming it).
 */
export function castColumnFromWire(expr: string, column: TColumn): string {
  const cast = castFromWire(expr, column.type);
  if (!comparedAs(column)) return cast;
  // Fails at its integer cast (22P02, the marker and the value in the message); the text cast only gives the CASE its type.
  const refusal = `(((${quoteLiteral(`${CAST_REFUSAL_MARKER}: `)} || ${expr})::integer)::text)::${pgType(column.type)}`;
  return `CASE WHEN ${castKeepsValueSql(expr, column)} THEN ${cast} ELSE ${refusal} END`;
}

const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;
