// incremental_dedup's keys against a real PostgreSQL: a NULL key part matches another NULL across loads (index-served for
// nullable key columns, a slower match for a NOT NULL column that holds NULL anyway), a newer target row still wins, and
// among equal keys and cursors the row staged last wins even when COPY placed it on an earlier page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { mergeStagedSql } from "@/connectors/postgres-destination/merge-sql";
import { type TPgFixture, buildPlan, createPgFixture, loadOnce } from "@/connectors/postgres-destination/postgres-destination-fixture";
import { resolvePlan } from "@/connectors/postgres-destination/resolve-plan";
import type { TColumn, TWritePlan } from "@/connectors/types";

let fx: TPgFixture;
beforeAll(async () => {
  fx = await createPgFixture();
});
afterAll(async () => {
  await fx?.drop();
});

const at = (hour: number) => `2024-05-01 ${String(hour).padStart(2, "0")}:00:00+00`;
const K1: TColumn = { name: "k1", type: { kind: "integer" }, nullable: true };
const K2: TColumn = { name: "k2", type: { kind: "text" }, nullable: true };
const NAME: TColumn = { name: "name", type: { kind: "text" }, nullable: true };
const AT: TColumn = { name: "at", type: { kind: "timestamptz" }, nullable: true };
const again = (p: TWritePlan): TWritePlan => ({ ...p, runId: crypto.randomUUID() });
const rows = (p: TWritePlan, cols = ["k1", "k2", "name"]) => fx.readTable("weir_test", p.table, cols);

describe("NULL key parts", () => {
  it("match another NULL across loads, in every pattern of a composite key; a newer target row is kept", async () => {
    const p = buildPlan({ table: "nullkeys", mode: "incremental_dedup", columns: [K1, K2, NAME, AT], primaryKey: ["k1", "k2"], cursorField: "at" });
    await loadOnce(fx, p, [
      [
        [2, null, "z", at(1)],
        [null, "b", "nb", at(1)],
        [null, null, "nn", at(1)],
        [1, "a", "a", at(1)],
        [3, null, "keep", at(5)],
      ],
    ]);
    await loadOnce(fx, again(p), [
      [
        [2, null, "w", at(2)],
        [null, "b", "nb2", at(2)],
        [null, null, "nn2", at(2)],
        [3, null, "older", at(4)],
        [null, "c", "new", at(2)],
      ],
    ]);
    expect(await rows(p)).toEqual([
      ["1", "a", "a"],
      ["2", null, "w"],
      ["3", null, "keep"],
      [null, "b", "nb2"],
      [null, "c", "new"],
      [null, null, "nn2"],
    ]);
  });

  it("match across loads when a key column declared NOT NULL holds a NULL anyway", async () => {
    const strict = { ...K1, nullable: false };
    const p = buildPlan({ table: "nullkeys_strict", mode: "incremental_dedup", columns: [strict, NAME, AT], primaryKey: ["k1"], cursorField: "at" });
    await loadOnce(fx, p, [
      [
        [null, "first", at(1)],
        [1, "one", at(1)],
      ],
    ]);
    await loadOnce(fx, again(p), [[[null, "second", at(2)]]]);
    expect(await rows(p, ["k1", "name"])).toEqual([
      ["1", "one"],
      [null, "second"],
    ]);
  });

  it("match without a cursor field too: the row loaded last wins", async () => {
    const p = buildPlan({ table: "nullkeys_nocursor", mode: "incremental_dedup", columns: [K1, K2, NAME], primaryKey: ["k1", "k2"], cursorField: undefined });
    await loadOnce(fx, p, [[[2, null, "z"]]]);
    await loadOnce(fx, again(p), [[[2, null, "w"]]]);
    expect(await rows(p)).toEqual([["2", null, "w"]]);
  });

  it("are matched through the merge index, one lookup per such row (the SQL)", () => {
    const sql = mergeStagedSql(
      resolvePlan(buildPlan({ table: "t", mode: "incremental_dedup", columns: [K1, K2, NAME, AT], primaryKey: ["k1", "k2"], cursorField: "at" }), "public"),
    );
    expect(sql).toContain(`CROSS JOIN LATERAL (SELECT old.ctid AS id`);
    expect(sql).toContain(`WHERE old."k1" = w.v1 AND old."k2" IS NULL OFFSET 0) AS x WHERE w.v1 IS NOT NULL AND w.v2 IS NULL`);
    expect(sql).toContain(`WHERE old."k1" IS NULL AND old."k2" IS NULL OFFSET 0) AS x WHERE w.v1 IS NULL AND w.v2 IS NULL`);
    expect(sql).not.toContain("IS NOT DISTINCT FROM");
  });
});

describe("ties", () => {
  it("among rows with the same key and cursor, the one staged last wins, in one batch and across batches", async () => {
    const p = buildPlan({ table: "ties", mode: "incremental_dedup", columns: [K1, NAME, AT], primaryKey: ["k1"], cursorField: "at" });
    // Rows of very different sizes: COPY then fills earlier pages left with room, so a later row can have an earlier ctid.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const keys = 3000;
    const batch = (from: number, n: number) =>
      Array.from({ length: n }, (_, j) => [(from + j) % keys, `${from + j}:${"x".repeat(Math.floor(random() * (random() < 0.1 ? 3000 : 200)))}`, at(1)]);
    await loadOnce(fx, p, [batch(0, 2 * keys), batch(2 * keys, keys)]);
    const got = (await rows(p, ["k1", "name"])).map(([k, name]) => [Number(k), Number(name!.split(":")[0])]);
    expect(got.sort((a, b) => a[0]! - b[0]!)).toEqual(Array.from({ length: keys }, (_, k) => [k, 2 * keys + k])); // each key's last row: the second batch's
    const first = buildPlan({ ...p, table: "ties_one_batch", stream: "public.ties_one_batch", runId: crypto.randomUUID() });
    seed = 11;
    await loadOnce(fx, first, [batch(0, 2 * keys)]);
    const one = (await rows(first, ["k1", "name"])).map(([k, name]) => [Number(k), Number(name!.split(":")[0])]);
    expect(one.sort((a, b) => a[0]! - b[0]!)).toEqual(Array.from({ length: keys }, (_, k) => [k, keys + k]));
  });
});
