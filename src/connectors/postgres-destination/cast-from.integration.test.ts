// Columns kept at their type while the source sends another (castFrom) against a real PostgreSQL: values that fit arrive, values
// the cast would change (rounded decimals, a time of day dropped) are refused naming stream, column, row and value, in every mode;
// without castFrom nothing changes (the direct load stays). Also: a widening that a view blocks pauses instead of retrying.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TPgFixture, buildPlan, createPgFixture, loadOnce } from "@/connectors/postgres-destination/postgres-destination-fixture";
import { resolvePlan } from "@/connectors/postgres-destination/resolve-plan";
import type { TColumn, TSyncMode, TWeirType, TWritePlan } from "@/connectors/types";
import { AppError } from "@/lib/app-error";

let fx: TPgFixture;
beforeAll(async () => {
  fx = await createPgFixture();
});
afterAll(async () => {
  await fx?.drop();
});

const ID: TColumn = { name: "id", type: { kind: "bigint" }, nullable: false };
const kept = (type: TWeirType, castFrom?: TWeirType): TColumn => ({ name: "v", type, nullable: true, ...(castFrom ? { castFrom } : {}) });
const money = { kind: "numeric", precision: 10, scale: 2 } as const;
const wider = { kind: "numeric", precision: 12, scale: 4 } as const;
const again = (p: TWritePlan, columns: TColumn[] = p.columns): TWritePlan => ({ ...p, runId: crypto.randomUUID(), columns });
const refusal = (p: TWritePlan, rows: unknown[][]) =>
  loadOnce(fx, p, [rows]).then(
    () => null,
    (e: unknown) => e as AppError,
  );

describe("castFrom", () => {
  for (const mode of ["full_refresh_overwrite", "incremental_append", "incremental_dedup"] as const satisfies TSyncMode[]) {
    it(`numeric(12,4) into a kept numeric(10,2): 1.2300 arrives as 1.23; 1.2345 and 2.005 are refused, naming the row (${mode})`, async () => {
      const p = buildPlan({ table: `keep_money_${mode}`, mode, columns: [ID, kept(money, wider)], primaryKey: ["id"], cursorField: undefined });
      expect(resolvePlan(p, "public").directLoad, "a castFrom column is never COPYed into its typed column").toBe(false);
      await loadOnce(fx, p, [
        [
          [1, "1.2300"],
          [2, null],
          [3, "-7.5000"],
        ],
      ]);
      expect(await fx.readTable("weir_test", p.table, ["id", "v"])).toEqual([
        ["1", "1.23"],
        ["2", null],
        ["3", "-7.50"],
      ]);
      for (const [id, value, stored] of [
        [7, "1.2345", "1.23"],
        [8, "2.0050", "2.01"],
      ] as const) {
        const e = await refusal(again(p), [
          [5, "9.9900"],
          [id, value],
        ]);
        expect(e?.code).toBe("DATA_REJECTED");
        expect(e?.retryable).toBe(false);
        expect(e?.message).toContain(`stream "${p.stream}", column "v" (numeric(10,2)), row id=${id}: the value "${value}" cannot be stored`);
        expect(e?.message).toContain(`kept as numeric(10,2) while the source sends numeric(12,4), and numeric(10,2) would store it as "${stored}"`);
        expect(e?.details).toMatchObject({ column: "v", row: `id=${id}` });
      }
      expect(await fx.readTable("weir_test", p.table, ["id"]), "nothing of a refused load is committed").toEqual([["1"], ["2"], ["3"]]);
    });
  }

  it("text into a kept numeric(10,2) is compared as a number: 1.5 arrives, 1.555 is refused", async () => {
    const p = buildPlan({
      table: "keep_from_text",
      mode: "incremental_append",
      columns: [ID, kept(money, { kind: "text" })],
      primaryKey: ["id"],
      cursorField: undefined,
    });
    await loadOnce(fx, p, [
      [
        [1, "1.5"],
        [2, " 3 "],
      ],
    ]);
    expect(await fx.readTable("weir_test", p.table, ["id", "v"])).toEqual([
      ["1", "1.50"],
      ["2", "3.00"],
    ]);
    expect((await refusal(again(p), [[3, "1.555"]]))?.message).toContain('row id=3: the value "1.555"');
  });

  it("a timestamp into a kept date: midnight arrives, a time of day is refused; a float into numeric(10,2) likewise", async () => {
    const p = buildPlan({
      table: "keep_date",
      mode: "incremental_append",
      columns: [ID, kept({ kind: "date" }, { kind: "timestamp" })],
      primaryKey: ["id"],
      cursorField: undefined,
    });
    await loadOnce(fx, p, [[[1, "2024-02-29 00:00:00"]]]);
    expect(await fx.readTable("weir_test", p.table, ["v"])).toEqual([["2024-02-29"]]);
    expect((await refusal(again(p), [[2, "2024-02-29 10:30:00"]]))?.message).toContain('would store it as "2024-02-29"');
    const f = buildPlan({
      table: "keep_float",
      mode: "incremental_append",
      columns: [ID, kept(money, { kind: "float" })],
      primaryKey: ["id"],
      cursorField: undefined,
    });
    await loadOnce(fx, f, [
      [
        [1, 0.1],
        [2, "NaN"],
      ],
    ]);
    expect((await refusal(again(f), [[3, 0.125]]))?.message).toContain('would store it as "0.13"');
  });

  it("without castFrom a full refresh still loads directly, and numeric(10,2) values of their scale arrive exactly", async () => {
    const p = buildPlan({ table: "no_cast", mode: "full_refresh_overwrite", columns: [ID, kept(money)], primaryKey: ["id"], cursorField: undefined });
    expect(resolvePlan(p, "public").directLoad).toBe(true);
    await loadOnce(fx, p, [
      [
        [1, "1.23"],
        [2, "99999999.99"],
      ],
    ]);
    expect(await fx.readTable("weir_test", p.table, ["v"])).toEqual([["1.23"], ["99999999.99"]]);
  });
});

describe("a widening a view blocks", () => {
  for (const mode of ["incremental_append", "full_refresh_overwrite"] as const) {
    it(`is SCHEMA_CHANGED naming column, both types and the view, not retried; nothing changes (${mode})`, async () => {
      const p = buildPlan({ table: `viewed_${mode}`, mode, columns: [ID, kept({ kind: "integer" })], primaryKey: ["id"], cursorField: undefined });
      await loadOnce(fx, p, [[[1, 10]]]);
      await fx.query(`CREATE VIEW weir_test."v_${mode}" AS SELECT id, v FROM weir_test."${p.table}"`);
      const e = await refusal(again(p, [ID, kept({ kind: "bigint" })]), [[2, "9007199254740993"]]);
      expect(e?.code).toBe("SCHEMA_CHANGED");
      expect(e?.retryable).toBe(false);
      expect(e?.details).toMatchObject({ column: "v", storedType: "integer", plannedType: "bigint" });
      expect(e?.message).toContain(`column "v" (stored as integer, the source now sends bigint) would widen`);
      expect(e?.message).toContain(`v_${mode}`);
      expect(e?.message).toContain("Drop the view, let the next run widen the column, then create the view again");
      expect(await fx.readTable("weir_test", p.table, ["id", "v"])).toEqual([["1", "10"]]);
    });
  }
});
