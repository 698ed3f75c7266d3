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
  (await fx.query('SELECT "RUN_ID", "STATE_CURSOR" FROM "_WEIR"."LEDGER" WHERE "STREAM" = ? ORDER BY "ID"', [`public.${table}`])).map((r) => ({ run_id: r.run_id, state_cursor: r.state_cursor }));

async function stagingTables(): Promise<string[]> {
  return (await fx.listTables("weir_test")).filter((t) => t.startsWith("_weir_stage_") || t.includes("__weir_new"));
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
    crash(plan, [[1, "a", ts(1)], [2, "b", ts(2)]], "snowflake.after-file");
    expect((await stagingTables()).length).toBe(1);
    expect(await fx.readTable("weir_test", "killed_mid", ["id"])).toEqual([]);
    await loadOnce(open, { ...plan, attempt: 2 }, [[[1, "a", ts(1)], [2, "b", ts(2)]]]);
    expect(await fx.readTable("weir_test", "killed_mid", ["id", "_weir_run_id"])).toEqual([["1", plan.runId], ["2", plan.runId]]);
    expect(await stagingTables()).toEqual([]);
    expect(await ledgerOf("killed_mid")).toEqual([{ run_id: plan.runId, state_cursor: ts(2) }]);
  });

  it("between the SWAP and the ledger row (overwrite): the new copy is whole; the retry loads and swaps again, recorded once", async () => {
    const good = buildPlan({ table: "killed_swap", mode: "full_refresh_overwrite" });
    await loadOnce(open, good, [[[1, "kept", ts(1)]]]);
    const doomed = { ...good, runId: randomUUID() };
    crash(doomed, [[1, "new", ts(2)], [2, "new", ts(2)]], "snowflake.after-swap");
    expect(await fx.readTable("weir_test", "killed_swap", ["id", "name"])).toEqual([["1", "new"], ["2", "new"]]);
    expect((await ledgerOf("killed_swap")).map((r) => r.run_id)).toEqual([good.runId]);
    await loadOnce(open, { ...doomed, attempt: 2 }, [[[1, "new", ts(2)], [2, "new", ts(2)]]]);
    expect(await fx.readTable("weir_test", "killed_swap", ["id", "name"])).toEqual([["1", "new"], ["2", "new"]]);
    expect((await ledgerOf("killed_swap")).map((r) => r.run_id)).toEqual([good.runId, doomed.runId]);
    expect(await stagingTables()).toEqual([]);
  });

  it("inside the append transaction, before the ledger row: nothing is committed; the retry commits once", async () => {
    const good = buildPlan({ table: "killed_txn", mode: "incremental_append" });
    await loadOnce(open, good, [[[1, "kept", ts(1)]]]);
    const doomed = { ...good, runId: randomUUID() };
    crash(doomed, [[2, "lost", ts(2)]], "snowflake.before-ledger");
    expect(await fx.readTable("weir_test", "killed_txn", ["id", "name"])).toEqual([["1", "kept"]]);
    expect((await ledgerOf("killed_txn")).map((r) => r.run_id)).toEqual([good.runId]);
    await loadOnce(open, { ...doomed, attempt: 2 }, [[[2, "new", ts(2)]]]);
    expect(await fx.readTable("weir_test", "killed_txn", ["id", "name"])).toEqual([["1", "kept"], ["2", "new"]]);
    expect((await ledgerOf("killed_txn")).map((r) => r.run_id)).toEqual([good.runId, doomed.runId]);
  });
});

describe("a commit that fails on a bad value", () => {
  for (const mode of ["full_refresh_overwrite", "incremental_append", "incremental_dedup"] as TSyncMode[]) {
    it(`leaves the target and the ledger untouched and names the column (${mode})`, async () => {
      const table = `bad_${mode}`;
      const good = buildPlan({ table, mode, columns: [ID, N, UPDATED] });
      await loadOnce(open, good, [[[1, 10, ts(1)]]]);
      const bad = { ...good, runId: randomUUID() };
      const failure = await loadOnce(open, bad, [[[2, 20, ts(2)]], [[3, "not a number", ts(3)]]]).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).code).toBe("BAD_INPUT");
      expect((failure as AppError).message).toMatch(/not a number/);
      expect((failure as AppError).message).toMatch(/Column "n" \(integer\) has 1 value\(s\) that are not valid for its type\. Nothing was committed/);
      expect((failure as AppError).message).not.toContain("emulator-password");
      expect(await fx.readTable("weir_test", table, ["id", "n", "_weir_run_id"])).toEqual([["1", "10", good.runId]]);
      expect((await ledgerOf(table)).map((r) => r.run_id)).toEqual([good.runId]);
      await loadOnce(open, { ...bad, attempt: 2 }, [[[2, 20, ts(2)]]]);
      expect(await stagingTables()).toEqual([]);
    });
  }

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
