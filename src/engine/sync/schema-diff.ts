/**
 * Compares a stream's columns as last accepted with the columns the source
 * reports now, and decides what the connection's schema-change policy does
 * with the difference. A type change the destination can apply by itself
 * (isWidening: every old value converts exactly) propagates; one it cannot
 * pauses the connection before anything is loaded, for a person to choose
 * (column-choices.ts), instead of failing every later sync. Pure.
 */
import { isWidening, weirTypeName } from "@/connectors/type-widening";
import type { TColumn } from "@/connectors/types";
import {
  conflictSentence,
  effectiveColumns,
  planColumns,
  settledOverrides,
  type TColumnOverrides,
  type TPendingSchema,
  type TTypeConflict,
} from "@/engine/sync/column-choices";

export type TSchemaChange = {
  change: "column_added" | "column_dropped" | "type_changed";
  column: string;
  fromType: string | null;
  toType: string | null;
};

/** A Weir type's short name ("numeric(12,2)", "text[]"); kept here for the lineage events that import it. */
export const typeName = weirTypeName;

export function diffColumns(accepted: readonly TColumn[], current: readonly TColumn[]): TSchemaChange[] {
  const before = new Map(accepted.map((c) => [c.name, c]));
  const after = new Map(current.map((c) => [c.name, c]));
  const changes: TSchemaChange[] = [];
  for (const col of current) {
    const old = before.get(col.name);
    if (!old) changes.push({ change: "column_added", column: col.name, fromType: null, toType: typeName(col.type) });
    else if (typeName(old.type) !== typeName(col.type)) {
      changes.push({ change: "type_changed", column: col.name, fromType: typeName(old.type), toType: typeName(col.type) });
    }
  }
  for (const col of accepted) {
    if (!after.has(col.name)) changes.push({ change: "column_dropped", column: col.name, fromType: typeName(col.type), toType: null });
  }
  return changes;
}

/** Type changes among `changes` that the destination cannot apply by itself. */
export function typeConflicts(accepted: readonly TColumn[], current: readonly TColumn[], changes: readonly TSchemaChange[]): TTypeConflict[] {
  const before = new Map(accepted.map((c) => [c.name, c]));
  const after = new Map(current.map((c) => [c.name, c]));
  return changes.flatMap((ch) => {
    const from = before.get(ch.column);
    const to = after.get(ch.column);
    if (ch.change !== "type_changed" || !from || !to || isWidening(from.type, to.type)) return [];
    return [{ column: ch.column, fromType: typeName(from.type), toType: typeName(to.type) }];
  });
}

export type TSchemaDecision = {
  /** What changed since the accepted columns (choices already made are not changes). */
  changes: TSchemaChange[];
  action: "unchanged" | "propagated" | "ignored" | "paused";
  /** Columns to save as the accepted ones; absent when they stay as they are. */
  accept?: TColumn[];
  /** The write plan's columns. */
  plan: TColumn[];
  /** The choices that still hold (to save when some lapsed). */
  overrides: TColumnOverrides;
  /** When paused: what waits for a person, and why. */
  pending?: TPendingSchema;
  reason?: string;
};

function describeChanges(changes: readonly TSchemaChange[]): string {
  return changes
    .map((c) => `${c.column} ${c.change.replace("column_", "").replace("_", " ")}${c.toType && c.fromType ? ` (${c.fromType} → ${c.toType})` : ""}`)
    .join(", ");
}

/**
 * What to sync after a schema change:
 * - propagate: the current columns (the destination adds new columns and
 *   widens types in its commit; a dropped column stays in the destination
 *   and is NULL in new rows); a type change that is not widening pauses;
 * - ignore: the accepted columns that still exist, with their accepted types
 *   (the destination casts the source's values into them);
 * - pause: nothing; the connection stops with a reason naming the changes,
 *   and resuming accepts them (type conflicts need a choice first).
 * Columns with a choice (cast, ignore) are planned as the choice says.
 */
export function decideSchema(input: {
  policy: "propagate" | "pause" | "ignore";
  stream: string;
  accepted: readonly TColumn[];
  current: readonly TColumn[];
  overrides: TColumnOverrides;
}): TSchemaDecision {
  const { policy, stream, accepted, current } = input;
  if (accepted.length === 0) return { changes: [], action: "propagated", accept: [...current], plan: [...current], overrides: {} };
  const overrides = settledOverrides(input.overrides, current);
  const effective = effectiveColumns(accepted, current, overrides);
  const changes = diffColumns(accepted, effective);
  if (changes.length === 0) {
    // Same Weir types; the source's own type names or conversion notes may have changed (varchar(10) → text).
    const accept = JSON.stringify(effective) === JSON.stringify(accepted) ? undefined : effective;
    return { changes, action: "unchanged", accept, plan: planColumns(effective, overrides, current), overrides };
  }
  if (policy === "ignore") {
    const now = new Set(current.map((c) => c.name));
    return {
      changes,
      action: "ignored",
      plan: planColumns(
        accepted.filter((c) => now.has(c.name)),
        overrides,
        current,
      ),
      overrides,
    };
  }
  const conflicts = typeConflicts(accepted, effective, changes);
  if (policy === "propagate" && conflicts.length === 0)
    return { changes, action: "propagated", accept: effective, plan: planColumns(effective, overrides, current), overrides };
  const next = conflicts.length
    ? conflicts.map((c) => conflictSentence(stream, c)).join(" ") + " The connection resumes once every such column has a choice."
    : "Review the streams and resume the connection.";
  return {
    changes,
    action: "paused",
    plan: [],
    overrides,
    pending: { columns: effective, conflicts },
    reason: `The schema of ${stream} changed: ${describeChanges(changes)}. ${next}`,
  };
}
