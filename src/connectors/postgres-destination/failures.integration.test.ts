// Crashes, bad data and lost connections leave the target and the ledger either as before or fully committed (real PostgreSQL).
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { Writable } from "node:stream";

import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  ID,
  type TPgFixture,
  UPDATED,
  buildBatch,
  buildPlan,
  createPgFixture,
  loadOnce,
  ts,
} from "@/connectors/postgres-destination/postgres-destination-fixture";
import { connector } from "@/connectors/postgres-destination/destination";
import type { TColumn, TDestinationSession, TSyncMode, TWritePlan } from "@/connectors/types";
import { AppError } from "@/lib/app-error";
import { LOGGER_OPTIONS } from "@/lib/logger";
import { until } from "@/lib/testing/until";

let fx: TPgFixture;
beforeAll(async () => {
  fx = await createPgFixture();
});
afterAll(async () => {
  await fx?.drop();
});

const N: TColumn = { name: "n", type: { kind: "integer" }, nullable: true };
const COLS = [ID, N, UPDATED];

const ledgerOf = (table: string) =>
  fx.query<{ run_id: string; state_cursor: string }>("SELECT run_id, state_cursor FROM _weir.ledger WHERE stream = $1 ORDER BY id", [`public.${table}`]);

/** Attempt artifacts beside the targets, and parked in _weir while the target schema did not exist yet. */
async function stagingTables(): Promise<string[]> {
  return [...(await fx.listTables("weir_test")), ...(await fx.listTables("_weir"))].filter((t) => t.startsWith("_weir_"));
}

describe("killed attempts", () => {
  it("the retry discards the killed attempt's staging and loads once", async () => {
    const plan = buildPlan({ table: "killed", mode: "incremental_append" });
    const crashed = await fx.open();
    await crashed.prepareStream(plan);
    await crashed.writeBatch(
      plan,
      buildBatch(plan, [
        [1, "a", ts(1)],
        [2, "b", ts(2)],
      ]),
    );
    await crashed.close(); // died before commitStream
    expect((await stagingTables()).filter((t) => t.startsWith("_weir_stage_"))).toHaveLength(1);
    expect(await fx.readTable("weir_test", "killed", ["id"])).toEqual([]);

    await loadOnce(fx, { ...plan, attempt: 2 }, [
      [
        [1, "a", ts(1)],
        [2, "b", ts(2)],
      ],
    ]);
    expect(await fx.readTable("weir_test", "killed", ["id"])).toEqual([["1"], ["2"]]);
    expect(await stagingTables()).toEqual([]);
    expect(await ledgerOf("killed")).toEqual([{ run_id: plan.runId, state_cursor: ts(2) }]);
  });

  it("discarding one table's staging leaves another table's alone, even when its name starts the same", async () => {
    const other = buildPlan({ table: "killed_items", mode: "incremental_append" });
    const busy = await fx.open();
    try {
      await busy.prepareStream(other);
      await busy.writeBatch(other, buildBatch(other, [[1, "x", ts(1)]]));
      await loadOnce(fx, buildPlan({ table: "killed", mode: "incremental_append" }), []);
      await busy.commitStream(other, null);
    } finally {
      await busy.close();
    }
    expect(await fx.readTable("weir_test", "killed_items", ["id"])).toEqual([["1"]]);
  });
});

/** Runs crash-child.ts, which loads `rows` and dies by SIGKILL inside the commit, after rows and boundary, before the ledger row. */
function crashInsideCommit(plan: TWritePlan, rows: unknown[][]): { signal: NodeJS.Signals | null; stderr: string } {
  const child = spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "crash-child.ts"), JSON.stringify({ config: fx.config, plan, rows })], {
    env: { ...process.env, WEIR_FAULT_POINT: "postgres-destination.before-ledger", LOG_LEVEL: "silent" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { signal: child.signal, stderr: child.stderr };
}

const boundaryOf = (table: string) =>
  fx.query<{ cursor: string; copies: number }>("SELECT cursor, copies FROM _weir.boundary WHERE stream = $1 ORDER BY identity", [`public.${table}`]);

describe("a process killed inside the commit", () => {
  it("at the cursor boundary leaves target, boundary and ledger as they were; the retry loads each row once", async () => {
    const T = ts(5);
    const good = buildPlan({ table: "crash_boundary", mode: "incremental_append" });
    await loadOnce(fx, good, [
      [
        [1, "a", T],
        [2, "b", ts(1)],
      ],
    ]);
    const boundary = await boundaryOf("crash_boundary");
    expect(boundary).toEqual([{ cursor: T, copies: 1 }]);
    // Read again from >= T: row 1 unchanged, row 3 new at T, row 4 later.
    const rows = [
      [1, "a", T],
      [3, "c", T],
      [4, "d", ts(9)],
    ];
    const doomed = { ...good, runId: randomUUID() };
    expect(crashInsideCommit(doomed, rows)).toEqual({ signal: "SIGKILL", stderr: "" });
    expect(await fx.readTable("weir_test", "crash_boundary", ["id"])).toEqual([["1"], ["2"]]);
    expect(await boundaryOf("crash_boundary")).toEqual(boundary);
    expect(await ledgerOf("crash_boundary")).toEqual([{ run_id: good.runId, state_cursor: T }]);

    const entry = await loadOnce(fx, { ...doomed, attempt: 2 }, [rows]);
    expect(entry).toMatchObject({ rows: 2, state: { cursor: ts(9) } });
    expect(await fx.readTable("weir_test", "crash_boundary", ["id", "name"])).toEqual([
      ["1", "a"],
      ["2", "b"],
      ["3", "c"],
      ["4", "d"],
    ]);
    expect(await boundaryOf("crash_boundary")).toEqual([{ cursor: ts(9), copies: 1 }]);
    expect(await stagingTables()).toEqual([]);
  });

  for (const mode of ["full_refresh_overwrite", "incremental_dedup"] as TSyncMode[]) {
    it(`leaves the target and the ledger as they were; the retry commits once (${mode})`, async () => {
      const table = `crash_${mode}`;
      const good = buildPlan({ table, mode });
      await loadOnce(fx, good, [[[1, "kept", ts(1)]]]);
      const doomed = { ...good, runId: randomUUID() };
      expect(
        crashInsideCommit(doomed, [
          [1, "lost", ts(2)],
          [2, "lost", ts(2)],
        ]),
      ).toEqual({ signal: "SIGKILL", stderr: "" });
      expect(await fx.readTable("weir_test", table, ["id", "name"])).toEqual([["1", "kept"]]);
      expect(await ledgerOf(table)).toEqual([{ run_id: good.runId, state_cursor: ts(1) }]);
      await loadOnce(fx, { ...doomed, attempt: 2 }, [
        [
          [1, "new", ts(2)],
          [2, "new", ts(2)],
        ],
      ]);
      expect(await fx.readTable("weir_test", table, ["id", "name"])).toEqual([
        ["1", "new"],
        ["2", "new"],
      ]);
      expect((await ledgerOf(table)).map((r) => r.run_id)).toEqual([good.runId, doomed.runId]);
      expect(await stagingTables()).toEqual([]);
    });
  }
});

describe("a commit that fails on a bad value", () => {
  for (const mode of ["full_refresh_overwrite", "incremental_append", "incremental_dedup"] as TSyncMode[]) {
    it(`leaves the target and the ledger untouched and names the column (${mode})`, async () => {
      const table = `bad_${mode}`;
      const good = buildPlan({ table, mode, columns: COLS });
      await loadOnce(fx, good, [[[1, 10, ts(1)]]]);
      const bad = { ...good, runId: randomUUID() };
      const failure = await loadOnce(fx, bad, [[[2, 20, ts(2)]], [[3, "not a number", ts(3)]]]).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).code).toBe("DATA_REJECTED");
      expect((failure as AppError).retryable).toBe(false);
      expect((failure as AppError).message).toMatch(
        /stream "public\.bad_\w+", column "n" \(integer\), row id=3: the value "not a number" cannot be stored \(invalid input syntax for type integer: "not a number"\)/,
      );
      // A full refresh of plain types COPYs straight into its new table, so the batch's load fails; the others fail in the commit's cast.
      const direct = mode === "full_refresh_overwrite";
      if (direct) expect((failure as AppError).message).toMatch(/\(line 1 of the batch\)/);
      expect((failure as AppError).message).toMatch(/Nothing was committed/);
      expect(await fx.readTable("weir_test", table, ["id", "n", "_weir_run_id"])).toEqual([["1", "10", good.runId]]);
      expect(await ledgerOf(table)).toEqual([{ run_id: good.runId, state_cursor: ts(1) }]);
      // A failed commit drops its staging; a failed COPY leaves the new table to discardStaging, which the engine calls after a failure.
      if (direct) {
        expect(await stagingTables()).toEqual([`_weir_new_${table}`]);
        const session = await fx.open();
        await session.discardStaging(bad).finally(() => session.close());
      }
      expect(await stagingTables()).toEqual([]);
      await loadOnce(fx, { ...bad, attempt: 2 }, [[[2, 20, ts(2)]]]);
      expect(await stagingTables()).toEqual([]);
    });
  }
});

/** The backend pid of the one open destination session in the test database. */
async function sessionBackendPid(): Promise<number> {
  const rows = await fx.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'weir-destination'");
  expect(rows).toHaveLength(1);
  return rows[0]!.pid;
}

describe("the destination becomes unreachable mid-run", () => {
  it("a terminated connection between writeBatch and commitStream fails clearly and changes nothing; the retry loads", async () => {
    const plan = buildPlan({ table: "lost", mode: "full_refresh_overwrite" });
    await loadOnce(fx, plan, [[[1, "kept", ts(1)]]]);
    const next = { ...plan, runId: randomUUID() };
    const session = await fx.open();
    let failure: unknown;
    try {
      await session.discardStaging(next);
      await session.prepareStream(next);
      await session.writeBatch(next, buildBatch(next, [[2, "new", ts(2)]]));
      await fx.query("SELECT pg_terminate_backend($1)", [await sessionBackendPid()]);
      failure = await session.commitStream(next, { cursor: ts(1) }).catch((e: unknown) => e);
    } finally {
      await session.close();
    }
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe("UNAVAILABLE");
    expect((failure as AppError).retryable).toBe(true);
    expect((failure as AppError).message).toMatch(
      /PostgreSQL destination 127\.0\.0\.1:\d+\/weir_test_\w+: the connection was lost while committing weir_test\.lost/,
    );
    expect((failure as AppError).message).not.toContain(fx.config.password!);
    expect(await fx.readTable("weir_test", "lost", ["id", "name"])).toEqual([["1", "kept"]]);
    expect((await ledgerOf("lost")).map((r) => r.run_id)).toEqual([plan.runId]);

    await loadOnce(fx, { ...next, attempt: 2 }, [[[2, "new", ts(2)]]]);
    expect(await fx.readTable("weir_test", "lost", ["id", "name"])).toEqual([["2", "new"]]);
    expect(await stagingTables()).toEqual([]);
  });

  it("a connection terminated while idle does not crash the worker; the next call fails clearly", async () => {
    const plan = buildPlan({ table: "lost_idle", mode: "incremental_append" });
    // The session's log, to see the moment its idle client learns the connection is gone.
    const lines: string[] = [];
    const log = pino(
      { ...LOGGER_OPTIONS, level: "warn" },
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const session = await connector.open(fx.config, { ...fx.ctx, log });
    try {
      await fx.query("SELECT pg_terminate_backend($1)", [await sessionBackendPid()]);
      await until(
        "the idle session's client to report the lost connection",
        () => lines.some((l) => l.includes("PostgreSQL destination connection failed")),
        10_000,
        () => lines.join(""),
        10,
      );
      await expect(session.prepareStream(plan)).rejects.toMatchObject({
        code: "UNAVAILABLE",
        message: expect.stringMatching(/connection was lost while preparing the staging of weir_test\.lost_idle/),
      });
    } finally {
      await session.close();
    }
  });
});

describe("full_refresh_overwrite and readers", () => {
  it("readers keep the old table until the commit; then they see the new one whole", async () => {
    const plan = buildPlan({ table: "swap", mode: "full_refresh_overwrite" });
    await loadOnce(fx, plan, [
      [
        [1, "old", ts(1)],
        [2, "old", ts(1)],
      ],
    ]);
    const reader = new pg.Client({ connectionString: fx.url });
    await reader.connect();
    let session: TDestinationSession | undefined;
    try {
      await reader.query("BEGIN");
      expect((await reader.query("SELECT count(*)::int AS n FROM weir_test.swap")).rows[0].n).toBe(2); // holds ACCESS SHARE until it ends
      const next = { ...plan, runId: randomUUID() };
      session = await fx.open();
      await session.prepareStream(next);
      await session.writeBatch(next, buildBatch(next, [[3, "new", ts(3)]]));
      const committing = session.commitStream(next, null);
      await waitForLockWait();
      expect((await reader.query("SELECT name FROM weir_test.swap ORDER BY id")).rows.map((r) => r.name)).toEqual(["old", "old"]);
      await reader.query("COMMIT");
      await committing;
      expect(await fx.readTable("weir_test", "swap", ["id", "name"])).toEqual([["3", "new"]]);
    } finally {
      await session?.close();
      await reader.end();
    }
  });

  it("keeps views on the table working (rows replaced in place) and re-grants privileges on the new copy", async () => {
    const plan = buildPlan({ table: "viewed", mode: "full_refresh_overwrite" });
    await loadOnce(fx, plan, [[[1, "old", ts(1)]]]);
    const role = `weir_reader_${randomUUID().slice(0, 8)}`;
    await fx.query(`CREATE ROLE ${role}; CREATE VIEW weir_test.viewed_names AS SELECT name FROM weir_test.viewed; GRANT SELECT ON weir_test.viewed TO ${role}`);
    try {
      await loadOnce(fx, { ...plan, runId: randomUUID() }, [[[2, "new", ts(2)]]]);
      expect(await fx.query("SELECT name FROM weir_test.viewed_names")).toEqual([{ name: "new" }]);
      await fx.query("DROP VIEW weir_test.viewed_names");
      await loadOnce(fx, { ...plan, runId: randomUUID() }, [[[3, "swapped", ts(3)]]]);
      expect(await fx.query(`SELECT has_table_privilege('${role}', 'weir_test.viewed', 'SELECT') AS ok`)).toEqual([{ ok: true }]);
      expect(await fx.readTable("weir_test", "viewed", ["id", "name"])).toEqual([["3", "swapped"]]);
    } finally {
      await fx.query(`REVOKE ALL ON weir_test.viewed FROM ${role}; DROP ROLE ${role}`);
    }
  });
});

/** Until the destination session waits for a lock (the swap behind the reader). */
async function waitForLockWait(): Promise<void> {
  await until(
    "the commit to wait for the reader's lock",
    async () =>
      (
        await fx.query(
          "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'weir-destination' AND wait_event_type = 'Lock'",
        )
      ).length > 0,
    5_000,
    () => "",
    25,
  );
}
