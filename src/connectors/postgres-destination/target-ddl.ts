/**
 * What a commit changes in the target's shape, decided from the catalogue as
 * it is when the commit runs: the schema and table when missing, columns
 * that are new, columns whose type widens (ALTER COLUMN … TYPE … USING the
 * old value's wire text read as the new type, so nothing is lost), the merge
 * index. A type change that does not widen (src/connectors/type-widening.ts)
 * is refused with SCHEMA_CHANGED before anything runs. Also the shape of
 * full_refresh_overwrite's new copy: the target's (indexes, defaults,
 * constraints, comments) with the plan's columns and types. Pure.
 */
import type { TResolvedPlan } from "@/connectors/postgres-destination/resolve-plan";
import {
  WEIR_COLUMN_DEFS,
  createMergeIndexSql,
  createSchemaSql,
  createTargetSql,
  dropTableSql,
  targetColumnDefs,
} from "@/connectors/postgres-destination/ddl-sql";
import { qualified, quoteIdent } from "@/connectors/postgres-destination/identifiers";
import { storedTypeName, weirTypeFromStored } from "@/connectors/postgres-destination/stored-types";
import { castFromWire, pgType, wireFromValue } from "@/connectors/postgres-destination/type-mapping";
import { isWidening, weirTypeName } from "@/connectors/type-widening";
import type { TColumn } from "@/connectors/types";
import { AppError } from "@/lib/app-error";

/** A stored column: its name and format_type. */
export type TStoredColumn = { name: string; type: string };

/** The target as the catalogue has it. `columns` is null when there is no table. */
export type TTargetState = { schemaExists: boolean; columns: TStoredColumn[] | null; mergeIndexExists: boolean };

type TWidened = { name: string; sqlType: string; using: string };
/** A change that does not widen: the column, both types as the catalogue spells them, and as Weir names them (for the engine's choices). */
type TRefused = { name: string; stored: string; planned: string; storedType: string; plannedType: string };
export type TColumnDiff = { missing: { name: string; sqlType: string }[]; widened: TWidened[]; refused: TRefused[] };

/** How the plan's columns differ from the stored ones. */
export function diffColumns(stored: readonly TStoredColumn[], columns: readonly TColumn[]): TColumnDiff {
  const byName = new Map(stored.map((c) => [c.name, c.type]));
  const diff: TColumnDiff = { missing: targetColumnDefs(columns).filter((c) => !byName.has(c.name)), widened: [], refused: [] };
  for (const column of columns) {
    const current = byName.get(column.name);
    const planned = storedTypeName(column.type);
    if (current === undefined || current === planned) continue;
    const from = weirTypeFromStored(current);
    const to = weirTypeFromStored(planned);
    const name = quoteIdent(column.name);
    if (from === null ? to?.kind === "text" : to !== null && isWidening(from, to)) {
      const using = from === null ? `(${name})::text` : castFromWire(wireFromValue(name, from), column.type);
      diff.widened.push({ name: column.name, sqlType: pgType(column.type), using });
    } else {
      diff.refused.push({
        name: column.name,
        stored: current,
        planned,
        storedType: from ? weirTypeName(from) : current,
        plannedType: weirTypeName(column.type),
      });
    }
  }
  return diff;
}

/** The SCHEMA_CHANGED error of changes that do not widen, naming table, columns and both types. */
export function schemaChangedError(r: TResolvedPlan, refused: readonly TRefused[]): AppError {
  const changes = refused.map((c) => `column "${c.name}" is stored as ${c.stored} and the source now sends ${c.planned}`).join("; ");
  return new AppError(
    "SCHEMA_CHANGED",
    `PostgreSQL destination, stream "${r.plan.stream}": in table ${r.label}, ${changes}. The stored values would not all convert, so nothing was committed. ` +
      `Choose on the connection page: rebuild the table from scratch (clear the stream with its data), change the column's type in the database yourself, or exclude the column.`,
    // The engine pauses the stream on the first column, with its choices (src/engine/sync/sync-failure.ts).
    { table: r.label, column: refused[0]?.name, storedType: refused[0]?.storedType, plannedType: refused[0]?.plannedType, columns: refused },
  );
}

/** Whether `e` is PostgreSQL refusing ALTER COLUMN … TYPE on a column a view or rule uses (SQLSTATE 0A000: the same every time). */
export function isTypeChangeBlockedByView(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  return err?.code === "0A000" && /used by a view or rule/i.test(err.message ?? "");
}

/**
 * The SCHEMA_CHANGED error of a widening PostgreSQL cannot apply because a
 * view uses the column (never retried: the engine pauses the stream with the
 * choices). `stored` is the target's columns before the commit; `detail`
 * PostgreSQL's, naming the view and the column.
 */
export function viewBlocksWideningError(r: TResolvedPlan, stored: readonly TStoredColumn[], detail: string | undefined): AppError {
  const widened = diffColumns(stored, r.columns).widened;
  const named = /depends on column "((?:[^"]|"")*)"/.exec(detail ?? "")?.[1]?.replaceAll('""', '"');
  const name = (widened.find((c) => c.name === named) ?? widened[0])?.name ?? named;
  const storedAs = stored.find((c) => c.name === name)?.type;
  const from = storedAs === undefined ? undefined : weirTypeFromStored(storedAs);
  const planned = r.columns.find((c) => c.name === name)?.type;
  const what =
    name === undefined ? "a column" : `column "${name}"${storedAs && planned ? ` (stored as ${storedAs}, the source now sends ${pgType(planned)})` : ""}`;
  return new AppError(
    "SCHEMA_CHANGED",
    `PostgreSQL destination, stream "${r.plan.stream}": in table ${r.label}, ${what} would widen, but PostgreSQL cannot change the type of a column that a view or rule uses` +
      `${detail ? ` (${detail})` : ""}, so nothing was committed. Drop the view, let the next run widen the column, then create the view again; ` +
      `or choose on the connection page: keep the stored type and cast new values into it, or rebuild the table from scratch.`,
    {
      table: r.label,
      column: name,
      storedType: from ? weirTypeName(from) : storedAs,
      plannedType: planned ? weirTypeName(planned) : undefined,
      blockedBy: detail,
    },
  );
}

/** One ALTER TABLE adding the missing columns and widening the others; null when there is nothing to do. */
export function alterTargetSql(schema: string, table: string, diff: Pick<TColumnDiff, "missing" | "widened">): string | null {
  const actions = [
    ...diff.missing.map((c) => `ADD COLUMN IF NOT EXISTS ${quoteIdent(c.name)} ${c.sqlType}`),
    ...diff.widened.map((c) => `ALTER COLUMN ${quoteIdent(c.name)} TYPE ${c.sqlType} USING ${c.using}`),
  ];
  return actions.length ? `ALTER TABLE ${qualified(schema, table)} ${actions.join(", ")}` : null;
}

/**
 * The DDL a commit runs before applying rows (empty when the target is as
 * the plan needs it). full_refresh_overwrite leaves the old table's shape
 * alone (its new copy takes the plan's), but a narrowing still stops it.
 */
export function targetDdl(r: TResolvedPlan, state: TTargetState): string[] {
  const statements = state.schemaExists ? [] : [createSchemaSql(r.schema)];
  const diff = state.columns ? diffColumns(state.columns, r.columns) : null;
  if (diff?.refused.length) throw schemaChangedError(r, diff.refused);
  if (r.plan.mode === "full_refresh_overwrite") return statements;
  if (!diff) statements.push(createTargetSql(r.schema, r.table, r.columns));
  else {
    const alter = alterTargetSql(r.schema, r.table, diff);
    if (alter) statements.push(alter);
  }
  if (r.plan.mode === "incremental_dedup" && !(state.columns && state.mergeIndexExists))
    statements.push(createMergeIndexSql(r.schema, r.table, r.mergeIndex, r.primaryKey));
  return statements;
}

/**
 * full_refresh_overwrite's new, empty copy in `schema`.`copy`: the target's
 * shape (LIKE … INCLUDING ALL) with the plan's new columns added and its
 * types where they differ (an empty table converts nothing), or the plan's
 * columns when there is no target yet.
 */
export function overwriteCopyDdl(r: TResolvedPlan, schema: string, copy: string, stored: readonly TStoredColumn[] | null): string[] {
  const drop = dropTableSql(schema, copy);
  if (!stored) return [drop, createTargetSql(schema, copy, r.columns)];
  const byName = new Map(stored.map((c) => [c.name, c.type]));
  const retyped = r.columns
    .filter((c) => byName.has(c.name) && byName.get(c.name) !== storedTypeName(c.type))
    .map((c) => ({ name: c.name, sqlType: pgType(c.type), using: `NULL::${pgType(c.type)}` }));
  const missing = [...r.columns.map((c) => ({ name: c.name, sqlType: pgType(c.type) })), ...WEIR_COLUMN_DEFS].filter((c) => !byName.has(c.name));
  const alter = alterTargetSql(schema, copy, { missing, widened: retyped });
  return [drop, `CREATE TABLE ${qualified(schema, copy)} (LIKE ${qualified(r.schema, r.table)} INCLUDING ALL)`, ...(alter ? [alter] : [])];
}
