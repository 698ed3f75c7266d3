/**
 * Which columns a stream's boundary identities can be compared over, decided
 * from what the boundary recorded (src/connectors/types.ts, commitStream).
 * Pure.
 *
 * A boundary records the columns its identities were hashed over: name,
 * Weir type as the wire carries it (`castFrom` when the column is kept at
 * another type, since the staged text is the source's) and the source's own
 * type name. While the plan still has every recorded column alike, staged
 * rows are hashed over the recorded columns (an added column keeps the
 * boundary). When one was dropped, ignored or retyped — also a change the
 * Weir type does not show, such as real → double precision or char(3) →
 * char(5), whose wire text differs — the identities cannot be compared and
 * every staged row at the saved cursor counts as held, as for a ledger from
 * before boundaries; the commit then records a new boundary over the plan's
 * columns.
 */
import { weirTypeName } from "@/connectors/type-widening";
import type { TColumn } from "@/connectors/types";

/** One column a boundary's identities were hashed over. */
export type TBoundaryColumn = { name: string; type: string; sourceType?: string };

/** What `_weir.boundary_streams` holds for a stream. */
export type TBoundaryHead = { cursor: string | null; columns: TBoundaryColumn[] };

/**
 * Which staged rows at the saved cursor count as held: `compare` (their
 * identities over `columns` against the recorded counts), `all` (the strict
 * rule) or `none` (nothing recorded for this cursor).
 */
export type THeldRule = { kind: "compare"; columns: TBoundaryColumn[] } | { kind: "all" } | { kind: "none" };

/** The rule, and whether the commit must replace the boundary (its identities can no longer be added to). */
export type TBoundaryRule = { held: THeldRule; replace: boolean };

/** The columns a plan's identities are hashed over. */
export function boundaryColumns(columns: readonly TColumn[]): TBoundaryColumn[] {
  return columns.map((c) => ({ name: c.name, type: weirTypeName(c.castFrom ?? c.type), ...(c.sourceType ? { sourceType: c.sourceType } : {}) }));
}

/** Whether the plan still has every recorded column, with the same wire type and source type. */
export function stillComparable(recorded: readonly TBoundaryColumn[], plan: readonly TColumn[]): boolean {
  const now = new Map(boundaryColumns(plan).map((c) => [c.name, c]));
  return recorded.every((c) => {
    const p = now.get(c.name);
    return p !== undefined && p.type === c.type && (p.sourceType ?? null) === (c.sourceType ?? null);
  });
}

/**
 * The rule for a commit whose saved cursor is `previous` (canonical wire
 * text, null for the NULL cursor), given the recorded head (null when there
 * is none) and whether identity rows exist without a head (a boundary
 * written before heads existed, hashed over the plan's columns of its time:
 * taken to be the current plan's).
 */
export function boundaryRule(previous: string | null, head: TBoundaryHead | null, headlessIdentities: boolean, plan: readonly TColumn[]): TBoundaryRule {
  if (head) {
    if (head.cursor !== previous) return { held: { kind: "none" }, replace: true };
    if (!stillComparable(head.columns, plan)) return { held: { kind: "all" }, replace: true };
    return { held: { kind: "compare", columns: head.columns }, replace: false };
  }
  if (headlessIdentities) return { held: { kind: "compare", columns: boundaryColumns(plan) }, replace: false };
  // No boundary at all: a saved cursor comes from before boundaries (reads were strictly after it); no cursor, from nothing yet.
  if (previous !== null) return { held: { kind: "all" }, replace: true };
  return { held: { kind: "none" }, replace: false };
}
