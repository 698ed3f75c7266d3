/**
 * Columns of an HTTP stream, inferred from sampled records (the top-level
 * keys of JSON objects, in order of first appearance). JSON types map to
 * Weir types: booleans → boolean; numbers → integer when all are integral
 * within 32 bits, bigint when integral within 64, numeric when some number
 * is one a double cannot keep (a LosslessNumber of exact-json.ts: more
 * digits, or a larger exponent), else float; strings →
 * date or timestamptz when every one parses as such, else text; objects and
 * mixed types → json; arrays → an array type when their elements are
 * scalars of one kind, else json. A column is nullable when any sample lacks
 * it or holds null; one that is always null is text. Float and timestamp
 * columns state their conversion rule (TColumn.conversion). Pure.
 */
import { type LosslessNumber, isLosslessNumber } from "@/connectors/json/exact-json";
import { isIsoDate, parseIsoTimestamp } from "@/connectors/json/temporal-text";
import type { TColumn, TWeirType } from "@/connectors/types";

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_LIMIT = 2 ** 63;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

type TJsonKind = "boolean" | "number" | "string" | "object" | "array";

/** What the non-null values of one column (or of one array's elements) looked like. */
type TValueStats = {
  kinds: Set<TJsonKind>;
  allInt32: boolean;
  allInt64: boolean;
  allDates: boolean;
  allTemporal: boolean;
  /** Whether some number was one a double cannot keep (then the column is numeric unless all are 64-bit integers). */
  beyondFloat: boolean;
  /** Elements of array values; undefined until an array is seen. */
  elements?: TValueStats;
  /** Whether some array held an object or an array (then the column is json). */
  nestedArrays: boolean;
};

const newStats = (): TValueStats => ({
  kinds: new Set(),
  allInt32: true,
  allInt64: true,
  allDates: true,
  allTemporal: true,
  beyondFloat: false,
  nestedArrays: false,
});

function kindOf(value: unknown): TJsonKind {
  if (Array.isArray(value)) return "array";
  if (isLosslessNumber(value)) return "number";
  const t = typeof value;
  return t === "boolean" || t === "number" || t === "string" ? t : "object";
}

function observe(stats: TValueStats, value: unknown): void {
  if (value === null || value === undefined) return;
  const kind = kindOf(value);
  stats.kinds.add(kind);
  if (kind === "number" && typeof value !== "number") {
    // A LosslessNumber: never a 32-bit integer, maybe a 64-bit one.
    const text = (value as LosslessNumber).value;
    const int64 = /^-?\d+$/.test(text) && BigInt(text) >= INT64_MIN && BigInt(text) <= INT64_MAX;
    stats.allInt32 = false;
    stats.allInt64 &&= int64;
    stats.beyondFloat = true;
  } else if (kind === "number") {
    const n = value as number;
    const integral = Number.isInteger(n);
    stats.allInt32 &&= integral && n >= INT32_MIN && n <= INT32_MAX;
    stats.allInt64 &&= integral && Math.abs(n) < INT64_LIMIT;
  } else if (kind === "string") {
    const text = value as string;
    const date = isIsoDate(text);
    stats.allDates &&= date;
    stats.allTemporal &&= date || parseIsoTimestamp(text) !== null;
  } else if (kind === "array") {
    stats.elements ??= newStats();
    for (const element of value as unknown[]) {
      const elementKind = element === null ? null : kindOf(element);
      if (elementKind === "array" || elementKind === "object") stats.nestedArrays = true;
      else observe(stats.elements, element);
    }
  }
}

/** The Weir type of what `stats` saw; null when it saw no value at all. */
function resolveType(stats: TValueStats): TWeirType | null {
  if (stats.kinds.size === 0) return null;
  if (stats.kinds.size > 1) return { kind: "json" };
  const [kind] = stats.kinds;
  switch (kind) {
    case "boolean":
      return { kind: "boolean" };
    case "number":
      return stats.allInt32 ? { kind: "integer" } : stats.allInt64 ? { kind: "bigint" } : stats.beyondFloat ? { kind: "numeric" } : { kind: "float" };
    case "string":
      return stats.allDates ? { kind: "date" } : stats.allTemporal ? { kind: "timestamptz" } : { kind: "text" };
    case "array": {
      const items = !stats.nestedArrays && stats.elements ? resolveType(stats.elements) : null;
      return items && items.kind !== "json" ? { kind: "array", items } : { kind: "json" };
    }
    default:
      return { kind: "json" };
  }
}

function sourceTypeOf(stats: TValueStats): string {
  return stats.kinds.size ? [...stats.kinds].sort().join(" | ") : "null";
}

/** Columns of `records` (JSON objects), in order of first appearance. */
export function inferColumns(records: readonly Record<string, unknown>[]): TColumn[] {
  const stats = new Map<string, TValueStats>();
  const present = new Map<string, number>();
  for (const record of records) {
    for (const [key, value] of Object.entries(record)) {
      let column = stats.get(key);
      if (!column) {
        column = newStats();
        stats.set(key, column);
      }
      observe(column, value);
      if (value !== null && value !== undefined) present.set(key, (present.get(key) ?? 0) + 1);
    }
  }
  return [...stats.entries()].map(([name, column]) => {
    const type = resolveType(column) ?? { kind: "text" };
    const conversion = conversionOf(type);
    return {
      name,
      type,
      nullable: (present.get(name) ?? 0) < records.length,
      sourceType: `json ${sourceTypeOf(column)}`,
      ...(conversion ? { conversion } : {}),
    };
  });
}

/** The rule of a column whose JSON values do not all arrive exactly as `type` (TColumn.conversion); none when they do. */
function conversionOf(type: TWeirType): string | undefined {
  switch (type.kind) {
    case "float":
      return "JSON number → float: the nearest double (a number with more significant digits than a double keeps is rounded)";
    case "timestamptz":
      return "ISO 8601 text → timestamptz: the instant in UTC (no offset means UTC); fractional digits beyond microseconds are cut";
    case "array":
      return conversionOf(type.items) && `each element: ${conversionOf(type.items)}`;
    default:
      return undefined;
  }
}

/** Types that order like the records they come from: usable as incremental cursors. */
export function isCursorType(type: TWeirType): boolean {
  return ["integer", "bigint", "float", "numeric", "date", "timestamp", "timestamptz"].includes(type.kind);
}
