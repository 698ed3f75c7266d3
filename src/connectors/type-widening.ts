/**
 * Which column type changes a destination applies by itself: the widening
 * ones, where every value of the old type has exactly one value of the new
 * type (its wire text read as the new type), so the old rows can be
 * converted in place and nothing is lost. Any other change (a narrowing, or
 * one that needs an assumption such as a time zone) stops the stream for a
 * person to choose what happens. Pure; shared by the sync engine (to pause
 * before a run) and every destination (to decide at commit, against the
 * column as it is stored).
 */
import type { TWeirType } from "@/connectors/types";

type TNumeric = Extract<TWeirType, { kind: "numeric" }>;

/** Digits before the point a type holds; Infinity for unconstrained numeric. */
function integerDigits(type: TWeirType): number {
  switch (type.kind) {
    case "integer":
      return 10;
    case "bigint":
      return 19;
    case "numeric":
      return type.precision === undefined ? Infinity : type.precision - (type.scale ?? 0);
    default:
      return 0;
  }
}

function holdsNumeric(to: TNumeric, fromDigits: number, fromScale: number): boolean {
  if (to.precision === undefined) return true;
  const scale = to.scale ?? 0;
  return scale >= fromScale && to.precision - scale >= fromDigits;
}

/** A short name of a Weir type, for messages and schema-change events: "integer", "numeric(12,2)", "text[][]". */
export function weirTypeName(type: TWeirType): string {
  switch (type.kind) {
    case "numeric":
      return type.precision === undefined ? "numeric" : `numeric(${type.precision},${type.scale ?? 0})`;
    case "array":
      return `${weirTypeName(type.items)}[]`;
    default:
      return type.kind;
  }
}

/** Whether two Weir types are the same type. */
export function sameWeirType(a: TWeirType, b: TWeirType): boolean {
  return weirTypeName(a) === weirTypeName(b);
}

/**
 * Whether a column of type `from` can become `to` with every old value
 * converted exactly. Same type; anything to text (an old value becomes its
 * wire text); integer → bigint; integer or bigint → a numeric with room for
 * their digits; numeric(p,s) → a numeric with at least as many digits on
 * each side of the point, or unconstrained; integer → float (every 32-bit
 * integer is a double); date → timestamp or timestamptz (at midnight, UTC);
 * arrays whose elements widen.
 */
export function isWidening(from: TWeirType, to: TWeirType): boolean {
  if (sameWeirType(from, to)) return true;
  if (to.kind === "text") return true;
  if (from.kind === "array" || to.kind === "array") return from.kind === "array" && to.kind === "array" && isWidening(from.items, to.items);
  switch (from.kind) {
    case "integer":
      if (to.kind === "bigint" || to.kind === "float") return true;
      return to.kind === "numeric" && holdsNumeric(to, integerDigits(from), 0);
    case "bigint":
      return to.kind === "numeric" && holdsNumeric(to, integerDigits(from), 0);
    case "numeric":
      return to.kind === "numeric" && holdsNumeric(to, integerDigits(from), from.precision === undefined ? Infinity : (from.scale ?? 0));
    case "date":
      return to.kind === "timestamp" || to.kind === "timestamptz";
    default:
      return false;
  }
}
