/**
 * The destination conformance suite: the same checks for every destination
 * (DuckDB, PostgreSQL, Snowflake…). A destination's `conformance.integration.test.ts`
 * calls `describeDestinationConformance` with a target that opens sessions on
 * a fresh, real warehouse and reads tables back as wire text.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TColumn, TDestinationSession, TRecordBatch, TSyncMode, TWritePlan } from "@/connectors/types";
import { encodeWireRows } from "@/connectors/wire-format";
import { TYPE_CASES, WEIRD_NAMES } from "@/connectors/testing/conformance-data";
import { loadOnce } from "@/connectors/testing/load-builders";
import { describeEdgeConformance } from "@/connectors/testing/destination-conformance-edges";

export type TConformanceTarget = {
  /** A new session on the warehouse under test. */
  openSession(): Promise<TDestinationSession>;
  /**
   * Every row of a table, each value as wire text (src/connectors/wire-format.ts)
   * or null, in the order of `columns`.
   */
  readTable(namespace: string, table: string, columns: string[]): Promise<(string | null)[][]>;
  /** Names of tables in `namespace` (to check staging tables are gone). */
  listTables(namespace: string): Promise<string[]>;
  /** The table's column names in table order; [] when the table does not exist. */
  listColumns(namespace: string, table: string): Promise<string[]>;
};

const ID: TColumn = { name: "id", type: { kind: "bigint" }, nullable: false };
const NAME: TColumn = { name: "name", type: { kind: "text" }, nullable: true };
const UPDATED: TColumn = { name: "updated_at", type: { kind: "timestamptz" }, nullable: false };
const BASE_COLUMNS = [ID, NAME, UPDATED];

function plan(overrides: Partial<TWritePlan> & { table: string; mode: TSyncMode }): TWritePlan {
  return {
    connectionId: "conn-conformance",
    runId: randomUUID(),
    attempt: 1,
    stream: `public.${overrides.table}`,
    namespace: "conformance",
    columns: BASE_COLUMNS,
    primaryKey: ["id"],
    cursorField: "updated_at",
    ...overrides,
  };
}

function batch(p: TWritePlan, rows: unknown[][]): TRecordBatch {
  return { stream: p.stream, columns: p.columns.map((c) => c.name), csv: encodeWireRows(p.columns, rows), rows: rows.length, extractedAt: new Date() };
}

const ts = (second: number) => `2024-05-01 10:00:${String(second).padStart(2, "0")}+00`;
const sortRows = (rows: (string | null)[][]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

export function describeDestinationConformance(name: string, makeTarget: () => Promise<TConformanceTarget & { teardown(): Promise<void> }>): void {
  describe(`${name} destination conformance`, () => {
    let target: TConformanceTarget & { teardown(): Promise<void> };
    beforeAll(async () => {
      target = await makeTarget();
    });
    afterAll(async () => {
      await target?.teardown();
    });

    describeEdgeConformance(name, () => target);

    /** One attempt: discard stale staging, prepare, write the batches, commit. */
    const load = (p: TWritePlan, batches: unknown[][][]) => loadOnce(() => target.openSession(), p, batches);

    const read = (p: TWritePlan, cols = p.columns.map((c) => c.name)) => target.readTable(p.namespace, p.table, cols).then(sortRows);

    it("full_refresh_overwrite replaces the table with the new copy", async () => {
      const first = plan({ table: "overwrite_t", mode: "full_refresh_overwrite" });
      await load(first, [
        [
          [1, "a", ts(1)],
          [2, "b", ts(2)],
        ],
      ]);
      const second = { ...first, runId: randomUUID() };
      await load(second, [[[3, "c", ts(3)]]]);
      expect(await read(second, ["id", "name", "_weir_run_id"])).toEqual([["3", "c", second.runId]]);
    });

    it("full_refresh_append and incremental_append add rows and keep the old ones", async () => {
      for (const mode of ["full_refresh_append", "incremental_append"] as const) {
        const first = plan({ table: `append_${mode}`, mode });
        const e1 = await load(first, [[[1, "a", ts(1)]], [[2, "b", ts(5)]]]);
        expect(e1.rows).toBe(2);
        const second = { ...first, runId: randomUUID() };
        await load(second, [[[3, "c", ts(7)]]]);
        expect(await read(second, ["id", "name"])).toEqual([
          ["1", "a"],
          ["2", "b"],
          ["3", "c"],
        ]);
      }
    });

    it("records the newest cursor in the ledger, in the same commit as the data", async () => {
      const p = plan({ table: "ledger_t", mode: "incremental_append" });
      const entry = await load(p, [
        [
          [1, "a", ts(9)],
          [2, "b", ts(3)],
        ],
      ]);
      expect(entry).toMatchObject({ connectionId: p.connectionId, stream: p.stream, runId: p.runId, rows: 2, state: { cursor: ts(9) } });
      const next = { ...p, runId: randomUUID() };
      const entry2 = await load(next, [[[3, "c", ts(4)]]]); // an older cursor never moves the state back
      expect(entry2.state).toEqual({ cursor: ts(9) });
      const session = await target.openSession();
      try {
        expect(await session.lastCommitted(p.connectionId, p.stream)).toMatchObject({ runId: next.runId, state: { cursor: ts(9) } });
        expect(await session.lastCommitted(p.connectionId, "no.such_stream")).toBeNull();
      } finally {
        await session.close();
      }
    });

    it("incremental_dedup keeps one row per key, the newest cursor winning", async () => {
      const cols: TColumn[] = [
        { name: "k1", type: { kind: "integer" }, nullable: false },
        { name: "k2", type: { kind: "text" }, nullable: false },
        NAME,
        UPDATED,
      ];
      const first = plan({ table: "dedup_t", mode: "incremental_dedup", columns: cols, primaryKey: ["k1", "k2"] });
      await load(first, [
        [
          [1, "x", "old", ts(1)],
          [1, "x", "newer", ts(2)],
          [2, "y", "keep", ts(1)],
        ],
        [[1, "y", "other key", ts(1)]],
      ]);
      const second = { ...first, runId: randomUUID() };
      await load(second, [
        [
          [1, "x", "newest", ts(5)],
          [3, "z", "new", ts(5)],
        ],
      ]);
      expect(await read(second, ["k1", "k2", "name"])).toEqual(
        sortRows([
          ["1", "x", "newest"],
          ["1", "y", "other key"],
          ["2", "y", "keep"],
          ["3", "z", "new"],
        ]),
      );
    });

    it("round-trips every Weir type with its edge values", async () => {
      const cols: TColumn[] = [ID, ...TYPE_CASES.map((c) => c.column)];
      const p = plan({ table: "types_t", mode: "full_refresh_overwrite", columns: cols });
      const width = Math.max(...TYPE_CASES.map((c) => c.values.length));
      const rows = Array.from({ length: width }, (_, i) => [i, ...TYPE_CASES.map((c) => (i < c.values.length ? c.values[i] : null))]);
      await load(p, [rows]);
      const back = await target.readTable(
        p.namespace,
        p.table,
        cols.map((c) => c.name),
      );
      const byId = new Map(back.map((r) => [r[0], r]));
      for (let i = 0; i < width; i++) {
        const actual = byId.get(String(i));
        expect(actual, `row ${i}`).toBeDefined();
        TYPE_CASES.forEach((c, j) => {
          const want = c.normalize(wireField(cols, rows[i]!, j + 1));
          expect(c.normalize(actual![j + 1] ?? null), `${c.column.name} row ${i}`).toEqual(want);
        });
      }
    });

    it("quotes schema, table and column names with spaces, dots, quotes, unicode and reserved words", async () => {
      const cols: TColumn[] = WEIRD_NAMES.map((n, i) => ({ name: n, type: i === 0 ? { kind: "bigint" } : { kind: "text" }, nullable: true }));
      const p = plan({
        table: 'order "select" ünï.t',
        namespace: "user schema",
        mode: "incremental_dedup",
        columns: cols,
        primaryKey: [WEIRD_NAMES[0]!],
        cursorField: undefined,
      });
      await load(p, [[WEIRD_NAMES.map((n, i) => (i === 0 ? 1 : `v-${n}`))]]);
      expect(await read(p, WEIRD_NAMES)).toEqual([WEIRD_NAMES.map((n, i) => (i === 0 ? "1" : `v-${n}`))]);
    });

    it("adds columns that appear in the source between runs", async () => {
      const first = plan({ table: "evolve_t", mode: "incremental_append" });
      await load(first, [[[1, "a", ts(1)]]]);
      const extra: TColumn = { name: "score", type: { kind: "numeric", precision: 12, scale: 2 }, nullable: true };
      const second = { ...first, runId: randomUUID(), columns: [...BASE_COLUMNS, extra] };
      await load(second, [[[2, "b", ts(2), "-12.50"]]]);
      expect(await read(second, ["id", "score"])).toEqual([
        ["1", null],
        ["2", "-12.50"],
      ]);
    });

    it("a killed attempt leaves nothing behind: the retry discards its staging and loads once", async () => {
      const p = plan({ table: "killed_t", mode: "incremental_append" });
      const crashed = await target.openSession();
      await crashed.prepareStream(p);
      await crashed.writeBatch(
        p,
        batch(p, [
          [1, "a", ts(1)],
          [2, "b", ts(2)],
        ]),
      );
      await crashed.close(); // the process died before commitStream
      expect(await read(p, ["id"])).toEqual([]);
      const retry = { ...p, attempt: 2 };
      await load(retry, [
        [
          [1, "a", ts(1)],
          [2, "b", ts(2)],
        ],
      ]);
      expect(await read(p, ["id", "_weir_run_id"])).toEqual([
        ["1", p.runId],
        ["2", p.runId],
      ]);
      expect((await target.listTables(p.namespace)).filter((t) => t.startsWith("_weir_stage_"))).toEqual([]);
    });

    it("a failed commit leaves the target and the ledger as they were", async () => {
      const cols: TColumn[] = [ID, { name: "n", type: { kind: "integer" }, nullable: true }, UPDATED];
      const good = plan({ table: "failed_t", mode: "full_refresh_overwrite", columns: cols });
      await load(good, [[[1, 10, ts(1)]]]);
      const bad = { ...good, runId: randomUUID() };
      await expect(load(bad, [[[2, "not a number", ts(2)]]])).rejects.toThrow();
      expect(await read(good, ["id", "n", "_weir_run_id"])).toEqual([["1", "10", good.runId]]);
      const session = await target.openSession();
      try {
        expect((await session.lastCommitted(good.connectionId, good.stream))?.runId).toBe(good.runId);
      } finally {
        await session.close();
      }
    });
  });
}

/** The wire text of field `index` of `row` under `cols`, unquoted (null for NULL). */
function wireField(cols: TColumn[], row: unknown[], index: number): string | null {
  const col = cols[index]!;
  const text = encodeWireRows([col], [[row[index]]])
    .toString("utf8")
    .replace(/\n$/, "");
  if (text === "") return null;
  return text.startsWith('"') ? text.slice(1, -1).replaceAll('""', '"') : text;
}
