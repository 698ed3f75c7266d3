// Killed and failed attempts leave the target and the ledger as before, against a real DuckDB file and real SIGKILLs.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TSyncMode, TWritePlan } from "@/connectors/types";
import { loadFolder } from "@/connectors/duckdb/batch-files";
import { connector } from "@/connectors/duckdb/destination";
import { type TTestWarehouse, buildBatch, buildPlan, createTestWarehouse, loadAttempt, testContext, ts } from "@/connectors/duckdb/duckdb-fixture";

let warehouse: TTestWarehouse;
beforeAll(async () => {
  warehouse = await createTestWarehouse();
});
afterAll(() => warehouse?.teardown());

const sorted = (rows: (string | null)[][]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const snapshot = async (p: TWritePlan) => ({
  rows: sorted(await warehouse.readTable(p.namespace, p.table, ["id", "name", "_weir_run_id"])),
  ledger: await warehouse.query(`SELECT run_id, state_cursor, "rows" FROM "_weir"."ledger" WHERE stream = '${p.stream}' ORDER BY committed_at`),
});

/** Runs crash-child.ts, which SIGKILLs itself at `at`. */
function crashChild(plan: TWritePlan, rows: unknown[][], at: "after-write" | "mid-commit") {
  const child = spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "crash-child.ts"), JSON.stringify({ file: warehouse.file, plan, rows, at })], {
    env: { ...process.env, WEIR_FAULT_POINT: at === "mid-commit" ? "duckdb.commit-applied" : "", LOG_LEVEL: "silent" },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect({ signal: child.signal, stderr: child.stderr }).toEqual({ signal: "SIGKILL", stderr: "" });
}

describe("a killed attempt", () => {
  it("leaves no rows and no staging; the retry loads once", async () => {
    const plan = buildPlan({ table: "killed_after_write", mode: "incremental_append" });
    await loadAttempt(warehouse, plan, [[[1, "kept", ts(1)]]]);
    const attempt = { ...plan, runId: randomUUID() };
    crashChild(attempt, [[2, "b", ts(2)], [3, "c", ts(3)]], "after-write");
    expect((await snapshot(plan)).rows).toEqual([["1", "kept", plan.runId]]);
    const retry = { ...attempt, attempt: 2 };
    const entry = await loadAttempt(warehouse, retry, [[[2, "b", ts(2)], [3, "c", ts(3)]]]);
    expect(entry).toMatchObject({ runId: attempt.runId, attempt: 2, rows: 2, state: { cursor: ts(3) } });
    expect((await snapshot(plan)).rows).toEqual([["1", "kept", plan.runId], ["2", "b", attempt.runId], ["3", "c", attempt.runId]]);
    expect((await warehouse.query(`SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '\\_weir\\_stage\\_%' ESCAPE '\\'`))[0]).toEqual(["0"]);
  });

  it.each<TSyncMode>(["full_refresh_overwrite", "incremental_append", "incremental_dedup"])("mid-commit (%s) leaves the target and the ledger as before", async (mode) => {
    const plan = buildPlan({ table: `killed_mid_commit_${mode}`, mode });
    await loadAttempt(warehouse, plan, [[[1, "a", ts(1)], [2, "b", ts(2)]]]);
    const before = await snapshot(plan);
    crashChild({ ...plan, runId: randomUUID() }, [[1, "changed", ts(5)], [9, "new", ts(6)]], "mid-commit");
    expect(await snapshot(plan)).toEqual(before);
    const retry = { ...plan, runId: randomUUID() };
    await loadAttempt(warehouse, retry, [[[1, "changed", ts(5)]]]);
    expect((await snapshot(plan)).ledger).toHaveLength(2);
  });

  it("leaves no batch file behind once a later session opens", async () => {
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    const folder = loadFolder(warehouse.file);
    const stale = `${dead.stdout}-${randomUUID()}.csv`;
    await writeFile(path.join(folder, stale), "1,a\n");
    const session = await warehouse.openSession();
    await session.close();
    expect(await readdir(folder)).not.toContain(stale);
  });
});

describe("a failed commit", () => {
  it.each<TSyncMode>(["full_refresh_overwrite", "full_refresh_append", "incremental_dedup"])("(%s, a value that does not convert) changes nothing and says why", async (mode) => {
    const plan = buildPlan({ table: `failed_cast_${mode}`, mode });
    await loadAttempt(warehouse, plan, [[[1, "a", ts(1)]]]);
    const before = await snapshot(plan);
    const bad = { ...plan, runId: randomUUID() };
    await expect(loadAttempt(warehouse, bad, [[[2, "b", ts(2)]], [["not a number", "c", ts(3)]]])).rejects.toMatchObject({
      code: "BAD_INPUT",
      message: expect.stringMatching(/could not commit public\.failed_cast_\w+ into "raw"\."failed_cast_\w+" \(nothing was changed\): Conversion Error: .*not a number/),
    });
    expect(await snapshot(plan)).toEqual(before);
  });

  it("rolls back rows already deleted when the insert after them fails", async () => {
    const plan = buildPlan({ table: "failed_mid_merge", mode: "incremental_dedup" });
    await loadAttempt(warehouse, plan, [[[1, "10", ts(1)], [2, "20", ts(1)]]]);
    // Someone changed the column's type: the merge's DELETE succeeds, its INSERT cannot convert 'abc'.
    await warehouse.query(`ALTER TABLE raw.failed_mid_merge ALTER name TYPE INTEGER`);
    const before = await snapshot(plan);
    await expect(loadAttempt(warehouse, { ...plan, runId: randomUUID() }, [[[1, "abc", ts(2)]]])).rejects.toMatchObject({ code: "BAD_INPUT" });
    expect(await snapshot(plan)).toEqual(before);
  });

  it("rejects, at the commit, batches whose CSV does not hold the rows they announce, and changes nothing", async () => {
    const plan = buildPlan({ table: "bad_batch", mode: "incremental_append" });
    await loadAttempt(warehouse, plan, [[[1, "a", ts(1)]]]);
    const before = await snapshot(plan);
    const session = await warehouse.openSession();
    try {
      const miscounted = { ...plan, runId: randomUUID() };
      await session.prepareStream(miscounted);
      await session.writeBatch(miscounted, { ...buildBatch(miscounted, [[2, "b", ts(2)]]), rows: 2 });
      await expect(session.commitStream(miscounted, null)).rejects.toMatchObject({ code: "CONNECTOR_ERROR", message: expect.stringMatching(/announced 2 rows but their CSV held 1/) });
      const malformed = { ...plan, runId: randomUUID() };
      await session.prepareStream(malformed);
      await session.writeBatch(malformed, { ...buildBatch(malformed, []), csv: Buffer.from("1,too,many,fields\n"), rows: 1 });
      await expect(session.commitStream(malformed, null)).rejects.toMatchObject({
        code: "BAD_INPUT",
        message: expect.stringMatching(/could not commit public\.bad_batch .*Expected Number of Columns: 3 Found: 4/),
      });
    } finally {
      await session.close();
    }
    expect(await snapshot(plan)).toEqual(before);
  });

  it("an aborted run stops with the abort reason", async () => {
    const plan = buildPlan({ table: "aborted", mode: "incremental_append" });
    const controller = new AbortController();
    const session = await connector.open({ path: warehouse.file }, { ...testContext(), signal: controller.signal });
    try {
      await session.prepareStream(plan);
      controller.abort(new Error("run cancelled"));
      await expect(session.writeBatch(plan, buildBatch(plan, [[1, "a", ts(1)]]))).rejects.toThrow("run cancelled");
    } finally {
      await session.close();
    }
    expect(await warehouse.readTable("raw", "aborted", ["id"])).toEqual([]);
  });
});
