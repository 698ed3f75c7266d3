/**
 * Runs the fidelity matrix against one destination: loads the source's wire
 * rows (as the PostgreSQL source read them) through the destination's
 * session in every sync mode, reads every value back as wire text and
 * classifies each (column, class): exact, converted by a documented rule, or
 * refused out loud. Anything else (a value that arrives changed without a
 * rule, a refusal that does not name column, row and value, a class whose
 * values end differently) is a finding the test reports.
 *
 * Refusals are found by bisection: a load that fails names a column and a
 * row; that cell's class is set aside (its cells sent as NULL) and the load
 * runs again until it succeeds. Each refused class is then loaded alone, one
 * refused row at a time, to check that every value of it is refused.
 */
import { randomUUID } from "node:crypto";

import type { TColumn, TDestinationSession, TSyncMode, TTypeDescription, TWeirType, TWritePlan } from "@/connectors/types";
import { quoteField } from "@/connectors/wire-format";
import { isAppError } from "@/lib/app-error";
import { canonicalJson } from "@/connectors/testing/fidelity/expected-wire";

export type TMatrixDestination = {
  name: string;
  describeType(type: TWeirType): TTypeDescription;
  openSession(): Promise<TDestinationSession>;
  readTable(namespace: string, table: string, columns: string[]): Promise<(string | null)[][]>;
  namespace: string;
};

/** A source cell as read: its row id, column, class and wire text. */
export type TWireCell = { id: number; column: string; klass: string; wire: string | null };

export type TOutcome = "exact" | "converted" | "refused";
export type TClassOutcome = { column: string; klass: string; outcome: TOutcome; modes: TSyncMode[] };

export type TMatrixResult = { outcomes: TClassOutcome[]; findings: string[]; loads: number };

const MODES: TSyncMode[] = ["incremental_append", "incremental_dedup", "full_refresh_append", "full_refresh_overwrite"];

function hasJson(type: TWeirType): boolean {
  return type.kind === "json" || (type.kind === "array" && hasJson(type.items));
}

/** Whether the destination's text of a value is the source's, by the destination's documented rule for the type. */
function sameValue(source: string | null, landed: string | null, type: TWeirType, description: TTypeDescription): boolean {
  if (source === landed) return true;
  if (source === null || landed === null) return false;
  if (hasJson(type) && description.conversion) {
    try {
      return canonicalJsonValue(source, type) === canonicalJsonValue(landed, type);
    } catch {
      return false;
    }
  }
  return false;
}

/** A json value's canonical text; for arrays of json, each element (a JSON string holding JSON text) canonical in place. */
function canonicalJsonValue(text: string, type: TWeirType): string {
  if (type.kind !== "array") return canonicalJson(text);
  const each = (v: unknown): unknown => (Array.isArray(v) ? v.map(each) : typeof v === "string" ? canonicalJson(v) : v);
  return JSON.stringify(each(JSON.parse(text)));
}

/** `sourceColumns`: the stream's columns as the source discovered them, starting with the key `id` and the cursor `u`. */
export async function runMatrix(
  dest: TMatrixDestination,
  sourceColumns: TColumn[],
  cells: TWireCell[],
  ids: { id: number; u: string }[],
): Promise<TMatrixResult> {
  const findings: string[] = [];
  let loads = 0;
  const columnOf = new Map(sourceColumns.map((c) => [c.name, c]));
  const cellKey = (id: number, column: string) => `${id}/${column}`;
  const byKey = new Map(cells.map((c) => [cellKey(c.id, c.column), c]));
  const refused = new Set<string>(); // "column\0class"
  const classKey = (column: string, klass: string) => `${column}\u0000${klass}`;
  const names = [...sourceColumns.map((c) => c.name)].sort((a, b) => b.length - a.length);

  const csvOf = (columns: TColumn[], keep: (cell: TWireCell) => boolean, rowIds: number[]) =>
    rowIds
      .map((id) => {
        const u = ids[id - 1]!.u;
        return columns
          .map((col) => {
            if (col.name === "id") return String(id);
            if (col.name === "u") return quoteField(u);
            const cell = byKey.get(cellKey(id, col.name));
            return cell && cell.wire !== null && keep(cell) ? quoteField(cell.wire) : "";
          })
          .join(",");
      })
      .join("\n") + "\n";

  /** One attempt; resolves with the ledger rows or the error. */
  async function load(table: string, mode: TSyncMode, columns: TColumn[], csv: string, rows: number): Promise<Error | null> {
    loads++;
    const plan: TWritePlan = {
      connectionId: `fidelity-${dest.name}`,
      runId: randomUUID(),
      attempt: 1,
      stream: `public.${table}`,
      namespace: dest.namespace,
      table,
      columns,
      mode,
      primaryKey: ["id"],
      cursorField: "u",
    };
    const session = await dest.openSession();
    try {
      await session.discardStaging(plan);
      await session.prepareStream(plan);
      await session.writeBatch(plan, { stream: plan.stream, columns: columns.map((c) => c.name), csv: Buffer.from(csv), rows, extractedAt: new Date() });
      const previous = (await session.lastCommitted(plan.connectionId, plan.stream))?.state ?? null;
      await session.commitStream(plan, previous);
      return null;
    } catch (e) {
      await session.discardStaging(plan).catch(() => undefined);
      return e instanceof Error ? e : new Error(String(e));
    } finally {
      await session.close();
    }
  }

  /** The cell a refusal names, or a finding when it names none. */
  function refusedCell(e: Error, context: string, candidates: string[]): TWireCell | null {
    if (!isAppError(e) || e.code !== "DATA_REJECTED") {
      findings.push(`${dest.name}: ${context}: the load failed without DATA_REJECTED: ${e.message.slice(0, 300)}`);
      return null;
    }
    // Prefer `column "name"`; else the longest candidate standing alone (a type name may follow it in the message).
    const quoted = /column "([^"]+)"/i.exec(e.message)?.[1];
    const column =
      quoted && candidates.includes(quoted)
        ? quoted
        : names.find((n) => candidates.includes(n) && new RegExp(`(^|[^a-z0-9_])${n}([^a-z0-9_]|$)`).test(e.message));
    const id = /\bid ?= ?"?(\d+)/.exec(e.message)?.[1];
    const cell = column && id ? byKey.get(cellKey(Number(id), column)) : undefined;
    if (!cell) {
      findings.push(`${dest.name}: ${context}: the refusal does not name a column and row (id=…) of the load: ${e.message.slice(0, 300)}`);
      return null;
    }
    const shown = (cell.wire ?? "").slice(0, 24);
    if (shown && !e.message.includes(shown) && !e.message.includes(JSON.stringify(shown).slice(1, -1))) {
      findings.push(
        `${dest.name}: ${context}: the refusal of ${column} row ${id} does not show the value ${JSON.stringify(shown)}: ${e.message.slice(0, 300)}`,
      );
    }
    return cell;
  }

  const allIds = ids.map((_, i) => i + 1);
  const plan = sourceColumns;
  const ID = columnOf.get("id")!;
  const U = columnOf.get("u")!;
  const dataColumns = sourceColumns.map((c) => c.name).filter((n) => n !== "id" && n !== "u");

  // 1. Bisect the refused classes in one mode.
  for (let attempt = 0; ; attempt++) {
    const e = await load(
      "m_classify",
      "incremental_append",
      plan,
      csvOf(plan, (c) => !refused.has(classKey(c.column, c.klass)), allIds),
      allIds.length,
    );
    if (!e) break;
    const cell = refusedCell(e, "classifying", dataColumns);
    if (!cell || attempt > cells.length) return { outcomes: [], findings, loads };
    refused.add(classKey(cell.column, cell.klass));
  }

  // 2. Every value of a refused class is refused (loaded alone, one refused row set aside at a time).
  for (const key of refused) {
    const [column, klass] = key.split("\u0000") as [string, string];
    const col = columnOf.get(column)!;
    const classCells = cells.filter((c) => c.column === column && c.klass === klass && c.wire !== null);
    const remaining = new Set(classCells.map((c) => c.id));
    const table = `r_${column}`.slice(0, 60);
    for (;;) {
      const rowIds = [...remaining];
      if (!rowIds.length) break;
      const e = await load(
        table,
        "incremental_append",
        [ID, U, col],
        csvOf([ID, U, col], () => true, rowIds),
        rowIds.length,
      );
      if (!e) {
        findings.push(`${dest.name}: class "${klass}" of ${column} is refused for some values and arrives for others (rows ${rowIds.join(", ")} arrived)`);
        break;
      }
      const cell = refusedCell(e, `${column} class "${klass}"`, [column]);
      if (!cell || !remaining.delete(cell.id)) break;
    }
  }

  // 3. Every mode: what is not refused arrives exact or converted by the rule; with the refused classes in, the load fails out loud.
  const outcomes = new Map<string, TClassOutcome>();
  for (const mode of MODES) {
    const table = `m_${mode}`;
    const e = await load(
      table,
      mode,
      plan,
      csvOf(plan, (c) => !refused.has(classKey(c.column, c.klass)), allIds),
      allIds.length,
    );
    if (e) {
      findings.push(`${dest.name}: ${mode}: the load without the refused classes failed: ${e.message.slice(0, 300)}`);
      continue;
    }
    const back = await dest.readTable(dest.namespace, table, ["id", ...dataColumns]);
    const landed = new Map(back.map((r) => [Number(r[0]), r]));
    for (const cell of cells) {
      const key = classKey(cell.column, cell.klass);
      const col = columnOf.get(cell.column)!;
      const description = dest.describeType(col.type);
      const outcome: TOutcome = refused.has(key) ? "refused" : col.conversion || description.conversion ? "converted" : "exact";
      const entry = outcomes.get(key) ?? { column: cell.column, klass: cell.klass, outcome, modes: [] };
      if (!entry.modes.includes(mode)) entry.modes.push(mode);
      outcomes.set(key, entry);
      if (refused.has(key)) continue;
      const got = landed.get(cell.id)?.[dataColumns.indexOf(cell.column) + 1] ?? null;
      if (!sameValue(cell.wire, got, col.type, description)) {
        findings.push(
          `${dest.name}: ${mode}: ${cell.column} row ${cell.id} (${cell.klass}) sent ${JSON.stringify(cell.wire?.slice(0, 120))} but ${JSON.stringify(got?.slice(0, 120) ?? null)} landed`,
        );
      }
    }
    if (refused.size) {
      const loud = await load(
        `l_${mode}`,
        mode,
        plan,
        csvOf(plan, () => true, allIds),
        allIds.length,
      );
      if (!loud) findings.push(`${dest.name}: ${mode}: the load with the refused classes in it succeeded`);
      else refusedCell(loud, `${mode} with the refused classes`, dataColumns);
    }
  }
  return { outcomes: [...outcomes.values()], findings, loads };
}
