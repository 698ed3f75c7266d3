/**
 * The COPY statement of a read, and per column the SQL expression whose text
 * is Weir's wire encoding (src/connectors/wire-format.ts), so PostgreSQL's
 * CSV writer emits record batches and no row becomes a JavaScript value.
 * Pure string building; identifiers and literals are quoted with pg's
 * escapeIdentifier / escapeLiteral (what `client.escape…` call).
 *
 * The session settings of connect.ts do most of the work: with TimeZone UTC,
 * DateStyle ISO and IntervalStyle iso_8601, a column's own output already is
 * its wire text for integers, oid, numeric (NaN and ±Infinity included),
 * text, uuid, date, timestamp, timestamptz (BC and ±infinity as the wire
 * writes them), time, interval, json and every type read as text; those
 * columns stay bare column references, the fast path of big reads. The
 * exceptions:
 * - boolean: the cast to text gives true/false (the output is t/f);
 * - float: PostgreSQL's shortest round-trip digits moved into JavaScript's
 *   layout (float-text-sql.ts);
 * - bytea: base64 without the line breaks encode() inserts every 76 chars;
 * - money: the cast to numeric (the amount without the currency symbol);
 * - composite: to_json of the record;
 * - arrays: see array-json-sql.ts.
 */
import pg from "pg";

import { arrayJsonSql } from "@/connectors/postgres/array-json-sql";
import { floatTextSql } from "@/connectors/postgres/float-text-sql";
import { type TPgType, builtInName, isArrayType, isCompositeType } from "@/connectors/postgres/type-mapping";

const quoteIdent = (name: string) => pg.escapeIdentifier(name);

/** Alias of the read relation in the COPY query, so no column name can be shadowed. */
const TABLE_ALIAS = "__weir_t";

/** SQL whose text is the wire encoding of `expr`, a value of PostgreSQL type `type`; NULL stays NULL. */
export function wireTextSql(expr: string, type: TPgType): string {
  if (isArrayType(type)) return arrayJsonSql(expr, type);
  if (isCompositeType(type)) return `to_json(${expr})`;
  switch (builtInName(type)) {
    case "bool":
      return `(${expr})::text`;
    case "float4":
    case "float8":
      return floatTextSql(expr);
    case "bytea":
      return `translate(encode(${expr}, 'base64'), chr(10), '')`;
    case "money":
      return `(${expr})::numeric`;
    default:
      // The type's output function, which COPY calls itself.
      return expr;
  }
}

export type TCopyColumn = { name: string; type: TPgType };

export type TCursorFilter = {
  column: string;
  /** Type to cast the state literal to (format_type without modifiers). */
  castType: string;
  /** The saved cursor in wire text: rows whose cursor is >= it are read; null reads everything (still in cursor order). */
  from: string | null;
};

/**
 * COPY (SELECT <wire expressions> FROM "schema"."table" [WHERE cursor >= state]
 * [ORDER BY cursor]) TO STDOUT as CSV. The comparison includes the saved
 * value (TReadRequest.incremental): rows that share it but arrived after the
 * last read are not lost, and the destination drops those it already holds.
 * COPY takes no bind parameters, so the state is an escaped literal with an
 * explicit cast to the cursor's type.
 */
export function copySql(relation: { schema: string; name: string }, columns: readonly TCopyColumn[], cursor?: TCursorFilter): string {
  const select = columns.map((c) => wireTextSql(`${TABLE_ALIAS}.${quoteIdent(c.name)}`, c.type)).join(", ");
  let sql = `SELECT ${select} FROM ${quoteIdent(relation.schema)}.${quoteIdent(relation.name)} AS ${TABLE_ALIAS}`;
  if (cursor) {
    const column = `${TABLE_ALIAS}.${quoteIdent(cursor.column)}`;
    if (cursor.from !== null) sql += ` WHERE ${column} >= ${pg.escapeLiteral(cursor.from)}::${cursor.castType}`;
    sql += ` ORDER BY ${column} ASC NULLS FIRST`;
  }
  return `COPY (${sql}) TO STDOUT WITH (FORMAT csv)`;
}
