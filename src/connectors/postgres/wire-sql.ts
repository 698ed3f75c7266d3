/**
 * The COPY statement of a read, and per column the SQL expression whose text
 * is Weir's wire encoding (src/connectors/wire-format.ts), so PostgreSQL's
 * CSV writer emits record batches and no row becomes a JavaScript value.
 * Pure string building; identifiers and literals are quoted with pg's
 * escapeIdentifier / escapeLiteral (what `client.escape…` call).
 *
 * The session settings of connect.ts do most of the work: with TimeZone UTC
 * and DateStyle ISO, a column's own output already is its wire text for
 * integers, numeric, text, uuid, date, timestamp ("YYYY-MM-DD HH:MM:SS" plus
 * up to six fractional digits, trailing zeros dropped), timestamptz (the
 * same, then "+00") and json. The exceptions:
 * - boolean: the cast to text gives true/false (the output is t/f);
 * - float: with extra_float_digits = 1 PostgreSQL prints the shortest
 *   round-trip digits, laid out its own way ("1e-07", "1e+15"); the wire uses
 *   JavaScript's layout ("1e-7", "1000000000000000"), see `floatTextSql`;
 * - bytea: base64 without the line breaks encode() inserts every 76 chars;
 * - arrays: a JSON array whose elements are JSON numbers/booleans for
 *   integer, bigint, float and boolean elements and JSON strings of the
 *   element's wire text for every other type. array_to_json already writes
 *   that for integers, booleans, uuid and string types; other element types
 *   are rebuilt element by element (and so lose the dimensions of a
 *   multi-dimensional array).
 */
import pg from "pg";

import { type TPgType, mapPostgresType } from "@/connectors/postgres/type-mapping";

const quoteIdent = (name: string) => pg.escapeIdentifier(name);

/** Alias of the read relation in the COPY query, so no column name can be shadowed. */
const TABLE_ALIAS = "__weir_t";
const ELEMENT_ALIAS = "__weir_u";

/**
 * JavaScript's Number#toString layout of a float's shortest digits: plain
 * notation for exponents -6…20, else d.ddde±n without zero-padding. Exponent
 * forms inside that range go through numeric, whose text is always plain.
 */
export function floatTextSql(expr: string): string {
  const t = `(${expr})::text`;
  return (
    `CASE WHEN strpos(${t}, 'e') > 0 THEN ` +
    `CASE WHEN split_part(${t}, 'e', 2)::int BETWEEN -6 AND 20 THEN ((${t})::numeric)::text ` +
    `ELSE regexp_replace(${t}, 'e([+-])0+(\\d)', 'e\\1\\2') END ` +
    `WHEN ${t} = '-0' THEN '0' ELSE ${t} END`
  );
}

/** Element types whose array_to_json output already is the wire array. */
function arrayToJsonFits(element: TPgType): boolean {
  const kind = mapPostgresType(element).kind;
  if (kind === "integer" || kind === "bigint" || kind === "boolean" || kind === "uuid") return true;
  return kind === "text" && (element.category === "S" || element.category === "E");
}

/** One array element as the JSON value the wire array holds. */
function elementJsonSql(expr: string, element: TPgType): string {
  const kind = mapPostgresType(element).kind;
  if (kind === "integer" || kind === "bigint" || kind === "boolean") return `to_json(${expr})`;
  if (kind === "float") {
    // JSON.stringify writes NaN and ±Infinity as null.
    return `CASE WHEN (${expr})::text IN ('NaN', 'Infinity', '-Infinity') THEN NULL ELSE (${floatTextSql(expr)})::json END`;
  }
  return `to_json((${wireTextSql(expr, element)})::text)`;
}

/** SQL whose text is the wire encoding of `expr`, a value of PostgreSQL type `type`; NULL stays NULL. */
export function wireTextSql(expr: string, type: TPgType): string {
  const weir = mapPostgresType(type);
  switch (weir.kind) {
    case "boolean":
      return `(${expr})::text`;
    case "float":
      return floatTextSql(expr);
    case "bytes":
      return `translate(encode(${expr}, 'base64'), chr(10), '')`;
    case "array": {
      const element = type.element ?? { typeName: "text", category: "S" };
      if (arrayToJsonFits(element)) return `array_to_json(${expr})::text`;
      const e = `${ELEMENT_ALIAS}.e`;
      return (
        `CASE WHEN ${expr} IS NULL THEN NULL ELSE array_to_json(ARRAY(` +
        `SELECT ${elementJsonSql(e, element)} FROM unnest(${expr}) WITH ORDINALITY AS ${ELEMENT_ALIAS}(e, o) ORDER BY ${ELEMENT_ALIAS}.o` +
        `))::text END`
      );
    }
    default:
      // integer, bigint, numeric, text, uuid, date, timestamp, timestamptz, json, and every type read as text:
      // the type's output function, which COPY calls itself.
      return expr;
  }
}

export type TCopyColumn = { name: string; type: TPgType };

export type TCursorFilter = {
  column: string;
  /** Type to cast the state literal to (format_type without modifiers). */
  castType: string;
  /** The saved cursor in wire text; null reads everything (still in cursor order). */
  after: string | null;
};

/**
 * COPY (SELECT <wire expressions> FROM "schema"."table" [WHERE cursor > state]
 * [ORDER BY cursor]) TO STDOUT as CSV. COPY takes no bind parameters, so the
 * state is an escaped literal with an explicit cast to the cursor's type.
 */
export function copySql(relation: { schema: string; name: string }, columns: readonly TCopyColumn[], cursor?: TCursorFilter): string {
  const select = columns.map((c) => wireTextSql(`${TABLE_ALIAS}.${quoteIdent(c.name)}`, c.type)).join(", ");
  let sql = `SELECT ${select} FROM ${quoteIdent(relation.schema)}.${quoteIdent(relation.name)} AS ${TABLE_ALIAS}`;
  if (cursor) {
    const column = `${TABLE_ALIAS}.${quoteIdent(cursor.column)}`;
    if (cursor.after !== null) sql += ` WHERE ${column} > ${pg.escapeLiteral(cursor.after)}::${cursor.castType}`;
    sql += ` ORDER BY ${column} ASC NULLS FIRST`;
  }
  return `COPY (${sql}) TO STDOUT WITH (FORMAT csv)`;
}
