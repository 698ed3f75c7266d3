/**
 * The destination conformance suite, part two: the rules at the edges that
 * every destination keeps (src/connectors/types.ts, TDestinationSession):
 * the cursor boundary (no row lost or loaded twice when rows share the saved
 * cursor value), the objects ledger, refusals that name stream, column, row
 * and value, failed commits that change nothing (DDL included) and leave no
 * staging, and type changes applied when they widen and refused otherwise.
 */
import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/app-error";
import { describeBoundaryEdges } from "@/connectors/testing/destination-conformance-boundary";
import { randomUUID } from "node:crypto";
import type { TColumn } from "@/connectors/types";
import {
  ID,
  NAME,
  T,
  T_EARLIER,
  T_LATER,
  UPDATED,
  edgeLoads,
  edgePlan,
  next,
  rejection,
  type TEdgeTarget,
} from "@/connectors/testing/destination-conformance-edge-kit";

export type { TEdgeTarget } from "@/connectors/testing/destination-conformance-edge-kit";

export function describeEdgeConformance(name: string, getTarget: () => TEdgeTarget): void {
  describe(`${name} destination conformance at the edges`, () => {
    const { load, read } = edgeLoads(getTarget);
    describeBoundaryEdges(getTarget);

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
