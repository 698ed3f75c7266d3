/**
 * Compares a stream's columns as last accepted with the columns the source
 * reports now, and decides what the connection's schema-change policy does
 * with the difference. Pure.
 */
import type { TColumn, TWeirType } from "@/connectors/types";

export type TSchemaChange = {
  change: "column_added" | "column_dropped" | "type_changed";
  column: string;
  fromType: string | null;
  toType: string | null;
};

export function typeName(type: TWeirType): string {
  switch (type.kind) {
    case "numeric":
      return type.precision === undefined ? "numeric" : `numeric(${type.precision},${type.scale ?? 0})`;
    case "array":
      return `${typeName(type.items)}[]`;
    default:
      return type.kind;
  }
}

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

export type TPolicyOutcome =
  | { action: "propagated"; columns: TColumn[] }
  | { action: "ignored"; columns: TColumn[] }
  | { action: "paused"; reason: string };

/**
 * What to sync after a schema change:
 * - propagate: the current columns (the destination adds new columns; a
 *   dropped column stays in the destination and is NULL in new rows);
 * - ignore: the accepted columns that still exist, with their accepted types;
 * - pause: nothing; the connection stops with a reason naming the changes.
 */
export function applySchemaPolicy(
  policy: "propagate" | "pause" | "ignore",
  stream: string,
  accepted: readonly TColumn[],
  current: readonly TColumn[],
  changes: readonly TSchemaChange[],
): TPolicyOutcome {
  if (changes.length === 0 || policy === "propagate") return { action: "propagated", columns: [...current] };
  if (policy === "ignore") {
    const now = new Set(current.map((c) => c.name));
    return { action: "ignored", columns: accepted.filter((c) => now.has(c.name)) };
  }
  const list = changes.map((c) => `${c.column} ${c.change.replace("column_", "").replace("_", " ")}${c.toType && c.fromType ? ` (${c.fromType} → ${c.toType})` : ""}`);
  return { action: "paused", reason: `The schema of ${stream} changed: ${list.join(", ")}. Review the streams and resume the connection.` };
}
