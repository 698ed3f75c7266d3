// Killed and failed attempts leave the target, the ledger and its boundary as before, against a real DuckDB file and real SIGKILLs.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TColumn, TSyncMode, TWritePlan } from "@/connectors/types";
import { loadFolder } from "@/connectors/duckdb/batch-files";
import { connector } from "@/connectors/duckdb/destination";
import { type TTestWarehouse, UPDATED, buildBatch, buildPlan, createTestWarehouse, loadAttempt, testContext, ts } from "@/connectors/duckdb/duckdb-fixture";

let warehouse: TTestWarehouse;
beforeAll(async () => {
  warehouse = await createTestWarehouse();
});
afterAll(() => warehouse?.teardown());

const sorted = (rows: (string | null)[][]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const snapshot = async (p: TWritePlan) => ({
  rows: sorted(await warehouse.readTable(p.namespace, p.table, ["id", "name", "_weir_run_id"])),
  ledger: await warehouse.query(`SELECT run_id, state_cursor, "rows" FROM "_weir"."ledger" WHERE stream = '${p.stream}' ORDER BY committed_at`),
  keys: await warehouse.query(`SELECT kind, "cursor", "key", "count" FROM "_weir"."ledger_keys" WHERE stream = '${p.stream}' ORDER BY ALL`),
});

/** Runs crash-child.ts, which SIGKILLs itself at `at`. */
function crashChild(plan: TWritePlan, rows: unknown[][], at: "after-write" | "mid-commit") {
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(__dirname, "crash-child.ts"), JSON.stringify({ file: warehouse.file, plan, rows, at })],
    {
      env: { ...process.env, WEIR_FAULT_POINT: at === "mid-commit" ? "duckdb.commit-applied" : "", LOG_LEVEL: "silent" },
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  expect({ signal: child.signal, stderr: child.stderr }).toEqual({ signal: "SIGKILL", stderr: "" });
}

describe("a killed attempt", () => {
  it("leaves no rows and no staging; the retry loads once", async () => {
    const plan = buildPlan({ table: "killed_after_write", mode: "incremental_append" });
    await loadAttempt(warehouse, plan, [[[1, "kept", ts(1)]]]);
    const attempt = { ...plan, runId: randomUUID() };
    crashChild(
      attempt,
      [
        [2, "b", ts(2)],
        [3, "c", ts(3)],
      ],
      "after-write",
    );
    expect((await snapshot(plan)).rows).toEqual([["1", "kept", plan.runId]]);
    const retry = { ...attempt, attempt: 2 };
    const entry = await loadAttempt(warehouse, retry, [
      [
        [2, "b", ts(2)],
        [3, "c", ts(3)],
      ],
    ]);
    expect(entry).toMatchObject({ runId: attempt.runId, attempt: 2, rows: 2, state: { cursor: ts(3) } });
    expect((await snapshot(plan)).rows).toEqual([
      ["1", "kept", plan.runId],
      ["2", "b", attempt.runId],
      ["3", "c", attempt.runId],
    ]);
    expect((await warehouse.query(`SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '\\_weir\\_stage\\_%' ESCAPE '\\'`))[0]).toEqual(["0"]);
  });

  it.each<TSyncMode>(["full_refresh_overwrite", "incremental_append", "incremental_dedup"])(
    "mid-commit (%s) leaves the target and the ledger as before",
    async (mode) => {
      const plan = buildPlan({ table: `killed_mid_commit_${mode}`, mode });
      await loadAttempt(warehouse, plan, [
        [
          [1, "a", ts(1)],
          [2, "b", ts(2)],
        ],
      ]);
      const before = await snapshot(plan);
      crashChild(
        { ...plan, runId: randomUUID() },
        [
          [1, "changed", ts(5)],
          [9, "new", ts(6)],
        ],
        "mid-commit",
      );
      expect(await snapshot(plan)).toEqual(before);
      const retry = { ...plan, runId: randomUUID() };
      await loadAttempt(warehouse, retry, [[[1, "changed", ts(5)]]]);
      expect((await snapshot(plan)).ledger).toHaveLength(2);
    },
  );

  it.each<TSyncMode>(["incremental_append", "incremental_dedup"])(
    "mid-commit at the cursor boundary (%s) leaves target, boundary and ledger as before; the retry loads each row once",
    async (mode) => {
      const plan = buildPlan({ table: `killed_boundary_${mode}`, mode });
      await loadAttempt(warehouse, plan, [
        [
          [1, "a", ts(5)],
          [2, "b", ts(1)],
        ],
      ]);
      const before = await snapshot(plan);
      expect(before.keys.filter((k) => k[0] === "boundary")).toHaveLength(1); // row 1 is the boundary at ts(5)
      // The next read is >= ts(5): row 1 again, row 3 inserted at ts(5) since, row 4 later.
      const again = [
        [1, "a", ts(5)],
        [3, "c", ts(5)],
        [4, "d", ts(7)],
      ];
      const attempt = { ...plan, runId: randomUUID() };
      crashChild(attempt, again, "mid-commit");
      expect(await snapshot(plan)).toEqual(before);
      const entry = await loadAttempt(warehouse, { ...attempt, attempt: 2 }, [again]);
      expect(entry).toMatchObject({ rows: 2, state: { cursor: ts(7) } });
      const after = await snapshot(plan);
      expect(after.rows.map((r) => r.slice(0, 2))).toEqual([
        ["1", "a"],
        ["2", "b"],
        ["3", "c"],
        ["4", "d"],
      ]);
      expect(after.keys).toEqual([
        ["boundary", ts(7), expect.any(String), "1"],
        ["boundary-columns", ts(7), JSON.stringify(plan.columns.map((c) => ({ name: c.name, type: c.type }))), "3"],
      ]);
    },
  );

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
  it.each<TSyncMode>(["full_refresh_overwrite", "full_refresh_append", "incremental_dedup"])(
    "(%s, a value that does not convert) changes nothing, names the value and drops its staging",
    async (mode) => {
      const plan = buildPlan({ table: `failed_cast_${mode}`, mode });
      await loadAttempt(warehouse, plan, [[[1, "a", ts(1)]]]);
      const before = await snapshot(plan);
      const bad = { ...plan, runId: randomUUID() };
      await expect(
        loadAttempt(warehouse, bad, [
          [[2, "b", ts(2)]],
          [
            [3, "c", ts(3)],
            ["not a number", "d", ts(4)],
          ],
        ]),
      ).rejects.toMatchObject({
        code: "DATA_REJECTED",
        message: expect.stringMatching(
          /public\.failed_cast_\w+: column "id" \(bigint\) cannot hold the value "not a number" of the row id=not a number \(not a whole number\)\. Nothing was committed/,
        ),
      });
      expect(await snapshot(plan)).toEqual(before);
    },
  );

  it("names a row without a key by its cursor, else by its position, and cuts long values to 200 characters", async () => {
    const cols: TColumn[] = [{ name: "n", type: { kind: "integer" }, nullable: true }, UPDATED];
    const byCursor = buildPlan({ table: "refused_by_cursor", mode: "incremental_append", columns: cols, primaryKey: [] });
    await expect(
      loadAttempt(warehouse, byCursor, [
        [
          [1, ts(1)],
          ["x".repeat(500), ts(2)],
        ],
      ]),
    ).rejects.toMatchObject({
      code: "DATA_REJECTED",
      message: expect.stringContaining(`cannot hold the value "${"x".repeat(200)}"… of the row updated_at=${ts(2)} (Could not convert string to INT32).`),
    });
    const byPosition = buildPlan({ table: "refused_by_position", mode: "full_refresh_append", columns: cols, primaryKey: [], cursorField: undefined });
    await expect(
      loadAttempt(warehouse, byPosition, [
        [[1, ts(1)]],
        [
          [2, ts(2)],
          ["1.5", ts(3)],
        ],
      ]),
    ).rejects.toMatchObject({
      code: "DATA_REJECTED",
      message: expect.stringMatching(/column "n" \(integer\) cannot hold the value "1\.5" of the row at position 3 of the staged rows/),
    });
  });

  it("drops the failed attempt's spooled files and staging, so discardStaging finds nothing left", async () => {
    const folder = loadFolder(warehouse.file);
    const spooled = async () => (await readdir(folder)).filter((name) => name.startsWith(`${process.pid}-`));
    const plan = buildPlan({ table: "failed_cleanup", mode: "incremental_append" });
    const session = await warehouse.openSession();
    try {
      await session.prepareStream(plan);
      await session.writeBatch(plan, buildBatch(plan, [["x", "a", ts(1)]]));
      expect(await spooled()).toHaveLength(1);
      await expect(session.commitStream(plan, null)).rejects.toMatchObject({ code: "DATA_REJECTED" });
      expect(await spooled()).toEqual([]);
      await session.discardStaging(plan);
      // The same attempt staged again in this session: its view is made anew, nothing left over collides.
      await session.writeBatch(plan, buildBatch(plan, [[1, "a", ts(1)]]));
      expect((await session.commitStream(plan, null)).rows).toBe(1);
    } finally {
      await session.close();
    }
  });

  it("rolls back rows already deleted when the insert after them fails", async () => {
    // A table someone made with a CHECK constraint: the merge's DELETE succeeds, its INSERT breaks the constraint.
    await warehouse.query(
      `CREATE SCHEMA IF NOT EXISTS raw; CREATE TABLE raw.failed_mid_merge (id BIGINT, name VARCHAR CHECK (name <> 'forbidden'), updated_at TIMESTAMPTZ)`,
    );
    const plan = buildPlan({ table: "failed_mid_merge", mode: "incremental_dedup" });
    await loadAttempt(warehouse, plan, [
      [
        [1, "10", ts(1)],
        [2, "20", ts(1)],
      ],
    ]);
    const before = await snapshot(plan);
    await expect(loadAttempt(warehouse, { ...plan, runId: randomUUID() }, [[[1, "forbidden", ts(2)]]])).rejects.toMatchObject({
      code: "BAD_INPUT",
      message: expect.stringMatching(/Constraint Error/),
    });
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
      await expect(session.commitStream(miscounted, null)).rejects.toMatchObject({
        code: "CONNECTOR_ERROR",
        message: expect.stringMatching(/announced 2 rows but their CSV held 1/),
      });
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
