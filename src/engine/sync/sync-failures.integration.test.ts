/**
 * How a failed sync ends, against real parts (a PostgreSQL source, a
 * PostgreSQL destination, Weir's metadata database):
 * - a deterministic data error goes through the real job queue
 *   (graphile-worker with Weir's task list) and fails after one attempt,
 *   not four;
 * - a source that breaks mid-read leaves no staging table in the
 *   destination, and the run shows the rows it read beside the rows it
 *   committed (none);
 * - a retry after the commit counts the ledger's rows as committed.
 */
import { runOnce } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { QUEUE_SCHEMA, releaseQueueUtils } from "@/jobs/queue-client";
import { logger } from "@/lib/logger";
import { until } from "@/lib/testing/until";
import { getConnection } from "@/server/connections/connection-store";
import { startRun } from "@/engine/runs/run-lifecycle";
import { getRun } from "@/server/connections/run-store";
import { buildTaskList } from "../../../workers/task-list";
import { ACTOR, setUpSyncScene, type TSyncScene, type TTestDestination } from "@/server/testing/sync-scene";
import { runConnectionSync } from "@/engine/sync/run-connection-sync";

const SOURCE = `
  CREATE TABLE counts (id bigint PRIMARY KEY, c integer, updated_at timestamptz NOT NULL);
  INSERT INTO counts SELECT g, g, timestamptz '2024-01-01' + g * interval '1 minute' FROM generate_series(1, 10) g;
  CREATE TABLE wide (id bigint PRIMARY KEY, pad text NOT NULL);
  INSERT INTO wide SELECT g, repeat('x', 100) FROM generate_series(1, 20000) g;
  -- Breaks after 15,000 rows have streamed out: division by zero, the same on every read.
  CREATE VIEW breaks_midway AS SELECT id, pad, CASE WHEN id > 15000 THEN 1 / (id - id) ELSE 0 END AS boom FROM wide;`;

let scene: TSyncScene;
let pg: TTestDestination;

/** Runs every job that is due now in this process, as a worker would: Weir's task list, graphile-worker's runner. */
async function workQueue(): Promise<void> {
  await runOnce({ connectionString: process.env.DATABASE_URL, schema: QUEUE_SCHEMA, taskList: buildTaskList({ workerId: "sync-failures-test", log: logger }) });
}

beforeAll(async () => {
  scene = await setUpSyncScene(SOURCE);
  pg = await scene.postgres("warehouse");
});

afterAll(async () => {
  await releaseQueueUtils();
  await scene?.teardown();
});

describe("a failed sync", () => {
  it("a data error in the destination fails the job after one attempt, without retries", async () => {
    const id = await scene.connect({
      name: "counts",
      destinationId: pg.id,
      namespace: "raw",
      policy: "ignore",
      streams: [{ stream: "public.counts", selected: true, syncMode: "incremental_append", cursorField: "updated_at", primaryKey: [] }],
    });
    const first = await startRun(id, "manual", ACTOR);
    await workQueue();
    expect(await getRun(first.id)).toMatchObject({ status: "succeeded", rows: 10 });

    // The column widens at the source; the ignore policy keeps integer, which cannot hold the new value.
    await scene.source.exec(`ALTER TABLE counts ALTER COLUMN c TYPE bigint; INSERT INTO counts VALUES (11, 5000000000, '2024-02-01')`);
    const failing = await startRun(id, "manual", ACTOR);
    const started = Date.now();
    await workQueue();
    const run = await getRun(failing.id);
    expect(run).toMatchObject({ status: "failed", attempts: 1, rows: 0 });
    expect(run.error).toMatch(/5000000000/);
    const { jobId } = await db().run.findUniqueOrThrow({ where: { id: failing.id } });
    const [job] = await db().$queryRawUnsafe<{ attempts: number; max_attempts: number }[]>(
      `SELECT attempts, max_attempts FROM ${QUEUE_SCHEMA}.jobs WHERE id = $1::bigint`,
      jobId,
    );
    expect(job).toEqual({ attempts: 1, max_attempts: 1 });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect((await getConnection(id)).status).toBe("paused");
  });

  it("a data error at the source (a view dividing by zero) fails the job after one attempt too", async () => {
    const id = await scene.connect({
      name: "source data error",
      destinationId: pg.id,
      namespace: "source_error",
      policy: "propagate",
      streams: [{ stream: "public.breaks_midway", selected: true, syncMode: "full_refresh_overwrite", cursorField: null, primaryKey: [] }],
    });
    const failing = await startRun(id, "manual", ACTOR);
    await workQueue();
    const run = await getRun(failing.id);
    expect(run).toMatchObject({ status: "failed", attempts: 1, rows: 0 });
    expect(run.error).toMatch(/division by zero \(22012\)\. Fix the rows or the view at the source/);
  });

  it("a source that breaks mid-read leaves no staging behind, and the run shows rows read but none committed", async () => {
    process.env.WEIR_SYNC_BATCH_ROWS = "1000";
    try {
      const id = await scene.connect({
        name: "breaks",
        destinationId: pg.id,
        namespace: "broken",
        policy: "propagate",
        streams: [{ stream: "public.breaks_midway", selected: true, syncMode: "full_refresh_append", cursorField: null, primaryKey: [] }],
      });
      const { runId, error } = await scene.run(id, { attempt: 4, maxAttempts: 4 });
      expect(error?.message).toMatch(/division by zero/);
      const run = await until("the rows read of the failed stream", async () => {
        const r = await getRun(runId);
        return (r.streams[0]?.rowsRead ?? 0) >= 1000 && r;
      });
      expect(run).toMatchObject({ status: "failed", rows: 0 });
      expect(run.streams[0]).toMatchObject({ status: "failed", rows: 0 });
      const staging = await pg.query(`SELECT schemaname, tablename FROM pg_tables WHERE tablename LIKE '\\_weir\\_stage\\_%'`);
      expect(staging).toEqual([]);
    } finally {
      delete process.env.WEIR_SYNC_BATCH_ROWS;
    }
  });

  it("a retry of a run whose stream committed counts the ledger's rows as committed", async () => {
    const id = await scene.connect({
      name: "wide",
      destinationId: pg.id,
      namespace: "again",
      policy: "propagate",
      streams: [{ stream: "public.wide", selected: true, syncMode: "full_refresh_overwrite", cursorField: null, primaryKey: [] }],
    });
    const runId = (await db().run.create({ data: { connectionId: id } })).id;
    const attempt = (n: number) => runConnectionSync({ runId, attempt: n, maxAttempts: 4, log: logger, signal: new AbortController().signal });
    await attempt(1);
    expect(await getRun(runId)).toMatchObject({ rows: 20000, rowsRead: 20000 });
    await db().run.update({ where: { id: runId }, data: { status: "running", finishedAt: null, rows: 0, rowsRead: 0 } }); // as if the worker died before recording success
    await attempt(2);
    const run = await getRun(runId);
    expect(run).toMatchObject({ status: "succeeded", rows: 20000 });
    expect(run.streams[0]).toMatchObject({ rows: 20000, status: "succeeded" });
    expect(await pg.query(`SELECT count(*)::int AS n FROM again.wide`)).toEqual([{ n: 20000 }]);
  });
});
