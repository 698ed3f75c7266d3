/**
 * Column types as PostgreSQL's catalogue spells them (`format_type`), and
 * back to Weir types, so a commit can compare the stored column with the
 * plan's and decide whether a change widens (src/connectors/type-widening.ts).
 * Pure. Only types this destination creates map back; anything else (a
 * column someone altered by hand) is `null`, which only a change to text
 * can widen.
 */
import { pgType } from "@/connectors/postgres-destination/type-mapping";
import type { TWeirType } from "@/connectors/types";

const FORMAT_TYPE_NAMES: Record<string, string> = {
  timestamp: "timestamp without time zone",
  timestamptz: "timestamp with time zone",
  time: "time without time zone",
};

/** format_type's spelling of pgType(type), e.g. "timestamp with time zone", "numeric(10,0)", "integer[]". */
export function storedTypeName(type: TWeirType): string {
  const sql = pgType(type);
  const array = sql.endsWith("[]");
  const base = array ? sql.slice(0, -2) : sql;
  const spelled = FORMAT_TYPE_NAMES[base] ?? (/^numeric\(\d+\)$/.test(base) ? base.replace(")", ",0)") : base);
  return array ? `${spelled}[]` : spelled;
}

const BY_NAME: Record<string, TWeirType> = {
  boolean: { kind: "boolean" },
  integer: { kind: "integer" },
  bigint: { kind: "bigint" },
  "double precision": { kind: "float" },
  numeric: { kind: "numeric" },
  text: { kind: "text" },
  uuid: { kind: "uuid" },
  date: { kind: "date" },
  "timestamp without time zone": { kind: "timestamp" },
  "timestamp with time zone": { kind: "timestamptz" },
  "time without time zone": { kind: "time" },
  interval: { kind: "interval" },
  jsonb: { kind: "json" },
  bytea: { kind: "bytes" },
};

/**
 * The Weir type a stored column holds, from its format_type; arrays come
 * back one level deep (a PostgreSQL array column has no fixed number of
 * dimensions). Null for types this destination never creates.
 */
export function weirTypeFromStored(formatType: string): TWeirType | null {
  if (formatType.endsWith("[]")) {
    const items = weirTypeFromStored(formatType.slice(0, -2));
    return items && items.kind !== "array" ? { kind: "array", items } : null;
  }
  const numeric = /^numeric\((\d+),(\d+)\)$/.exec(formatType);
  if (numeric) return { kind: "numeric", precision: Number(numeric[1]), scale: Number(numeric[2]) };
  return BY_NAME[formatType] ?? null;
}
