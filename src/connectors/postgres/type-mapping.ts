/**
 * PostgreSQL types → Weir types. Pure: the catalog queries (catalog.ts) hand
 * over each column's type as pg_type describes it, with domains already
 * resolved to their base type, and this module decides the Weir type, the
 * conversion rule when a value does not arrive exactly as itself (shown per
 * column on the connection page and in docs/connectors/type-mapping.md), and
 * whether the column can serve as an incremental cursor. wire-sql.ts turns
 * the same decisions into the SQL whose text is each value's wire encoding.
 */
import type { TWeirType } from "@/connectors/types";

/** A type as the catalog describes it. */
export type TPgType = {
  /** pg_type.typname of the type (of the base type, for a domain): "int4", "numeric", "_text", "mood". */
  typeName: string;
  /** pg_type.typcategory: "A" array, "C" composite, "E" enum, "S" string, "N" numeric, "U" user-defined, … */
  category: string;
  /** The column's type modifier (atttypmod, or the domain's), -1 when it has none. */
  typeModifier?: number;
  /** For arrays: the element type. */
  element?: TPgType;
  /** For arrays: the declared dimensions (pg_attribute.attndims; `int[][]` has 2). Missing or 0 counts as 1. */
  dimensions?: number;
  /** For money (and money arrays): the decimal places the session's lc_monetary gives (`scale(0::money::numeric)`); default 2. */
  moneyScale?: number;
  /** A type created in the database (an extension's or the user's, oid >= 16384), not one built into PostgreSQL. */
  userDefined?: boolean;
};

/** What a column of a PostgreSQL type becomes: its Weir type, and the rule when values are converted. */
export type TPgTypeDescription = {
  type: TWeirType;
  /** A sentence for the connection page; absent when every value arrives exactly. */
  conversion?: string;
};

/** Types whose every value is exactly a value of the Weir type (its wire text is the value's output, or, for bool and bytea, a rewrite of it). */
const EXACT: Record<string, TWeirType> = {
  bool: { kind: "boolean" },
  int2: { kind: "integer" },
  int4: { kind: "integer" },
  int8: { kind: "bigint" },
  oid: { kind: "bigint" },
  float8: { kind: "float" },
  text: { kind: "text" },
  varchar: { kind: "text" },
  bpchar: { kind: "text" },
  citext: { kind: "text" },
  name: { kind: "text" },
  char: { kind: "text" },
  uuid: { kind: "uuid" },
  date: { kind: "date" },
  timestamp: { kind: "timestamp" },
  timestamptz: { kind: "timestamptz" },
  time: { kind: "time" },
  interval: { kind: "interval" },
  json: { kind: "json" },
  jsonb: { kind: "json" },
  bytea: { kind: "bytes" },
};

/** Digits of money's 64-bit count of minor units (9223372036854775807). */
const MONEY_DIGITS = 19;

/** numeric's type modifier packs precision and scale (scale may be negative since PostgreSQL 15). */
export function numericPrecisionScale(typeModifier: number | undefined): { precision?: number; scale?: number } {
  if (typeModifier === undefined || typeModifier < 4) return {};
  const packed = typeModifier - 4; // VARHDRSZ
  const precision = (packed >> 16) & 0xffff;
  const scale = ((packed & 0x7ff) ^ 0x400) - 0x400;
  return { precision, scale };
}

/** Whether the type is an array: category "A" with its element type known. */
export function isArrayType(type: TPgType): boolean {
  return type.category === "A" && type.element !== undefined;
}

/** Whether the type is a composite (row) type: a table's row type or one made with CREATE TYPE … AS (…). */
export function isCompositeType(type: TPgType): boolean {
  return type.category === "C";
}

/**
 * A type created in the database that is neither an enum nor a composite
 * (an extension's, a base type of the user's): read by its output function
 * whatever it is named (citext as exact text, the others as text by rule).
 */
export function isTextOutputOnly(type: TPgType): boolean {
  return type.userDefined === true && type.category !== "E" && !isCompositeType(type);
}

/** The decimal places money has on this database. */
export function moneyScale(type: TPgType): number {
  return type.moneyScale ?? 2;
}

/**
 * The name a built-in type is recognised by; "" for a type created in the
 * database, which may borrow a built-in name in another schema
 * (public.money as an enum) and is never taken for the built-in one.
 */
export function builtInName(type: TPgType): string {
  return type.userDefined ? "" : type.typeName;
}

function describeScalar(type: TPgType): TPgTypeDescription {
  const name = type.typeName;
  if (type.category === "E") return { type: { kind: "text" }, conversion: `enum ${name} → text: the value's label` };
  if (isCompositeType(type)) return { type: { kind: "json" }, conversion: `composite ${name} → json: to_json of the record, its field names as keys` };
  const builtIn = builtInName(type);
  if (builtIn === "numeric") return { type: { kind: "numeric", ...numericPrecisionScale(type.typeModifier) } };
  const exact = EXACT[builtIn] ?? (name === "citext" ? EXACT.citext : undefined);
  if (exact) return { type: exact };
  if (builtIn === "float4") {
    return { type: { kind: "float" }, conversion: "real → float: the 32-bit value's shortest decimal (0.1, not 0.100000001490116), read as a 64-bit float" };
  }
  if (builtIn === "money") {
    const scale = moneyScale(type);
    return {
      type: { kind: "numeric", precision: MONEY_DIGITS, scale },
      conversion: `money → numeric(${MONEY_DIGITS},${scale}): the amount in the database's currency (lc_monetary) with its ${scale} decimal places, without the symbol`,
    };
  }
  if (builtIn === "timetz")
    return { type: { kind: "text" }, conversion: "time with time zone → text: PostgreSQL's text output, the offset as stored (10:00:00+02)" };
  return { type: { kind: "text" }, conversion: `${name} → text: PostgreSQL's text output` };
}

/** Nests `items` in `depth` array levels. */
function nest(items: TWeirType, depth: number): TWeirType {
  let type = items;
  for (let i = 0; i < depth; i++) type = { kind: "array", items: type };
  return type;
}

const ARRAY_RULE =
  "arrays arrive as JSON arrays nested as each value's own dimensions (the declared ones give the column's type); lower bounds other than 1 are not kept ('[0:1]={a,b}' arrives as [\"a\",\"b\"])";

/**
 * The Weir type of a PostgreSQL type, and the conversion rule when its
 * values do not arrive exactly: integers, floats, numeric (with its precision
 * and scale; NaN and ±Infinity as such), strings, boolean, date, timestamps
 * (BC and ±infinity included), time, interval, json/jsonb, uuid and bytea
 * exactly; real, money, enums, composites and time with time zone by a rule;
 * every other type as text, its PostgreSQL output; arrays nested by their
 * declared dimensions.
 */
export function describePostgresType(type: TPgType): TPgTypeDescription {
  if (isArrayType(type) && type.element) {
    const element = describeScalar({ ...type.element, moneyScale: type.element.moneyScale ?? type.moneyScale });
    return {
      type: nest(element.type, Math.max(1, type.dimensions ?? 1)),
      conversion: element.conversion ? `${element.conversion}; ${ARRAY_RULE}` : ARRAY_RULE,
    };
  }
  return describeScalar(type);
}

/** The Weir type of a PostgreSQL type (describePostgresType without the rule). */
export function mapPostgresType(type: TPgType): TWeirType {
  return describePostgresType(type).type;
}

const CURSOR_KINDS: ReadonlySet<TWeirType["kind"]> = new Set(["integer", "bigint", "numeric", "date", "timestamp", "timestamptz"]);

/** Types whose values only grow in a typical append/update pattern and compare cheaply: the ones a cursor can use. */
export function isCursorType(type: TWeirType): boolean {
  return CURSOR_KINDS.has(type.kind);
}

const UPDATED_LIKE = /(^|_)(updated|modified|changed|last_?update|last_?modified|mtime)(_|$)|^updated|^modified|updated$/i;

/**
 * Cursor candidates in the order a person would pick them: columns named like
 * `updated_at` (`modified_on`, `last_update`, `updatedAt`) first, then the
 * other cursor-typed columns in table order.
 */
export function cursorCandidates(columns: readonly { name: string; type: TWeirType }[]): string[] {
  const usable = columns.filter((c) => isCursorType(c.type));
  const updated = usable.filter((c) => UPDATED_LIKE.test(c.name));
  const rest = usable.filter((c) => !UPDATED_LIKE.test(c.name));
  return [...updated, ...rest].map((c) => c.name);
}
