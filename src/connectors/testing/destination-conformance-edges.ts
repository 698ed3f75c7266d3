/**
 * The destination conformance suite, part two: the rules at the edges that
 * every destination keeps (src/connectors/types.ts, TDestinationSession):
 * the cursor boundary (no row lost or loaded twice when rows share the saved
 * cursor value), the objects ledger, refusals that name stream, column, row
 * and value, failed commits that change nothing (DDL included) and leave no
 * staging, and type changes applied when they widen and refused otherwise.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { TColumn, TDestinationSession, TSyncMode, TWritePlan } from "@/connectors/types";
import { isAppError } from "@/lib/app-error";
import { buildBatch, loadOnce } from "@/connectors/testing/load-builders";

export type TEdgeTarget = {
  openSession(): Promise<TDestinationSession>;
  readTable(namespace: string, table: string, columns: string[]): Promise<(string | null)[][]>;
  listTables(namespace: string): Promise<string[]>;
  /** The table's column names in table order; [] when the table does not exist. */
  listColumns(namespace: string, table: string): Promise<string[]>;
};

const ID: TColumn = { name: "id", type: { kind: "bigint" }, nullable: false };
const NAME: TColumn = { name: "name", type: { kind: "text" }, nullable: true };
const UPDATED: TColumn = { name: "updated_at", type: { kind: "timestamptz" }, nullable: false };

const T = "2024-05-01 10:00:00+00";
const T_LATER = "2024-05-01 11:00:00+00";
const T_EARLIER = "2024-05-01 09:00:00+00";

const sortRows = (rows: (string | null)[][]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

function edgePlan(overrides: Partial<TWritePlan> & { table: string; mode: TSyncMode }): TWritePlan {
  return {
    connectionId: "conn-conformance-edges",
    runId: randomUUID(),
    attempt: 1,
    stream: `public.${overrides.table}`,
    namespace: "conformance",
    columns: [ID, NAME, UPDATED],
    primaryKey: ["id"],
    cursorField: "updated_at",
    ...overrides,
  };
}

const next = (p: TWritePlan, overrides: Partial<TWritePlan> = {}): TWritePlan => ({ ...p, runId: randomUUID(), attempt: 1, ...overrides });

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error("expected the load to fail, but it succeeded");
}

export function describeEdgeConformance(name: string, getTarget: () => TEdgeTarget): void {
  describe(`${name} destination conformance at the edges`, () => {
    const load = (p: TWritePlan, batches: unknown[][][], objects?: string[]) =>
      objects ? loadWithObjects(getTarget, p, batches, objects) : loadOnce(() => getTarget().openSession(), p, batches);
    const read = (p: TWritePlan, cols: string[]) => getTarget().readTable(p.namespace, p.table, cols).then(sortRows);

    for (const mode of ["incremental_append", "incremental_dedup"] as const) {
      it(`${mode}: rows that share the saved cursor arrive once each, none lost, none loaded twice`, async () => {
        const first = edgePlan({ table: `boundary_${mode}`, mode });
        const e1 = await load(first, [
          [
            [1, "a", T],
            [2, "b", T_EARLIER],
          ],
        ]);
        expect(e1.state).toEqual({ cursor: T });
        // The next read is >= T: row 1 comes again, row 3 was inserted at T after the first read.
        const second = next(first);
        const e2 = await load(second, [
          [
            [1, "a", T],
            [3, "c", T],
          ],
        ]);
        expect(e2.rows, "only the new row at the boundary is committed").toBe(1);
        expect(e2.state).toEqual({ cursor: T });
        expect(await read(first, ["id", "name"])).toEqual([
          ["1", "a"],
          ["2", "b"],
          ["3", "c"],
        ]);
        // Row 1 updated without moving its cursor, rows 1 and 3 read again unchanged, row 4 later.
        const third = next(first);
        const e3 = await load(third, [
          [
            [1, "a", T],
            [3, "c", T],
            [1, "a2", T],
            [4, "d", T_LATER],
          ],
        ]);
        expect(e3.state).toEqual({ cursor: T_LATER });
        if (mode === "incremental_append") {
          expect(e3.rows).toBe(2);
          expect(await read(first, ["id", "name"])).toEqual([
            ["1", "a"],
            ["1", "a2"],
            ["2", "b"],
            ["3", "c"],
            ["4", "d"],
          ]);
        } else {
          expect(await read(first, ["id", "name"])).toEqual([
            ["1", "a2"],
            ["2", "b"],
            ["3", "c"],
            ["4", "d"],
          ]);
        }
        // The boundary moved to T_LATER: row 4 read again is not loaded again; a row at the old T is (it is new).
        const fourth = next(first);
        const e4 = await load(fourth, [[[4, "d", T_LATER]]]);
        expect(e4.rows).toBe(0);
        expect(e4.state).toEqual({ cursor: T_LATER });
        const rows = await read(first, ["id"]);
        expect(rows.filter((r) => r[0] === "4")).toHaveLength(1);
      });
    }

    it("incremental_append without a primary key counts identical rows at the boundary", async () => {
      const cols = [NAME, UPDATED];
      const first = edgePlan({ table: "boundary_nokey", mode: "incremental_append", columns: cols, primaryKey: [] });
      await load(first, [
        [
          ["x", T],
          ["x", T],
          [null, T],
        ],
      ]);
      // Read again (>= T): the two x and the NULL row come back, plus a third x and a second NULL row inserted since.
      const e2 = await load(next(first), [
        [
          ["x", T],
          ["x", T],
          ["x", T],
          [null, T],
          [null, T],
          ["", T],
        ],
      ]);
      expect(e2.rows).toBe(3);
      expect(await read(first, ["name"])).toEqual(sortRows([["x"], ["x"], ["x"], [null], [null], [""]]));
    });

    it("full_refresh_overwrite replaces the boundary with its own rows: the old table's rows are gone", async () => {
      const cols = [NAME, UPDATED];
      const full = edgePlan({ table: "boundary_overwrite", mode: "full_refresh_overwrite", columns: cols, primaryKey: [] });
      await load(full, [
        [
          ["x", T],
          ["x", T],
        ],
      ]);
      await load(next(full), [[["x", T]]]); // one x was deleted at the source
      // The source has two x again (one new); an incremental read >= T returns both.
      const e = await load(next(full, { mode: "incremental_append" }), [
        [
          ["x", T],
          ["x", T],
        ],
      ]);
      expect(e.rows).toBe(1);
      expect(await read(full, ["name"])).toEqual([["x"], ["x"]]);
    });

    it("a full refresh records the boundary, so a switch to incremental does not load its last rows twice", async () => {
      const full = edgePlan({ table: "boundary_switch", mode: "full_refresh_overwrite" });
      await load(full, [
        [
          [1, "a", T],
          [2, "b", T_EARLIER],
        ],
      ]);
      const e2 = await load(next(full, { mode: "incremental_append" }), [
        [
          [1, "a", T],
          [3, "c", T],
        ],
      ]);
      expect(e2.rows).toBe(1);
      expect(await read(full, ["id"])).toEqual([["1"], ["2"], ["3"]]);
    });

    it("a numeric cursor without a declared precision orders by value, not by its text (9 < 10 < 10.5)", async () => {
      const version: TColumn = { name: "version", type: { kind: "numeric" }, nullable: false };
      const first = edgePlan({ table: "numeric_cursor", mode: "incremental_dedup", columns: [ID, NAME, version], cursorField: "version" });
      expect(
        (
          await load(first, [
            [
              [1, "draft", "9"],
              [2, "draft", "8"],
            ],
          ])
        ).state,
      ).toEqual({ cursor: "9" });
      const second = await load(next(first), [[[1, "paid", "10"]]]);
      expect(second.state).toEqual({ cursor: "10" });
      expect(await read(first, ["id", "name"])).toEqual([
        ["1", "paid"],
        ["2", "draft"],
      ]);
      const third = await load(next(first), [
        [
          [2, "late", "9.99999"],
          [1, "paid", "10"],
        ],
      ]);
      expect(third.state, "an older cursor never moves the state back").toEqual({ cursor: "10" });
      expect(await read(first, ["id", "name"])).toEqual([
        ["1", "paid"],
        ["2", "late"],
      ]);
      const fourth = await load(next(first), [
        [
          [1, "old", "9.5"],
          [2, "newest", "100"],
        ],
      ]);
      expect(fourth.state).toEqual({ cursor: "100" });
      expect(await read(first, ["id", "name"]), "a row with an older cursor does not replace a newer one").toEqual([
        ["1", "paid"],
        ["2", "newest"],
      ]);
    });

    it("an added column keeps the boundary: rows at the saved cursor read again with it are not loaded twice", async () => {
      const first = edgePlan({ table: "boundary_added", mode: "incremental_append" });
      await load(first, [
        [
          [1, "a", T],
          [2, "b", T],
        ],
      ]);
      const wider = next(first, { columns: [ID, NAME, UPDATED, { name: "channel", type: { kind: "text" }, nullable: true }] });
      const e = await load(wider, [
        [
          [1, "a", T, null],
          [2, "b", T, "web"],
          [3, "c", T, "web"],
        ],
      ]);
      expect(e.rows).toBe(1);
      expect(await read(first, ["id"])).toEqual([["1"], ["2"], ["3"]]);
    });

    it("a retyped column cannot be compared: every row at the saved cursor counts as held, none is loaded twice", async () => {
      const col = (type: TColumn["type"]): TColumn[] => [ID, { name: "n", type, nullable: true }, UPDATED];
      const first = edgePlan({ table: "boundary_retyped", mode: "incremental_append", columns: col({ kind: "integer" }) });
      await load(first, [[[1, 10, T]]]);
      const e = await load(next(first, { columns: col({ kind: "bigint" }) }), [[[1, 10, T]]]);
      expect(e.rows).toBe(0);
      expect(await read(first, ["id"])).toEqual([["1"]]);
    });

    it("while every cursor is NULL, the NULL cursor is the boundary: each full read loads only what is new", async () => {
      const at: TColumn = { name: "updated_at", type: { kind: "timestamptz" }, nullable: true };
      const first = edgePlan({ table: "boundary_null", mode: "incremental_append", columns: [ID, NAME, at] });
      const e1 = await load(first, [
        [
          [1, "a", null],
          [2, "b", null],
        ],
      ]);
      expect(e1.state).toBeNull();
      const e2 = await load(next(first), [
        [
          [1, "a", null],
          [2, "b", null],
          [3, "c", null],
        ],
      ]);
      expect(e2.rows).toBe(1);
      const e3 = await load(next(first), [
        [
          [1, "a", null],
          [2, "b", null],
          [3, "c", null],
          [4, "d", T],
        ],
      ]);
      expect(e3.rows).toBe(1);
      expect(e3.state).toEqual({ cursor: T });
      const e4 = await load(next(first), [[[4, "d", T]]]);
      expect(e4.rows).toBe(0);
      expect(await read(first, ["id"])).toEqual([["1"], ["2"], ["3"], ["4"]]);
    });

    it("incremental_dedup: a NULL key part matches another NULL, and among equal keys and cursors the row read last wins", async () => {
      const cols: TColumn[] = [
        { name: "k1", type: { kind: "integer" }, nullable: false },
        { name: "k2", type: { kind: "text" }, nullable: true },
        NAME,
        UPDATED,
      ];
      const first = edgePlan({ table: "dedup_nullkey", mode: "incremental_dedup", columns: cols, primaryKey: ["k1", "k2"] });
      await load(first, [
        [
          [1, null, "x", T_EARLIER],
          [1, null, "y", T_EARLIER],
          [2, "b", "first", T],
          [2, "b", "second", T],
          [2, "b", "third", T],
        ],
      ]);
      expect(await read(first, ["k1", "k2", "name"])).toEqual([
        ["1", null, "y"],
        ["2", "b", "third"],
      ]);
      await load(next(first), [[[1, null, "z", T_LATER]]]);
      expect(await read(first, ["k1", "k2", "name"])).toEqual([
        ["1", null, "z"],
        ["2", "b", "third"],
      ]);
      // Read again at the boundary (T_LATER, then T): nothing changes, and the tie's losers do not come back.
      await load(next(first), [[[1, null, "z", T_LATER]]]);
      expect(await read(first, ["k1", "k2", "name"])).toEqual([
        ["1", null, "z"],
        ["2", "b", "third"],
      ]);
      const tie = edgePlan({ table: "dedup_tie_boundary", mode: "incremental_dedup", columns: cols, primaryKey: ["k1", "k2"] });
      await load(tie, [
        [
          [2, "b", "first", T],
          [2, "b", "second", T],
          [2, "b", "third", T],
        ],
      ]);
      const again = await load(next(tie), [
        [
          [2, "b", "first", T],
          [2, "b", "second", T],
          [2, "b", "third", T],
        ],
      ]);
      expect(again.rows).toBe(0);
      expect(await read(tie, ["name"])).toEqual([["third"]]);
    });

    for (const mode of ["full_refresh_overwrite", "incremental_append"] as const) {
      it(`${mode}: a column kept at its type while the source sends another (castFrom) refuses a value it would round`, async () => {
        const money: TColumn = {
          name: "amount",
          type: { kind: "numeric", precision: 10, scale: 2 },
          nullable: true,
          castFrom: { kind: "numeric", precision: 12, scale: 4 },
        };
        const p = edgePlan({ table: `cast_${mode}`, mode, columns: [ID, money, UPDATED] });
        await load(p, [[[1, "1.2300", T_EARLIER]]]);
        expect(await read(p, ["id", "amount"])).toEqual([["1", "1.23"]]);
        const e = await rejection(load(next(p), [[[2, "1.2345", T]]]));
        expect(isAppError(e) && e.code).toBe("DATA_REJECTED");
        expect(e.message).toContain("1.2345");
      });
    }

    it("records objects read in full with the rows, forgets them on reset, and never for a failed commit", async () => {
      const p = edgePlan({ table: "objects_t", mode: "incremental_append" });
      await load(p, [[[1, "a", T]]], ["a.csv|10|1", "empty.csv|0|1"]);
      await load(next(p), [[[2, "b", T_LATER]]], ["b.csv|12|2"]);
      const bad = next(p, { columns: [ID, { name: "n", type: { kind: "integer" }, nullable: true }, UPDATED] });
      // After the saved cursor, so the row is applied (and refused), not held at the boundary.
      await rejection(load(bad, [[[3, "not a number", "2024-05-01 12:00:00+00"]]], ["c.csv|9|3"]));
      const session = await getTarget().openSession();
      try {
        expect((await session.seenObjects(p.connectionId, p.stream)).sort()).toEqual(["a.csv|10|1", "b.csv|12|2", "empty.csv|0|1"]);
        expect(await session.seenObjects(p.connectionId, "public.other")).toEqual([]);
        await session.resetStream(
          { connectionId: p.connectionId, stream: p.stream, namespace: p.namespace, table: p.table },
          { dropTable: false, resetId: `reset:${randomUUID()}` },
        );
        expect(await session.seenObjects(p.connectionId, p.stream)).toEqual([]);
        expect(await session.lastCommitted(p.connectionId, p.stream)).toMatchObject({ state: null });
      } finally {
        await session.close();
      }
    });

    it("refuses a value it cannot hold with DATA_REJECTED naming stream, column, row key and value, and keeps no staging", async () => {
      const cols: TColumn[] = [ID, { name: "n", type: { kind: "integer" }, nullable: true }, UPDATED];
      const p = edgePlan({ table: "refused_t", mode: "incremental_append", columns: cols });
      await load(p, [[[1, 10, T_EARLIER]]]);
      const e = await rejection(
        load(next(p), [
          [
            [2, 20, T],
            [31337, "twelve apples", T],
          ],
        ]),
      );
      expect(isAppError(e) && e.code).toBe("DATA_REJECTED");
      expect(e.message).toContain(p.stream);
      expect(e.message).toMatch(/\bn\b/);
      expect(e.message).toContain("31337");
      expect(e.message).toContain("twelve apples");
      expect(await read(p, ["id", "n"])).toEqual([["1", "10"]]);
      expect((await getTarget().listTables(p.namespace)).filter((t) => t.toLowerCase().startsWith("_weir_stage_"))).toEqual([]);
    });

    it("a failed commit changes nothing, DDL included: no new table, no new column", async () => {
      const withExtra: TColumn[] = [ID, NAME, UPDATED, { name: "score", type: { kind: "integer" }, nullable: true }];
      const fresh = edgePlan({ table: "failed_new_t", mode: "incremental_append", columns: withExtra });
      await rejection(load(fresh, [[[1, "a", T, "x"]]]));
      expect(await getTarget().listColumns(fresh.namespace, fresh.table)).toEqual([]);

      const existing = edgePlan({ table: "failed_ddl_t", mode: "incremental_append" });
      await load(existing, [[[1, "a", T_EARLIER]]]);
      const before = await getTarget().listColumns(existing.namespace, existing.table);
      await rejection(load(next(existing, { columns: withExtra }), [[[2, "b", T, "x"]]]));
      expect(await getTarget().listColumns(existing.namespace, existing.table)).toEqual(before);
      expect(await read(existing, ["id"])).toEqual([["1"]]);
    });

    for (const mode of ["incremental_append", "full_refresh_overwrite"] as const) {
      it(`${mode}: widens a column in place when the source's type widens, and refuses a narrowing with SCHEMA_CHANGED`, async () => {
        const col = (type: TColumn["type"]): TColumn[] => [ID, { name: "n", type, nullable: true }, UPDATED];
        const first = edgePlan({ table: `widen_${mode}`, mode, columns: col({ kind: "integer" }) });
        await load(first, [[[1, 10, T_EARLIER]]]);
        const toBigint = next(first, { columns: col({ kind: "bigint" }) });
        await load(toBigint, [[[2, "9007199254740993", T]]]);
        const keep = mode === "incremental_append" ? [["1", "10"]] : [];
        expect(await read(first, ["id", "n"])).toEqual([...keep, ["2", "9007199254740993"]]);
        const toText = next(first, { columns: col({ kind: "text" }) });
        await load(toText, [[[3, "twelve", T_LATER]]]);
        const kept =
          mode === "incremental_append"
            ? [
                ["1", "10"],
                ["2", "9007199254740993"],
              ]
            : [];
        expect(await read(first, ["id", "n"])).toEqual([...kept, ["3", "twelve"]]);
        const narrowed = next(first, { columns: col({ kind: "integer" }) });
        const e = await rejection(load(narrowed, [[[4, 4, T_LATER]]]));
        expect(isAppError(e) && e.code).toBe("SCHEMA_CHANGED");
        expect(e.message).toMatch(/\bn\b/);
        expect(await read(first, ["id", "n"])).toEqual([...kept, ["3", "twelve"]]);
      });
    }

    it("widens numeric precision and keeps the old values", async () => {
      const col = (precision: number, scale: number): TColumn[] => [
        ID,
        { name: "amount", type: { kind: "numeric", precision, scale }, nullable: true },
        UPDATED,
      ];
      const first = edgePlan({ table: "widen_numeric", mode: "incremental_append", columns: col(6, 2) });
      await load(first, [[[1, "1234.50", T_EARLIER]]]);
      await load(next(first, { columns: col(14, 4) }), [[[2, "1234567890.1234", T]]]);
      const rows = await read(first, ["id", "amount"]);
      expect(rows.map(([id, v]) => [id, v === null ? null : Number(v)])).toEqual([
        ["1", 1234.5],
        ["2", 1234567890.1234],
      ]);
    });
  });
}

/** One attempt like loadOnce, committing with objects read in full. */
async function loadWithObjects(getTarget: () => TEdgeTarget, plan: TWritePlan, batches: unknown[][][], objects: string[]) {
  const session = await getTarget().openSession();
  try {
    await session.discardStaging(plan);
    await session.prepareStream(plan);
    for (const rows of batches) await session.writeBatch(plan, buildBatch(plan, rows));
    const previous = (await session.lastCommitted(plan.connectionId, plan.stream))?.state ?? null;
    return await session.commitStream(plan, previous, { objects });
  } catch (e) {
    await session.discardStaging(plan).catch(() => undefined);
    throw e;
  } finally {
    await session.close();
  }
}
