/**
 * What a person chose after a type change the destination cannot apply by
 * itself (ConnectionStream.columnOverrides), and what waits for a choice
 * (ConnectionStream.pendingSchema). Pure; the sync engine plans with it and
 * the connection procedures resolve with it.
 *
 * - cast: the column keeps its accepted (old) type in the write plan; the
 *   destination casts the source's new values into it and refuses
 *   (DATA_REJECTED, naming the row) those that do not fit;
 * - ignore: the column is left out of the write plan; the destination keeps
 *   it, NULL in new rows;
 * - rebuild (not stored): the stream's state is cleared with its table
 *   dropped, and the new type accepted.
 *
 * A choice holds for the source type it was made for (`forType`): when the
 * source changes the column again, the choice lapses and the new change is
 * decided like any other.
 */
import { weirTypeName } from "@/connectors/type-widening";
import type { TColumn, TWeirType } from "@/connectors/types";

export type TColumnChoice = "cast" | "ignore";
export type TTypeChoice = TColumnChoice | "rebuild";
export type TColumnOverrides = Record<string, { choice: TColumnChoice; forType: string }>;
/** A column whose type changed in a way the destination cannot convert: from the accepted (or stored) type to the source's. */
export type TTypeConflict = { column: string; fromType: string; toType: string };
/** Source columns waiting to be accepted, and the type conflicts that need a choice first. */
export type TPendingSchema = { columns: TColumn[]; conflicts: TTypeConflict[] };

export const TYPE_CHOICES: readonly TTypeChoice[] = ["rebuild", "cast", "ignore"];

export function readOverrides(json: unknown): TColumnOverrides {
  return json && typeof json === "object" && !Array.isArray(json) ? (json as TColumnOverrides) : {};
}

export function readPending(json: unknown): TPendingSchema | null {
  return json && typeof json === "object" && Array.isArray((json as TPendingSchema).columns) ? (json as TPendingSchema) : null;
}

/** The choices that still hold: for a column the source has, with the type they were made for. */
export function settledOverrides(overrides: TColumnOverrides, current: readonly TColumn[]): TColumnOverrides {
  const byName = new Map(current.map((c) => [c.name, c]));
  return Object.fromEntries(
    Object.entries(overrides).filter(([name, o]) => {
      const col = byName.get(name);
      return col !== undefined && weirTypeName(col.type) === o.forType;
    }),
  );
}

/** The source's columns as the connection takes them: a column with a choice stays as accepted. */
export function effectiveColumns(accepted: readonly TColumn[], current: readonly TColumn[], settled: TColumnOverrides): TColumn[] {
  const before = new Map(accepted.map((c) => [c.name, c]));
  return current.map((c) => (settled[c.name] ? (before.get(c.name) ?? c) : c));
}

/**
 * The columns a write plan loads: the accepted ones without those a person
 * chose to ignore; a column kept at a type the source no longer sends carries
 * the source's type in `castFrom`, so the destination checks every value.
 */
export function planColumns(columns: readonly TColumn[], settled: TColumnOverrides, current: readonly TColumn[]): TColumn[] {
  const now = new Map(current.map((c) => [c.name, c]));
  return columns
    .filter((c) => settled[c.name]?.choice !== "ignore")
    .map((c) => {
      const source = now.get(c.name);
      return source && weirTypeName(source.type) !== weirTypeName(c.type) ? { ...c, castFrom: source.type } : c;
    });
}

/** Plan columns whose type is not the source's any more: the destination casts the source's values into them. */
export function castColumns(plan: readonly TColumn[], current: readonly TColumn[]): TTypeConflict[] {
  const now = new Map(current.map((c) => [c.name, c]));
  return plan.flatMap((c) => {
    const source = now.get(c.name);
    if (!source || weirTypeName(source.type) === weirTypeName(c.type)) return [];
    return [{ column: c.name, fromType: weirTypeName(c.type), toType: weirTypeName(source.type) }];
  });
}

/** What resuming accepts: the pending columns, those with a choice kept as accepted. */
export function acceptPending(accepted: readonly TColumn[], pending: TPendingSchema, overrides: TColumnOverrides): TColumn[] {
  return effectiveColumns(accepted, pending.columns, settledOverrides(overrides, pending.columns));
}

/** The sentence a paused connection shows for a conflict: stream, column, both types and the three choices. */
export function conflictSentence(stream: string, c: TTypeConflict): string {
  return (
    `The destination cannot convert ${stream}.${c.column} from ${c.fromType} to ${c.toType} by itself. ` +
    `Choose on the connection page: rebuild the table from scratch, keep ${c.fromType} and cast new values into it, or ignore the column.`
  );
}

export type TResolution = { accepted: TColumn[]; overrides: TColumnOverrides; pending: TPendingSchema | null };

/**
 * Applies a person's choice for one conflict: the stream's new accepted
 * columns, choices and what still waits. (Rebuild also needs the stream's
 * state cleared and table dropped, which the caller does.)
 */
export function applyChoice(
  state: { accepted: readonly TColumn[]; overrides: TColumnOverrides; pending: TPendingSchema },
  conflict: TTypeConflict,
  choice: TTypeChoice,
): TResolution {
  const incoming = state.pending.columns.find((c) => c.name === conflict.column);
  const old = state.accepted.find((c) => c.name === conflict.column) ?? incoming;
  if (!incoming || !old) throw new Error(`column ${conflict.column} is in neither the accepted nor the pending columns`);
  const overrides = { ...state.overrides };
  let column: TColumn;
  if (choice === "rebuild") {
    delete overrides[conflict.column];
    column = incoming;
  } else {
    overrides[conflict.column] = { choice, forType: conflict.toType };
    column = choice === "cast" ? { ...old, type: parseWeirTypeName(conflict.fromType) } : old;
  }
  const accepted = state.accepted.some((c) => c.name === conflict.column)
    ? state.accepted.map((c) => (c.name === conflict.column ? column : c))
    : [...state.accepted, column];
  const conflicts = state.pending.conflicts.filter((c) => c.column !== conflict.column);
  return { accepted, overrides, pending: { ...state.pending, conflicts } };
}

const SIMPLE: Record<string, TWeirType> = Object.fromEntries(
  (["boolean", "integer", "bigint", "float", "numeric", "text", "uuid", "date", "timestamp", "timestamptz", "time", "interval", "json", "bytes"] as const).map(
    (k) => [k, { kind: k } as TWeirType],
  ),
);

/** The Weir type a name of weirTypeName stands for ("numeric(12,2)", "text[]"). */
export function parseWeirTypeName(name: string): TWeirType {
  if (name.endsWith("[]")) return { kind: "array", items: parseWeirTypeName(name.slice(0, -2)) };
  const numeric = /^numeric\((\d+),(-?\d+)\)$/.exec(name);
  if (numeric) return { kind: "numeric", precision: Number(numeric[1]), scale: Number(numeric[2]) };
  const simple = SIMPLE[name];
  if (!simple) throw new Error(`"${name}" is not a Weir type name`);
  return simple;
}

export function isWeirTypeName(name: string): boolean {
  try {
    parseWeirTypeName(name);
    return true;
  } catch {
    return false;
  }
}
