/**
 * Which Weir numerics Snowflake holds exactly as NUMBER(p,s). Pure; its own module because the
 * type mapping (type-mapping.ts) and the casts of a kept type (cast-from.ts) both ask it.
 */
import type { TWeirType } from "@/connectors/types";

export const MAX_PRECISION = 38;

type TNumeric = Extract<TWeirType, { kind: "numeric" }>;

/** NUMBER(p,s) when Snowflake holds the declared numeric exactly, else null (stored as VARCHAR text). */
export function numberOf(type: TNumeric): { precision: number; scale: number } | null {
  const { precision: p, scale: s = 0 } = type;
  if (p === undefined || !Number.isInteger(p) || p < 1 || p > MAX_PRECISION) return null;
  return Number.isInteger(s) && s >= 0 && s <= p ? { precision: p, scale: s } : null;
}
