/**
 * `describeType` of the PostgreSQL destination: for every Weir type, the
 * column type it is stored as, the rule when a value is converted rather
 * than kept exactly, and the values refused out loud (DATA_REJECTED). Pure;
 * the connection page and docs/connectors/type-mapping.md show it. Kept
 * next to type-mapping.ts so the words cannot drift from the SQL.
 */
import { MAX_ARRAY_DIMENSIONS, arrayShape, isJsonbArray } from "@/connectors/postgres-destination/array-sql";
import { pgType } from "@/connectors/postgres-destination/type-mapping";
import type { TTypeDescription, TWeirType } from "@/connectors/types";

const NUL_TEXT = "text containing the NUL character (U+0000), which PostgreSQL text cannot hold";

function numeric(type: Extract<TWeirType, { kind: "numeric" }>): TTypeDescription {
  const sql = pgType(type);
  if (sql === "numeric") return { type: sql, refuses: ["Infinity and -Infinity before PostgreSQL 14"] };
  const scale = type.scale ?? 0;
  return {
    type: sql,
    // A source of this type sends at most `scale` decimals; rounding needs one that breaks its own type. A castFrom column refuses instead (cast-check-sql.ts).
    conversion:
      `exact at the declared scale, which is all a source of this type sends; a value with more than ${scale} decimal digit${scale === 1 ? "" : "s"} ` +
      `(a source that breaks its declared scale) is rounded to ${scale} (half away from zero), as PostgreSQL's ${sql} does, ` +
      `except in a column kept at ${sql} while the source sends another type, which refuses it`,
    refuses: ["Infinity and -Infinity (NaN is kept)"],
  };
}

function scalar(type: Exclude<TWeirType, { kind: "array" }>): TTypeDescription {
  const sql = pgType(type);
  switch (type.kind) {
    case "numeric":
      return numeric(type);
    case "text":
      return { type: sql, refuses: [NUL_TEXT] };
    case "json":
      return {
        type: sql,
        conversion:
          "stored as jsonb: whitespace is not kept, object keys are reordered (shorter first, then by bytes) and of duplicate keys only the last is kept; numbers keep every digit",
        refuses: ["strings containing \\u0000, which jsonb cannot hold"],
      };
    case "date":
      return { type: sql, refuses: ["dates before 4713 BC or after 5874897 AD"] };
    case "timestamp":
    case "timestamptz":
      return { type: sql, refuses: ["times before 4713 BC or after 294276 AD"] };
    default:
      // boolean, integer, bigint, float (NaN and ±Infinity kept), uuid, time (24:00:00 kept), interval, bytes: every value exactly.
      return { type: sql };
  }
}

/** How a Weir type is stored in PostgreSQL, what is converted, and what is refused. */
export function describePostgresType(type: TWeirType): TTypeDescription {
  if (type.kind !== "array") return scalar(type);
  const { leaf, depth } = arrayShape(type);
  if (isJsonbArray(type)) {
    return {
      type: "jsonb",
      conversion: `stored as jsonb holding the wire JSON: PostgreSQL arrays have at most ${MAX_ARRAY_DIMENSIONS} dimensions, this one has ${depth}`,
    };
  }
  const element = scalar(leaf as Exclude<TWeirType, { kind: "array" }>);
  const refuses = [
    ...(depth > 1 ? ["sub-arrays of different lengths, NULL sub-arrays and empty sub-arrays, which PostgreSQL arrays cannot hold"] : []),
    ...(element.refuses ?? []).map((r) => `elements: ${r}`),
  ];
  return {
    type: pgType(type),
    ...(element.conversion ? { conversion: `each element: ${element.conversion}` } : {}),
    ...(refuses.length ? { refuses } : {}),
  };
}
