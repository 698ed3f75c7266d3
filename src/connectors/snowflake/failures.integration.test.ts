// Crashes and bad data leave a Snowflake target and its ledger either as before or fully committed (the emulator, real processes).
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TSnowflakeFixture, createSnowflakeFixture } from "@/connectors/snowflake/snowflake-fixture";
import { ID, UPDATED, buildBatch, loadOnce, planBuilder, ts } from "@/connectors/testing/load-builders";
import type { TColumn, TSyncMode, TWritePlan } from "@/connectors/types";
import { AppError } from "@/lib/app-error";

let fx: TSnowflakeFixture;
beforeAll(async () => {
  fx = await createSnowflakeFixture();
});
afterAll(async () => {
  await fx?.teardown();
});

const buildPlan = planBuilder({ connectionId: "conn-snowflake", namespace: "weir_test" });
const open = () => fx.openSession();
const N: TColumn = { name: "n", type: { kind: "integer" }, nullable: true };

const ledgerOf = async (table: string) =>
  (await fx.query('SELECT "RUN_ID", "STATE_CURSOR" FROM "_WEIR"."LEDGER" WHERE "STREAM" = ? ORDER BY "ID"', [`public.${table}`])).map((r) => ({
    run_id: r.run_id,
    state_cursor: r.state_cursor,
  }));

/** The stream's cursor boundary as written (every version, pruned or not): cursor, identity count, writer. */
const boundaryOf = async (table: string) =>
  (
    await fx.query('SELECT "CURSOR", "N", "RUN_ID" FROM "_WEIR"."LEDGER_KEYS" WHERE "STREAM" = ? AND "KIND" = \'boundary\' ORDER BY 1, 2, 3', [
      `public.${table}`,
    ])
  ).map((r) => [r.cursor, r.n, r.run_id]);

async function stagingTables(): Promise<string[]> {
  return (await fx.listTables("weir_test")).filter((t) => t.startsWith("_weir_stage_"));
}

function crash(plan: TWritePlan, rows: unknown[][], point: string) {
  const child = spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "crash-child.ts"), JSON.stringify({ config: fx.config, plan, rows })], {
    env: { ...process.env, WEIR_FAULT_POINT: point, LOG_LEVEL: "silent" },
    encoding: "utf8",
    timeout: 90_000,
  });
  expect({ signal: child.signal, stderr: child.stderr }).toEqual({ signal: "SIGKILL", stderr: "" });
}

describe("a process killed during a load", () => {
  it("after a file reached the staging table: nothing shows in the target; the retry discards the staging and loads once", async () => {
    const plan = buildPlan({ table: "killed_mid", mode: "incremental_append" });
    crash(
      plan,
      [
        [1, "a", ts(1)],
        [2, "b", ts(2)],
      ],
      "snowflake.after-file",
    );
    expect((await stagingTables()).length).toBe(1);
    expect(await fx.readTable("weir_test", "killed_mid", ["id"])).toEqual([]);
    await loadOnce(open, { ...plan, attempt: 2 }, [
      [
        [1, "a", ts(1)],
        [2, "b", ts(2)],
      ],
    ]);
    expect(await fx.readTable("weir_test", "killed_mid", ["id", "_weir_run_id"])).toEqual([
      ["1", plan.runId],
      ["2", plan.runId],
    ]);
    expect(await stagingTables()).toEqual([]);
    expect(await ledgerOf("killed_mid")).toEqual([{ run_id: plan.runId, state_cursor: ts(2) }]);
  });

  it("between replacing the table and the ledger row (overwrite): the new table is whole; the retry loads and replaces again, recorded once", async () => {
    const good = buildPlan({ table: "killed_replace", mode: "full_refresh_overwrite" });
    await loadOnce(open, good, [[[1, "kept", ts(1)]]]);
    const doomed = { ...good, runId: randomUUID() };
    crash(
      doomed,
      [
        [1, "new", ts(2)],
        [2, "new", ts(2)],
      ],
      "snowflake.after-replace",
    );
    expect(await fx.readTable("weir_test", "killed_replace", ["id", "name"])).toEqual([
      ["1", "new"],
      ["2", "new"],
    ]);
    expect((await ledgerOf("killed_replace")).map((r) => r.run_id)).toEqual([good.runId]);
    await loadOnce(open, { ...doomed, attempt: 2 }, [
      [
        [1, "new", ts(2)],
        [2, "new", ts(2)],
      ],
    ]);
    expect(await fx.readTable("weir_test", "killed_replace", ["id", "name"])).toEqual([
      ["1", "new"],
      ["2", "new"],
    ]);
    expect((await ledgerOf("killed_replace")).map((r) => r.run_id)).toEqual([good.runId, doomed.runId]);
    expect(await stagingTables()).toEqual([]);
  });

  it("inside the append transaction, rows and boundary applied, before the ledger row: target, boundary and ledger are as they were; the retry loads each row once", async () => {
    const good = buildPlan({ table: "killed_txn", mode: "incremental_append" });
    await loadOnce(open, good, [
      [
        [1, "kept", ts(1)],
        [2, "kept", ts(1)],
      ],
    ]);
    const boundary = await boundaryOf("killed_txn");
    expect(boundary).toEqual([
      [ts(1), 1, good.runId],
      [ts(1), 1, good.runId],
    ]);
    // The next read is >= ts(1): rows 1 and 2 come again, row 3 arrived at the same cursor value.
    const again = [
      [1, "kept", ts(1)],
      [2, "kept", ts(1)],
      [3, "late", ts(1)],
    ];
    const doomed = { ...good, runId: randomUUID() };
    crash(doomed, again, "snowflake.before-ledger");
    expect(await fx.readTable("weir_test", "killed_txn", ["id", "name"])).toEqual([
      ["1", "kept"],
      ["2", "kept"],
    ]);
    expect(await boundaryOf("killed_txn")).toEqual(boundary);
    expect((await ledgerOf("killed_txn")).map((r) => r.run_id)).toEqual([good.runId]);
    const retry = await loadOnce(open, { ...doomed, attempt: 2 }, [again]);
    expect(retry.rows).toBe(1);
    expect(await fx.readTable("weir_test", "killed_txn", ["id", "name"])).toEqual([
      ["1", "kept"],
      ["2", "kept"],
      ["3", "late"],
    ]);
    expect((await ledgerOf("killed_txn")).map((r) => r.run_id)).toEqual([good.runId, doomed.runId]);
    expect((await boundaryOf("killed_txn")).map((r) => r[2])).toEqual([doomed.runId, doomed.runId, doomed.runId]);
  });
});

describe("a commit that fails on a bad value", () => {
  for (const mode of ["full_refresh_overwrite", "incremental_append", "incremental_dedup"] as TSyncMode[]) {
    it(`leaves the target and the ledger untouched and names column, row and value (${mode})`, async () => {
      const table = `bad_${mode}`;
      const good = buildPlan({ table, mode, columns: [ID, N, UPDATED] });
      await loadOnce(open, good, [[[1, 10, ts(1)]]]);
      const bad = { ...good, runId: randomUUID() };
      const failure = await loadOnce(open, bad, [[[2, 20, ts(2)]], [[3, "not a number", ts(3)]]]).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).code).toBe("DATA_REJECTED");
      expect((failure as AppError).message).toMatch(
        /stream "public\.bad_\w+": column "n" \(integer, stored as NUMBER\(10,0\)\) cannot hold the value "not a number" of row id=3\./,
      );
      expect((failure as AppError).message).toMatch(/Nothing was committed: weir_test\.bad_\w+ and the ledger are as they were\.$/);
      expect((failure as AppError).details).toMatchObject({ column: "n", rowKey: "id=3", value: "not a number" });
      expect((failure as AppError).message).not.toContain("emulator-password");
      expect(await fx.readTable("weir_test", table, ["id", "n", "_weir_run_id"])).toEqual([["1", "10", good.runId]]);
      expect((await ledgerOf(table)).map((r) => r.run_id)).toEqual([good.runId]);
      await loadOnce(open, { ...bad, attempt: 2 }, [[[2, 20, ts(2)]]]);
      expect(await stagingTables()).toEqual([]);
    });
  }

  it("refuses out loud what Snowflake would change: a BC date, 24:00:00, digits past a NUMBER's scale", async () => {
    const cases: [TColumn, string, RegExp][] = [
      [{ name: "d", type: { kind: "date" }, nullable: true }, "0044-03-15 BC", /years 1–9999/],
      [{ name: "t", type: { kind: "time" }, nullable: true }, "24:00:00", /TIME ends at 23:59:59/],
      [{ name: "amount", type: { kind: "numeric", precision: 10, scale: 2 }, nullable: true }, "1.239", /more than 2 significant fractional digits/],
    ];
    for (const [column, value, rule] of cases) {
      const plan = buildPlan({ table: `refused_${column.name}`, mode: "incremental_append", columns: [ID, column, UPDATED] });
      const failure = (await loadOnce(open, plan, [[[7, value, ts(1)]]]).catch((e: unknown) => e)) as AppError;
      expect(failure.code, column.name).toBe("DATA_REJECTED");
      expect(failure.message).toContain(`column "${column.name}"`);
      expect(failure.message).toContain(`${JSON.stringify(value)} of row id=7`);
      expect(failure.message).toMatch(rule);
      expect(await fx.listColumns("weir_test", plan.table)).toEqual([]);
    }
  });

  it("a failed commit undoes its type changes: a rebuild and an in-place widening", async () => {
    const table = "undo_types";
    const good = buildPlan({ table, mode: "incremental_append", columns: [ID, N, UPDATED] });
    await loadOnce(open, good, [[[1, 10, ts(1)]]]);
    const storedTypes = async () =>
      (
        await fx.query(
          "SELECT column_name AS c, data_type AS t, numeric_precision AS p FROM information_schema.columns WHERE table_schema = 'WEIR_TEST' AND table_name = 'UNDO_TYPES' ORDER BY ordinal_position",
        )
      ).map((r) => `${r.c} ${r.t}${r.p === null ? "" : `(${r.p})`}`);
    const before = await storedTypes();
    expect(before.slice(0, 3)).toEqual(["ID NUMBER(19)", "N NUMBER(10)", "UPDATED_AT TIMESTAMP_TZ"]);
    const score: TColumn = { name: "score", type: { kind: "integer" }, nullable: true };
    const toText = { ...good, runId: randomUUID(), columns: [ID, { ...N, type: { kind: "text" } } as TColumn, UPDATED, score] };
    expect(((await loadOnce(open, toText, [[[2, "two", ts(2), "x"]]]).catch((e: unknown) => e)) as AppError).code).toBe("DATA_REJECTED");
    expect(await storedTypes()).toEqual(before);
    const toBigint = { ...good, runId: randomUUID(), columns: [ID, { ...N, type: { kind: "bigint" } } as TColumn, UPDATED] };
    expect(((await loadOnce(open, toBigint, [[[3, "three", ts(3)]]]).catch((e: unknown) => e)) as AppError).code).toBe("DATA_REJECTED");
    expect(await storedTypes()).toEqual(before);
    expect(await fx.readTable("weir_test", table, ["id", "n"])).toEqual([["1", "10"]]);
    expect((await ledgerOf(table)).map((r) => r.run_id)).toEqual([good.runId]);
  });

  it("a batch that does not follow the wire format is refused before anything is committed", async () => {
    const plan = buildPlan({ table: "misshapen", mode: "incremental_append" });
    const session = await open();
    try {
      await session.prepareStream(plan);
      await session.writeBatch(plan, { ...buildBatch(plan, [[1, "a", ts(1)]]), rows: 2 });
      await expect(session.commitStream(plan, null)).rejects.toThrow(/holds 2 rows but COPY INTO loaded 1.*Nothing was committed/);
    } finally {
      await session.close();
    }
    expect(await fx.readTable("weir_test", "misshapen", ["id"])).toEqual([]);
  });
});
