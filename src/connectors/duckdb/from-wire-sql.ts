/**
 * SQL turning staged wire text (VARCHAR, NULL for NULL) into the DuckDB type
 * of a Weir type (type-mapping.ts), so that every value arrives exactly or
 * is refused out loud. DuckDB's own casts are lenient in ways that change
 * values silently: '1.5' casts to INTEGER 2, '1.005' to DECIMAL(5,2) 1.01,
 * '0044-03-15 BC' to the DATE 44 AD, '2024-01-02 03:04:05+05' to a
 * TIMESTAMP without its offset, a JSON 1.5 to INTEGER[] [2]. Each such case
 * is checked here by the value's shape and refused.
 *
 * Each rule has two parts: a cheap test of the canonical shape the sources
 * write (`contains`, `strlen`, `ends_with` or a GLOB of fixed length, 10–50
 * ns a value beside DuckDB's 20–50 ns cast), and full-match regexes (~100 ns)
 * for every other exact spelling (exponents, offsets, BC, longer years).
 * Three modes build them: "fast" (the load's first attempt: the canonical
 * test only, anything else raising NON_CANONICAL so the commit runs again in
 * "strict"), "strict" (every rule; a refused value raises an error, failing
 * the commit) and "try" (the diagnosis after a failure: a refused value is
 * NULL). `refusedSql` says, for one non-NULL value, whether it is refused;
 * data-rejection.ts uses it to find the row to name.
 * Pure string building.
 */
import type { TWeirType } from "@/connectors/types";
import { decimalOf, duckDbType } from "@/connectors/duckdb/type-mapping";
import { sqlString } from "@/connectors/duckdb/sql-text";

/** See the header; "fast" exists because a CASE carrying the full rules' branches costs DuckDB ~15% more on a multi-file insert even when no value takes them. */
export type TConversionMode = "strict" | "try" | "fast";

/** The message of the fast mode's error: a value the canonical shape does not cover, to convert again by every rule. */
export const NON_CANONICAL = "weir: a value outside the canonical wire shape";

type TContext = { column: string; mode: TConversionMode; depth: number };

const INTEGER = "[+-]?[0-9]+";
const EXPONENT = "[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)[eE][+-]?[0-9]{1,4}";
const NUMBER_TEXT = "[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?|NaN|[+-]?Infinity";
const DATE = "[0-9]{4,}-[0-9]{2}-[0-9]{2}";
const TIME = "[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?";
const OFFSET = "([+-][0-9]{2}(:[0-9]{2}(:[0-9]{2})?)?)?";
const INTERVAL = "P(-?[0-9]+Y)?(-?[0-9]+M)?(-?[0-9]+D)?(T(-?[0-9]+H)?(-?[0-9]+M)?(-?[0-9]+(\\.[0-9]{1,6})?S)?)?";
const INFINITIES = "('infinity', '-infinity')";

/** Plain decimal text with at most `scale` fractional digits (trailing zeros aside). */
const plainDecimal = (scale: number) => `[+-]?([0-9]+\\.?|[0-9]*\\.[0-9]{0,${scale}}0*)`;

const matches = (expr: string, pattern: string) => `regexp_full_match(${expr}, ${sqlString(pattern)})`;

const D = "[0-9]";
const DAY = `${D}${D}${D}${D}-${D}${D}-${D}${D}`;
const CLOCK = `${D}${D}:${D}${D}:${D}${D}`;

/** Whether `expr` is exactly `prefix`, then 0–6 fractional digits, then `suffix` (GLOB patterns of fixed length, chosen by the length). */
function fixedShape(expr: string, prefix: string, prefixLength: number, suffix: string): string {
  const whens = [0, 1, 2, 3, 4, 5, 6].map((digits) => {
    const length = prefixLength + (digits ? digits + 1 : 0) + suffix.length;
    return `WHEN ${length} THEN ${expr} GLOB ${sqlString(`${prefix}${digits ? `.${D.repeat(digits)}` : ""}${suffix}`)}`;
  });
  return `CASE strlen(${expr}) ${whens.join(" ")} ELSE false END`;
}

/** No fraction or exponent: DuckDB's integer cast would round '1.5' and scale '1e-1'. */
const plainInteger = (expr: string) => `NOT contains(${expr}, '.') AND NOT contains(${expr}, 'e') AND NOT contains(${expr}, 'E')`;

function cast(ctx: TContext, expr: string, type: string): string {
  return `${ctx.mode === "try" ? "TRY_CAST" : "CAST"}(${expr} AS ${type})`;
}

/** Strict (and fast, for types without a canonical test): an error naming the column, the reason and the value; try: NULL. */
function refuse(ctx: TContext, expr: string, reason: string): string {
  if (ctx.mode === "try") return "NULL";
  return `error(${sqlString(`Column ${ctx.column}: ${reason}: `)} || left(CAST(${expr} AS VARCHAR), 200))`;
}

/**
 * `CASE WHEN <first> … WHEN expr IS NULL THEN NULL <rest> ELSE <refused> END`:
 * the first branch (the canonical shape, true for nearly every value) is
 * tested first, so the common value costs one test; NULL fails it (a test
 * on NULL is NULL) and is caught before the refusal.
 */
function guarded(ctx: TContext, expr: string, branches: [string, string][], reason: string, canonicalFirst = true): string {
  const [first, ...rest] = branches.map(([when, then]) => `WHEN ${when} THEN ${then}`);
  if (ctx.mode === "fast" && canonicalFirst) return `CASE ${first ?? ""} WHEN ${expr} IS NULL THEN NULL ELSE error(${sqlString(NON_CANONICAL)}) END`;
  return `CASE ${first ?? ""} WHEN ${expr} IS NULL THEN NULL ${rest.join(" ")} ELSE ${refuse(ctx, expr, reason)} END`;
}

/** Exponent notation (`-1.25e3`, `1e-07`) rewritten as plain decimal text, the digits shifted by the exponent; exact for any length. */
export function exponentAsPlain(expr: string): string {
  const part = (n: number) => `regexp_extract(${expr}, '^([+-]?)([0-9]*)\\.?([0-9]*)[eE]([+-]?[0-9]+)$', ${n})`;
  const digits = `(${part(2)} || ${part(3)})`;
  const point = `(length(${part(2)}) + CAST(${part(4)} AS INTEGER))`;
  return `(${part(1)} || CASE WHEN ${point} <= 0 THEN '0.' || repeat('0', -${point}) || ${digits}
  WHEN ${point} >= length(${digits}) THEN ${digits} || repeat('0', ${point} - length(${digits}))
  ELSE left(${digits}, ${point}) || '.' || substr(${digits}, ${point} + 1) END)`;
}

function decimalSql(expr: string, precision: number, scale: number, ctx: TContext): string {
  const type = `DECIMAL(${precision},${scale})`;
  const plain = plainDecimal(scale);
  const shifted = exponentAsPlain(expr);
  const reason = `not a number that ${type} holds exactly (NaN, Infinity and digits beyond the scale are refused, never rounded)`;
  const fits = `NOT (contains(${expr}, 'e') OR contains(${expr}, 'E') OR strlen(${expr}) - strpos(${expr}, '.') > ${scale} AND strpos(${expr}, '.') > 0)`;
  return guarded(
    ctx,
    expr,
    [
      [fits, cast(ctx, expr, type)],
      [matches(expr, plain), cast(ctx, expr, type)],
      [`CASE WHEN ${matches(expr, EXPONENT)} THEN ${matches(shifted, plain)} ELSE false END`, cast(ctx, shifted, type)],
    ],
    reason,
  );
}

/** " BC" moved where DuckDB reads it: `0044-03-15 (BC)`, `0044-03-15 (BC) 10:00:00+00`. */
export function withDuckDbEra(expr: string, type: string): string {
  return type === "DATE" ? `left(${expr}, -3) || ' (BC)'` : `regexp_replace(${expr}, ' (.*) BC$', ' (BC) \\1')`;
}

/** A date or timestamp: `canonical` (the shape sources write) and `pattern` cast as they are, `pattern BC` with the era moved, ±infinity. */
function temporalSql(expr: string, canonical: string, pattern: string, type: string, ctx: TContext, what: string): string {
  const bc = withDuckDbEra(expr, type);
  return guarded(
    ctx,
    expr,
    [
      [canonical, cast(ctx, expr, type)],
      [matches(expr, pattern), cast(ctx, expr, type)],
      [matches(expr, `${pattern} BC`), cast(ctx, bc, type)],
      [`${expr} IN ${INFINITIES}`, cast(ctx, expr, type)],
    ],
    `not a ${what}`,
  );
}

/** ISO 8601 as PostgreSQL's iso_8601 IntervalStyle writes it, parsed into months, days and microseconds exactly. */
function intervalSql(expr: string, ctx: TContext): string {
  const datePart = `split_part(${expr}, 'T', 1)`;
  const timePart = `split_part(${expr}, 'T', 2)`;
  const part = (source: string, unit: string) => `coalesce(${cast(ctx, `nullif(regexp_extract(${source}, '(-?[0-9]+)${unit}', 1), '')`, "HUGEINT")}, 0)`;
  const seconds = `coalesce(${cast(ctx, `nullif(regexp_extract(${timePart}, '(-?[0-9]+(\\.[0-9]+)?)S', 1), '')`, "DECIMAL(38,6)")}, 0)`;
  const months = cast(ctx, `${part(datePart, "Y")} * 12 + ${part(datePart, "M")}`, "INTEGER");
  const days = cast(ctx, part(datePart, "D"), "INTEGER");
  const micros = cast(ctx, `${part(timePart, "H")} * 3600000000 + ${part(timePart, "M")} * 60000000 + CAST(${seconds} * 1000000 AS HUGEINT)`, "BIGINT");
  const valid = `${matches(expr, INTERVAL)} AND ${expr} <> 'P' AND NOT ends_with(${expr}, 'T')`;
  return guarded(ctx, expr, [[valid, `to_months(${months}) + to_days(${days}) + to_microseconds(${micros})`]], "not an ISO 8601 interval", false);
}

/** The wire text of one element of a JSON array (a JSON string's content, else the JSON scalar's text); nested arrays and objects are refused. */
function elementText(element: string, ctx: TContext): string {
  const refused = refuse(ctx, element, "an array element where the column's arrays have fewer dimensions, or an object");
  return `CASE json_type(${element}) WHEN 'VARCHAR' THEN json_extract_string(${element}, '$') WHEN 'ARRAY' THEN ${refused} WHEN 'OBJECT' THEN ${refused} ELSE CAST(${element} AS VARCHAR) END`;
}

/** A JSON array (non-NULL JSON) as a LIST of the array type, nested by depth; a scalar where an array belongs is refused. */
function listFromJson(json: string, type: Extract<TWeirType, { kind: "array" }>, ctx: TContext): string {
  const element = `weir_e${ctx.depth}`;
  const inner = { ...ctx, depth: ctx.depth + 1 };
  const item =
    type.items.kind === "array"
      ? listFromJson(element, type.items, inner)
      : fromWireSql(elementText(element, inner), type.items, ctx.column, "strict", inner.depth);
  const items = `list_transform(CAST(${json} AS JSON[]), lambda ${element}: CASE WHEN ${element} IS NULL THEN NULL ELSE ${item} END)`;
  return `CASE WHEN json_type(${json}) = 'ARRAY' THEN ${items} ELSE ${refuse(ctx, json, "not an array where the column holds arrays of this many dimensions")} END`;
}

/** Whether a JSON array (non-NULL JSON) converts to the array type: its dimensions and every element. */
function listAccepted(json: string, type: Extract<TWeirType, { kind: "array" }>, depth: number): string {
  const element = `weir_e${depth}`;
  const item =
    type.items.kind === "array"
      ? listAccepted(element, type.items, depth + 1)
      : `CASE WHEN json_type(${element}) IN ('ARRAY', 'OBJECT') THEN false ELSE ${fromWireSql(`CASE json_type(${element}) WHEN 'VARCHAR' THEN json_extract_string(${element}, '$') ELSE CAST(${element} AS VARCHAR) END`, type.items, "", "try", depth + 1)} IS NOT NULL END`;
  const all = `coalesce(list_bool_and(list_transform(CAST(${json} AS JSON[]), lambda ${element}: ${element} IS NULL OR ${item})), true)`;
  return `CASE WHEN json_type(${json}) = 'ARRAY' THEN ${all} ELSE false END`;
}

/**
 * SQL converting `expr` (wire text) to the DuckDB type of `type`. `column`
 * names the column in the strict mode's errors; `depth` keeps lambda
 * parameters of nested arrays apart.
 */
export function fromWireSql(expr: string, type: TWeirType, column: string, mode: TConversionMode = "strict", depth = 0): string {
  const ctx: TContext = { column, mode, depth };
  switch (type.kind) {
    case "text":
      return expr;
    case "boolean":
    case "float":
    case "uuid":
    case "json":
      return cast(ctx, expr, duckDbType(type));
    case "integer":
    case "bigint":
      return guarded(
        ctx,
        expr,
        [
          [plainInteger(expr), cast(ctx, expr, duckDbType(type))],
          [matches(expr, INTEGER), cast(ctx, expr, duckDbType(type))],
        ],
        "not a whole number",
      );
    case "numeric": {
      const decimal = decimalOf(type);
      if (decimal) return decimalSql(expr, decimal.precision, decimal.scale, ctx);
      return guarded(ctx, expr, [[matches(expr, NUMBER_TEXT), expr]], "not a number", false);
    }
    case "date":
      return temporalSql(expr, `strlen(${expr}) = 10 AND ${expr} GLOB '${DAY}'`, DATE, "DATE", ctx, "date");
    case "timestamp":
      return temporalSql(
        expr,
        fixedShape(expr, `${DAY} ${CLOCK}`, 19, ""),
        `${DATE} ${TIME}`,
        "TIMESTAMP",
        ctx,
        "timestamp without time zone (or one DuckDB cannot hold)",
      );
    case "timestamptz":
      // Ending in an offset, DuckDB's parser refuses any stray character itself; only a 7th fractional digit it would drop silently.
      return temporalSql(
        expr,
        `ends_with(${expr}, '+00') AND (strpos(${expr}, '.') = 0 OR strlen(${expr}) - strpos(${expr}, '.') <= 9)`,
        `${DATE} ${TIME}${OFFSET}`,
        "TIMESTAMP WITH TIME ZONE",
        ctx,
        "timestamp with time zone (or one DuckDB cannot hold)",
      );
    case "time":
      return guarded(
        ctx,
        expr,
        [
          [fixedShape(expr, CLOCK, 8, ""), cast(ctx, expr, "TIME")],
          [matches(expr, TIME), cast(ctx, expr, "TIME")],
        ],
        "not a time of day",
      );
    case "interval":
      return intervalSql(expr, ctx);
    case "bytes":
      return mode === "try" ? `try(from_base64(${expr}))` : `from_base64(${expr})`;
    case "array":
      if (mode === "try")
        return `CASE WHEN ${expr} IS NULL THEN NULL WHEN ${refusedSql(expr, type)} THEN NULL ELSE ${fromWireSql(expr, type, column, "strict", depth)} END`;
      return `CASE WHEN ${expr} IS NULL THEN NULL ELSE ${listFromJson(`CAST(${expr} AS JSON)`, type, ctx)} END`;
  }
}

/** SQL that is true when the non-NULL wire text `expr` would be refused by fromWireSql. */
export function refusedSql(expr: string, type: TWeirType): string {
  if (type.kind !== "array") return `(${fromWireSql(expr, type, "", "try")}) IS NULL`;
  return `CASE WHEN TRY_CAST(${expr} AS JSON) IS NULL THEN true ELSE NOT ${listAccepted(`TRY_CAST(${expr} AS JSON)`, type, 0)} END`;
}
