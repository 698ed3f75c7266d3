/**
 * The job queue end to end, against a real PostgreSQL: two real worker
 * processes (`node --import tsx workers/main.ts`, so the pid is the worker
 * itself), jobs added with enqueueJob, and `system.sleep` jobs with a marker
 * reporting each start and finish on the job probe NOTIFY channel, which this
 * test listens to. No test-only tables or code paths in the worker.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/db/client";
import { applyMigrations } from "@/db/migrations";
import { createTestDatabase, type TTestDatabase } from "@/db/test-database";
import { JOB_PROBE_CHANNEL, ZJobProbeEvent, type TJobProbeEvent } from "@/jobs/kinds/system";
import { releaseQueueUtils } from "@/jobs/queue-client";
import { enqueueJob } from "@/jobs/registry";
import { listLiveWorkers } from "@/jobs/workers-status";
import { until } from "@/lib/testing/until";

const ROOT = path.resolve(__dirname, "..");
const DEAD_AFTER_MS = 3000;

interface TWorkerProcess {
  pid: number;
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

function startWorker(url: string): TWorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      LOG_LEVEL: "warn",
      WEIR_WORKER_CONCURRENCY: "4",
      WEIR_WORKER_DEAD_AFTER_MS: String(DEAD_AFTER_MS),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout?.on("data", (d: Buffer) => output.push(d.toString()));
  child.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  if (child.pid === undefined) throw new Error("could not spawn a worker");
  return { pid: child.pid, child, output, exited };
}

/** until(), with the workers' output in its timeout message. */
function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  return until(what, probe, timeoutMs, workerOutput, 50);
}

let database: TTestDatabase;
let listener: pg.Client;
let workers: TWorkerProcess[] = [];
const probes: TJobProbeEvent[] = [];

function workerOutput(): string {
  return workers.map((w) => `--- worker pid ${w.pid} ---\n${w.output.join("").slice(-4000)}`).join("\n");
}

function probesOf(marker: string, event: TJobProbeEvent["event"]): TJobProbeEvent[] {
  return probes.filter((p) => p.marker === marker && p.event === event);
}

async function queuedJobCount(where: string, values: unknown[] = []): Promise<number> {
  const res = await listener.query<{ n: number }>(`select count(*)::int as n from graphile_worker.jobs where ${where}`, values);
  return res.rows[0]?.n ?? -1;
}

describe("worker queue (two worker processes on one PostgreSQL)", () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    await applyMigrations(database.url);
    process.env.DATABASE_URL = database.url;
    process.env.WEIR_WORKER_DEAD_AFTER_MS = String(DEAD_AFTER_MS);
    listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    listener.on("notification", (msg) => {
      if (msg.channel === JOB_PROBE_CHANNEL && msg.payload) probes.push(ZJobProbeEvent.parse(JSON.parse(msg.payload)));
    });
    await listener.query(`LISTEN ${JOB_PROBE_CHANNEL}`);
    workers = [startWorker(database.url), startWorker(database.url)];
    await waitFor(
      "both workers to heartbeat with their queue pool id",
      async () => {
        const live = await listLiveWorkers();
        return live.length === 2 && live.every((w) => w.queueWorkerIds.some((id) => id.startsWith("pool-"))) ? live : undefined;
      },
      40_000,
    );
  });

  afterAll(async () => {
    for (const w of workers) w.child.kill("SIGKILL");
    await Promise.all(workers.map((w) => w.exited));
    await listener?.end().catch(() => undefined);
    await releaseQueueUtils();
    await disconnectDb();
    await database?.drop();
  });

  it("enqueueJob: 500 jobs each run exactly once, spread over both workers", async () => {
    const markers = Array.from({ length: 500 }, (_, i) => `bulk-${i}`);
    await Promise.all(markers.map((marker) => enqueueJob("system.sleep", { ms: 10, marker })));

    await waitFor("500 finished jobs", () => probes.filter((p) => p.marker.startsWith("bulk-") && p.event === "finish").length >= 500 || undefined, 40_000);
    await waitFor("an empty queue", async () => (await queuedJobCount("task_identifier = 'system.sleep'")) === 0 || undefined, 10_000);

    const starts = probes.filter((p) => p.marker.startsWith("bulk-") && p.event === "start");
    const finishes = probes.filter((p) => p.marker.startsWith("bulk-") && p.event === "finish");
    expect(starts).toHaveLength(500);
    expect(finishes).toHaveLength(500);
    expect(new Set(finishes.map((p) => p.marker))).toEqual(new Set(markers));
    expect(new Set(finishes.map((p) => p.jobId)).size).toBe(500);
    expect(finishes.every((p) => p.attempt === 1)).toBe(true);
    const perWorker = new Map<number, number>();
    for (const p of finishes) perWorker.set(p.pid, (perWorker.get(p.pid) ?? 0) + 1);
    expect([...perWorker.keys()].sort()).toEqual(workers.map((w) => w.pid).sort());
  });

  it("sweepDeadWorkers: a SIGKILLed worker's job is released and completed by the other worker", async () => {
    const job = await enqueueJob("system.sleep", { ms: 5000, marker: "long" });
    const first = await waitFor("the long job to start", () => probesOf("long", "start")[0], 15_000);
    const victim = workers.find((w) => w.pid === first.pid);
    const survivor = workers.find((w) => w.pid !== first.pid);
    if (!victim || !survivor) throw new Error(`job started in unknown process ${first.pid}`);

    process.kill(victim.pid, "SIGKILL");
    const killedAt = Date.now();
    expect(await victim.exited).toBeNull();

    const second = await waitFor("the job to start again", () => probesOf("long", "start").find((p) => p.attempt === 2), 30_000);
    expect(Date.now() - killedAt).toBeLessThan(30_000);
    expect(second.pid).toBe(survivor.pid);
    expect(second.jobId).toBe(job.id);

    // While it runs again: attempts = 2, locked under the survivor's pool id (graphile-worker 0.17 locks per pool).
    const locked = await listener.query<{ attempts: number; locked_by: string }>("select attempts, locked_by from graphile_worker.jobs where id = $1", [
      job.id,
    ]);
    expect(locked.rows[0]?.attempts).toBe(2);
    const survivorRow = await db().workerHeartbeat.findUniqueOrThrow({ where: { id: second.workerId } });
    expect(locked.rows[0]?.locked_by).toMatch(/^pool-/);
    expect(survivorRow.queueWorkerIds).toContain(locked.rows[0]?.locked_by);

    const finished = await waitFor("the job to finish", () => probesOf("long", "finish")[0], 20_000);
    expect(finished.attempt).toBe(2);
    expect(finished.pid).toBe(survivor.pid);
    await waitFor("the job to leave the queue", async () => (await queuedJobCount("id = $1", [job.id])) === 0 || undefined, 10_000);
    expect(probesOf("long", "finish")).toHaveLength(1);

    const victimRow = await db().workerHeartbeat.findUniqueOrThrow({ where: { id: first.workerId } });
    expect(victimRow.stoppedAt).not.toBeNull();
    expect((await listLiveWorkers()).map((w) => w.id)).toEqual([second.workerId]);
  });

  it("SIGTERM: a worker stops gracefully and marks its heartbeat stopped", async () => {
    const survivor = workers.find((w) => w.child.exitCode === null && w.child.signalCode === null);
    if (!survivor) throw new Error("no worker left running");
    const [live] = await listLiveWorkers();
    survivor.child.kill("SIGTERM");
    expect(await survivor.exited).toBe(0);
    const row = await db().workerHeartbeat.findUniqueOrThrow({ where: { id: live?.id ?? "" } });
    expect(row.stoppedAt).not.toBeNull();
    expect(row.currentJobs).toEqual([]);
    expect(await listLiveWorkers()).toEqual([]);
  });
});
