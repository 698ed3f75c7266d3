/**
 * How the Snowflake destination stores each Weir type, for the connection
 * page and docs/connectors/type-mapping.md: the column type, the rule when a
 * value is converted rather than kept exactly, and the value classes refused
 * out loud (the commit fails with DATA_REJECTED naming stream, column, row
 * and value). Pure; the rules are the ones type-mapping.ts applies.
 */
import { numberOf } from "@/connectors/snowflake/number-type";
import { snowflakeType } from "@/connectors/snowflake/type-mapping";
import type { TTypeDescription, TWeirType } from "@/connectors/types";

const YEARS = "dates before year 1 or after year 9999 (BC dates included) and ±infinity: Weir keeps Snowflake to its calendar range, years 1–9999";

const TEXT_NUMERIC =
  "exact decimal text (VARCHAR): Snowflake's NUMBER holds at most 38 digits and would round the rest; NaN and ±Infinity are kept as text; cast in models (e.g. TRY_TO_DECIMAL(col, 38, 10) or TRY_TO_DOUBLE(col))";

const JSON_RULE =
  "VARIANT holding the JSON value, not its text: whitespace and the order of object keys are not kept; numbers keep every digit up to 38 digits, longer ones or ones written with an exponent become doubles (IEEE 754)";

const ARRAY_RULE =
  'VARIANT holding the wire\'s JSON array: nested arrays stay nested, integers keep every digit, float NaN and ±Infinity are the JSON strings "NaN", "Infinity" and "-Infinity", other elements are JSON strings of their wire text; read an element with col[0]::<type>';

/** Every Weir type as Snowflake stores it. */
export function describeSnowflakeType(type: TWeirType): TTypeDescription {
  const stored = snowflakeType(type);
  switch (type.kind) {
    case "numeric": {
      const n = numberOf(type);
      if (!n) return { type: stored, conversion: TEXT_NUMERIC };
      return { type: stored, refuses: ["NaN and ±Infinity (NUMBER holds neither)"] };
    }
    case "text":
      return { type: stored, refuses: ["text over 16 MB (VARCHAR's limit)"] };
    case "date":
    case "timestamp":
    case "timestamptz":
      return { type: stored, refuses: [YEARS] };
    case "time":
      return { type: stored, refuses: ["24:00:00 (Snowflake's TIME ends at 23:59:59.999999999)"] };
    case "interval":
      return { type: stored, conversion: "ISO 8601 text as PostgreSQL's iso_8601 style writes it (e.g. P1Y2M3DT4H5M6.5S): Snowflake has no interval type" };
    case "json":
      return { type: stored, conversion: JSON_RULE, refuses: ["objects with a duplicate key", "documents over 16 MB (VARIANT's limit)"] };
    case "array":
      return { type: stored, conversion: ARRAY_RULE, refuses: ["arrays over 16 MB (VARIANT's limit)"] };
    case "bytes":
      return { type: stored, refuses: ["values over 8 MB (BINARY's limit)"] };
    default:
      return { type: stored };
  }
}

/**
 * What a refusal names as the rule: the classes describeSnowflakeType lists,
 * plus text that is no value of the column's type (a source breaking its
 * declared type), which Snowflake would round and Weir refuses instead.
 */
export function refusalRules(type: TWeirType): string[] {
  const rules = describeSnowflakeType(type).refuses ?? [];
  if (type.kind === "integer" || type.kind === "bigint") return [...rules, "fractional values (Snowflake would round them)"];
  const n = type.kind === "numeric" ? numberOf(type) : null;
  if (n) return [...rules, `more than ${n.scale} significant fractional digits (Snowflake would round them)`];
  return rules;
}
