/**
 * What a commit does to the target's shape, decided before it changes
 * anything: compares the stored columns (information_schema) with the
 * plan's and returns the DDL to run, each step with the statements that
 * undo it. Pure.
 *
 * - A plan column the table lacks is added (nullable); a missing table is
 *   created.
 * - A plan column whose stored type does not hold the planned one changes
 *   type when isWidening(stored, planned) (src/connectors/type-widening.ts),
 *   the old values converted exactly through their wire text
 *   (wire-text-read.ts): in place where Snowflake's ALTER COLUMN can (a
 *   longer VARCHAR, more NUMBER precision at the same scale), else by
 *   rebuilding the table with CREATE OR REPLACE TABLE … COPY GRANTS AS
 *   SELECT (atomic, grants kept). Any other change is SCHEMA_CHANGED, naming
 *   table, column and both types, before anything ran.
 * - Snowflake commits DDL at once, so each step has an undo the commit runs
 *   when a later statement fails: DROP TABLE for a created table, DROP
 *   COLUMN for an added one, ALTER back for an in-place change (Snowflake
 *   lowers NUMBER precision and VARCHAR length when the values fit, and
 *   they do: the commit added none), and a rebuild back to the stored types
 *   (exact: the values were converted from them).
 * - full_refresh_overwrite replaces the table in one statement, so it needs
 *   no DDL step: `overwriteLayout` is the new table's column list, the
 *   stored columns in their order with the plan's types.
 */
import { type TApplyTarget, typedName, weirValues } from "@/connectors/snowflake/apply-sql";
import { fold, qualified, quoteIdent, quoteStored } from "@/connectors/snowflake/identifiers";
import { WEIR_COLUMN_DEFS } from "@/connectors/snowflake/load-sql";
import { type TStoredColumn, alterableInPlace, holdsPlanned, storedTypeSql, weirTypeOfStored } from "@/connectors/snowflake/stored-types";
import { castFromWire, snowflakeType } from "@/connectors/snowflake/type-mapping";
import { wireTextSql } from "@/connectors/snowflake/wire-text-read";
import { isWidening, weirTypeName } from "@/connectors/type-widening";
import type { TColumn, TWeirType } from "@/connectors/types";
import { AppError } from "@/lib/app-error";

/** A plan column whose stored type changes. */
export type TTypeChange = { column: TColumn; stored: TStoredColumn; from: TWeirType; inPlace: boolean };

/** What the target needs: creating, columns added (plan columns and Weir's), type changes. */
export type TTargetChanges = { create: boolean; added: { name: string; type: string }[]; changed: TTypeChange[] };

export type TStatement = { sql: string; doing: string };
/** One DDL statement of a commit and the statements that undo it (run in order, after later steps' undos). */
export type TDdlStep = TStatement & { undo: TStatement[] };

type TTarget = TApplyTarget & { label: string };

/** The changes the plan needs, or SCHEMA_CHANGED for a stored type that cannot become the planned one. */
export function planTargetChanges(t: TTarget, stored: readonly TStoredColumn[]): TTargetChanges {
  if (stored.length === 0) return { create: true, added: [], changed: [] };
  const byName = new Map(stored.map((c) => [c.name, c]));
  const added: TTargetChanges["added"] = [];
  const changed: TTypeChange[] = [];
  for (const column of t.columns) {
    const have = byName.get(fold(column.name));
    if (!have) {
      added.push({ name: column.name, type: snowflakeType(column.type) });
      continue;
    }
    if (holdsPlanned(have, column.type)) continue;
    const from = weirTypeOfStored(have);
    if (!from || !isWidening(from, column.type)) {
      const storedName = from ? weirTypeName(from) : storedTypeSql(have);
      throw new AppError(
        "SCHEMA_CHANGED",
        `Snowflake destination, stream "${t.stream}": column "${column.name}" of ${t.label} is stored as ${storedTypeSql(have)} (${storedName}) but the source now sends ${weirTypeName(column.type)}; ` +
          `${storedName} → ${weirTypeName(column.type)} is not a widening, so the stored values cannot all be converted.`,
        { table: t.label, column: column.name, storedType: storedName, plannedType: weirTypeName(column.type) },
      );
    }
    changed.push({ column, stored: have, from, inPlace: alterableInPlace(have, column.type) });
  }
  for (const weir of WEIR_COLUMN_DEFS) if (!byName.has(fold(weir.name))) added.push(weir);
  return { create: false, added, changed };
}

/** SQL converting the stored `expr` of type `from` to `to`, exactly, through its wire text (dates at midnight UTC). */
export function convertStoredSql(expr: string, from: TWeirType, to: TWeirType): string {
  const text = wireTextSql(expr, from);
  if (from.kind === "date" && (to.kind === "timestamp" || to.kind === "timestamptz"))
    return castFromWire(`${text} || ' 00:00:00${to.kind === "timestamptz" ? "+00" : ""}'`, to);
  if (to.kind === "date" && from.kind === "timestamp") return `CAST(${expr} AS DATE)`;
  if (to.kind === "date" && from.kind === "timestamptz") return `CAST(CONVERT_TIMEZONE('UTC', ${expr}) AS DATE)`;
  return castFromWire(text, to);
}

/** The type a changed column goes back to when the commit is undone: the stored spelling where it is exact, else Weir's type for it. */
const storedAgain = (c: TTypeChange) => (c.stored.dataType === "NUMBER" || c.stored.dataType === "TEXT" ? storedTypeSql(c.stored) : snowflakeType(c.from));

function columnDefs(t: TApplyTarget): string {
  return [...t.columns.map((c) => `${quoteIdent(c.name)} ${snowflakeType(c.type)}`), ...WEIR_COLUMN_DEFS.map((c) => `${quoteIdent(c.name)} ${c.type}`)].join(
    ", ",
  );
}

/** The DDL steps of an append or dedup commit, in order. */
export function targetDdl(t: TTarget, stored: readonly TStoredColumn[], changes: TTargetChanges): TDdlStep[] {
  const table = qualified(t.schema, t.table);
  if (changes.create) {
    return [
      {
        sql: `CREATE TABLE ${table} (${columnDefs(t)})`,
        doing: `creating ${t.label}`,
        undo: [{ sql: `DROP TABLE IF EXISTS ${table}`, doing: `dropping ${t.label}, which this attempt created` }],
      },
    ];
  }
  if (changes.changed.some((c) => !c.inPlace)) {
    // One rebuild holds every change: converted columns, unchanged ones as they are, added ones NULL.
    const byStored = new Map(changes.changed.map((c) => [c.stored.name, c]));
    const forward = stored.map((s) => {
      const c = byStored.get(s.name);
      return c
        ? `CAST(${convertStoredSql(quoteStored(s.name), c.from, c.column.type)} AS ${snowflakeType(c.column.type)}) AS ${quoteStored(s.name)}`
        : quoteStored(s.name);
    });
    const back = stored.map((s) => {
      const c = byStored.get(s.name);
      return c ? `CAST(${convertStoredSql(quoteStored(s.name), c.column.type, c.from)} AS ${storedAgain(c)}) AS ${quoteStored(s.name)}` : quoteStored(s.name);
    });
    const newColumns = changes.added.map((a) => `CAST(NULL AS ${a.type}) AS ${quoteIdent(a.name)}`);
    const names = changes.changed.map((c) => `"${c.column.name}" (${weirTypeName(c.from)} → ${weirTypeName(c.column.type)})`).join(", ");
    return [
      {
        sql: `CREATE OR REPLACE TABLE ${table} COPY GRANTS AS SELECT ${[...forward, ...newColumns].join(", ")} FROM ${table}`,
        doing: `rebuilding ${t.label} with the new types of ${names}`,
        undo: [
          {
            sql: `CREATE OR REPLACE TABLE ${table} COPY GRANTS AS SELECT ${back.join(", ")} FROM ${table}`,
            doing: `rebuilding ${t.label} with its previous types`,
          },
        ],
      },
    ];
  }
  const steps: TDdlStep[] = [];
  if (changes.added.length) {
    steps.push({
      sql: `ALTER TABLE ${table} ADD COLUMN ${changes.added.map((a) => `${quoteIdent(a.name)} ${a.type}`).join(", ")}`,
      doing: `adding ${changes.added.length} new column(s) to ${t.label}`,
      undo: changes.added.map((a) => ({
        sql: `ALTER TABLE ${table} DROP COLUMN ${quoteIdent(a.name)}`,
        doing: `dropping column "${a.name}" of ${t.label}, which this attempt added`,
      })),
    });
  }
  for (const c of changes.changed) {
    const column = quoteStored(c.stored.name);
    steps.push({
      sql: `ALTER TABLE ${table} ALTER COLUMN ${column} SET DATA TYPE ${snowflakeType(c.column.type)}`,
      doing: `changing column "${c.column.name}" of ${t.label} from ${weirTypeName(c.from)} to ${weirTypeName(c.column.type)}`,
      undo: [
        {
          sql: `ALTER TABLE ${table} ALTER COLUMN ${column} SET DATA TYPE ${storedAgain(c)}`,
          doing: `changing column "${c.column.name}" of ${t.label} back to ${weirTypeName(c.from)}`,
        },
      ],
    });
  }
  return steps;
}

/**
 * full_refresh_overwrite's new table over typed rows aliased `typed`: the
 * stored columns in their order (plan columns with the plan's types, Weir's
 * with their values, others NULL of their stored type), then the plan's
 * new columns and any Weir column the table lacked.
 */
export function overwriteLayout(t: TApplyTarget, stored: readonly TStoredColumn[]): string[] {
  const planned = new Map(t.columns.map((c, i) => [fold(c.name), { i, c }]));
  const weir = new Map(WEIR_COLUMN_DEFS.map((c, i) => [fold(c.name), { c, value: weirValues(t, "typed")[i]! }]));
  const layout: string[] = [];
  const placed = new Set<string>();
  for (const s of stored) {
    const p = planned.get(s.name);
    const w = weir.get(s.name);
    if (p) layout.push(`CAST(typed.${typedName(p.i)} AS ${snowflakeType(p.c.type)}) AS ${quoteStored(s.name)}`);
    else if (w) layout.push(`CAST(${w.value} AS ${w.c.type}) AS ${quoteStored(s.name)}`);
    else layout.push(`CAST(NULL AS ${storedTypeSql(s)}) AS ${quoteStored(s.name)}`);
    placed.add(s.name);
  }
  for (const [name, p] of planned) if (!placed.has(name)) layout.push(`CAST(typed.${typedName(p.i)} AS ${snowflakeType(p.c.type)}) AS ${quoteIdent(p.c.name)}`);
  for (const [name, w] of weir) if (!placed.has(name)) layout.push(`CAST(${w.value} AS ${w.c.type}) AS ${quoteIdent(w.c.name)}`);
  return layout;
}
