/**
 * PostgreSQL types → Weir types. Pure: the catalog queries (catalog.ts) hand
 * over each column's type as pg_type describes it, with domains already
 * resolved to their base type, and this module decides the Weir type and
 * whether the column can serve as an incremental cursor.
 */
import type { TWeirType } from "@/connectors/types";

/** A type as the catalog describes it. */
export type TPgType = {
  /** pg_type.typname of the type (of the base type, for a domain): "int4", "numeric", "_text", "mood". */
  typeName: string;
  /** pg_type.typcategory: "A" array, "E" enum, "S" string, "N" numeric, "U" user-defined, … */
  category: string;
  /** The column's type modifier (atttypmod, or the domain's), -1 when it has none. */
  typeModifier?: number;
  /** For arrays: the element type. */
  element?: TPgType;
};

const SCALARS: Record<string, TWeirType> = {
  bool: { kind: "boolean" },
  int2: { kind: "integer" },
  int4: { kind: "integer" },
  int8: { kind: "bigint" },
  float4: { kind: "float" },
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
  json: { kind: "json" },
  jsonb: { kind: "json" },
  bytea: { kind: "bytes" },
};

/** numeric's type modifier packs precision and scale (scale may be negative since PostgreSQL 15). */
export function numericPrecisionScale(typeModifier: number | undefined): { precision?: number; scale?: number } {
  if (typeModifier === undefined || typeModifier < 4) return {};
  const packed = typeModifier - 4; // VARHDRSZ
  const precision = (packed >> 16) & 0xffff;
  const scale = ((packed & 0x7ff) ^ 0x400) - 0x400;
  return { precision, scale };
}

/** Whether the type is an array (by category, or by the "_" prefix PostgreSQL gives array type names). */
export function isArrayType(type: TPgType): boolean {
  return type.category === "A" && type.element !== undefined;
}

/**
 * The Weir type of a PostgreSQL type: integers, floats, numeric (with its
 * precision and scale), strings and enums as text, boolean, date,
 * timestamps, json/jsonb, uuid, bytea as bytes, arrays of any of these; every
 * other type (interval, money, inet, geometric, composite, …) as text, its
 * PostgreSQL output.
 */
export function mapPostgresType(type: TPgType): TWeirType {
  if (isArrayType(type) && type.element) return { kind: "array", items: mapPostgresType(type.element) };
  if (type.typeName === "numeric") return { kind: "numeric", ...numericPrecisionScale(type.typeModifier) };
  return SCALARS[type.typeName] ?? { kind: "text" };
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
