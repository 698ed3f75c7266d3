/**
 * The Weir side of the streaming reliability tests (workers/stream-*.integration.test.ts):
 * real worker processes (`node --import tsx workers/main.ts`, so the pid is
 * the worker itself) running the stream supervisor against the test
 * database, what they log (partition assignments, worker id), a streaming
 * connection created and started through Weir's services, and what the
 * supervisors record (throughput samples, partition lag).
 * Kafka helpers: stream-kafka-fixture.ts; warehouse checks: stream-warehouse-check.ts.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { WORKER_NODE_FLAGS } from "@/lib/worker-node-flags";
import { db } from "@/db/client";
import { createConnection } from "@/server/connections/connection-store";
import { discoverSource } from "@/server/endpoints/check-endpoint";
import { createEndpoint } from "@/server/endpoints/endpoint-store";
import { buildUser, callerFor, setUpTestApp } from "@/server/testing/test-app";
import { testBrokers } from "@/connectors/kafka/kafka-fixture";
import { createTopicAt, describeGroup, kafkaAt, startSteadyProducer } from "./stream-kafka-fixture";

const ROOT = path.resolve(__dirname, "..");
const ACTOR = { id: null, email: "stream-reliability" } as const;

/** A seeded generator (mulberry32), so a failing run's kill moments can be replayed with WEIR_TEST_SEED. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export { until } from "@/lib/testing/until";

// ---------------------------------------------------------------- worker processes

export type TWorkerProcess = {
  pid: number;
  child: ChildProcess;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/** A worker process against process.env.DATABASE_URL (the test database), logging at info so its partition assignments can be read. */
export function startWorker(env: Record<string, string> = {}): TWorkerProcess {
  const child = spawn(process.execPath, [...WORKER_NODE_FLAGS, "--import", "tsx", "workers/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: process.env.WEIR_TEST_WORKER_LOG_LEVEL ?? "info",
      WEIR_WORKER_CONCURRENCY: "1",
      WEIR_STREAM_SESSION_TIMEOUT_MS: "6000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error("could not spawn a worker");
  const output: string[] = [];
  child.stdout?.on("data", (d: Buffer) => output.push(d.toString()));
  child.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { pid: child.pid, child, output, exited };
}

export function isRunning(w: TWorkerProcess): boolean {
  return w.child.exitCode === null && w.child.signalCode === null;
}

export async function stopWorker(
  w: TWorkerProcess,
  signal: "SIGTERM" | "SIGKILL" = "SIGTERM",
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (isRunning(w)) w.child.kill(signal);
  return w.exited;
}

function logLines(w: TWorkerProcess): Record<string, unknown>[] {
  return w.output
    .join("")
    .split("\n")
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

/** The partitions ("topic:partition") of each group join the worker logged, oldest first. */
export function assignmentsOf(w: TWorkerProcess): string[][] {
  return logLines(w)
    .filter((l) => l.msg === "Kafka partitions assigned")
    .map((l) => (l.partitions as string[]) ?? []);
}

/** The worker id (WorkerHeartbeat, StreamSample.workerId) the process logged at start. */
export function workerIdOf(w: TWorkerProcess): string | undefined {
  return logLines(w).find((l) => typeof l.workerId === "string")?.workerId as string | undefined;
}

export function outputOf(workers: TWorkerProcess[]): string {
  return workers.map((w) => `--- worker pid ${w.pid} ---\n${w.output.join("").slice(-3000)}`).join("\n");
}

/** The running workers that have `file` open (Linux /proc; empty elsewhere). */
function processesHolding(file: string, workers: TWorkerProcess[]): number[] {
  const holds = (pid: number) => {
    try {
      return readdirSync(`/proc/${pid}/fd`).some((fd) => {
        try {
          return readlinkSync(`/proc/${pid}/fd/${fd}`) === file;
        } catch {
          return false;
        }
      });
    } catch {
      return false;
    }
  };
  return workers.filter((w) => isRunning(w) && holds(w.pid)).map((w) => w.pid);
}

/** For a failure message: the partitions' positions as Weir shows them, which worker has the warehouse open, and the workers' last log lines. */
export async function streamState(connectionId: string, warehouse: string, workers: TWorkerProcess[]): Promise<string> {
  const partitions = await db().streamPartition.findMany({ where: { connectionId }, orderBy: { partition: "asc" } });
  const positions = partitions
    .map((p) => `${p.partition}: committed ${p.committedOffset ?? "-"} / end ${p.endOffset} (read ${p.updatedAt.toISOString()})`)
    .join(", ");
  const holders = processesHolding(warehouse, workers);
  const group = await Promise.race([
    describeGroup(testBrokers(), `weir-connection-${connectionId}`).then(
      (g) => `${g.state}: ${g.members.map((m) => `${m.clientId} [${m.partitions.map((p) => p.split(":")[1]).join(",")}]`).join("; ")}`,
      (e: unknown) => `not described (${String(e)})`,
    ),
    new Promise<string>((resolve) => setTimeout(() => resolve("not described in 5 s"), 5_000).unref()),
  ]);
  // The whole of each worker's output, for a failure the last lines do not explain.
  const full = path.join(os.tmpdir(), `weir-stream-workers-${process.pid}-${Date.now()}.log`);
  writeFileSync(full, workers.map((w) => `--- worker pid ${w.pid} ---\n${w.output.join("")}`).join("\n"));
  return (
    `partitions ${positions}\nconsumer group ${group}\nwarehouse file open in worker ${holders.length ? holders.join(", ") : "none"}\n` +
    `every worker's whole output: ${full}\n${outputOf(workers.filter(isRunning))}`
  );
}

// ---------------------------------------------------------------- Weir's records

/** A Kafka source on `topic` (which must hold a few valid messages to discover), a DuckDB destination and a started streaming connection. */
export async function createStreamingConnection(opts: { name: string; brokers: string; topic: string; warehouse: string }): Promise<string> {
  const src = await createEndpoint(
    "source",
    {
      name: `${opts.name}-src`,
      connector: "kafka",
      config: { brokers: opts.brokers.split(","), topics: [opts.topic], maxWaitMs: 300, maxBatchRecords: 5_000 },
    },
    ACTOR,
  );
  await discoverSource(src.id, ACTOR);
  const dst = await createEndpoint("destination", { name: `${opts.name}-dst`, connector: "duckdb", config: { path: opts.warehouse } }, ACTOR);
  const connection = await createConnection(
    {
      name: opts.name,
      sourceId: src.id,
      destinationId: dst.id,
      namespace: "bronze",
      tablePrefix: "",
      schedule: null,
      schemaChangePolicy: "propagate",
      streams: [{ stream: opts.topic, selected: true, syncMode: "full_refresh_append", cursorField: null, primaryKey: [] }],
    },
    ACTOR,
  );
  const engineer = callerFor(await buildUser({ role: "engineer" }));
  await engineer.connection.streamControl({ id: connection.id, action: "start" });
  return connection.id;
}

/** Messages landed per worker id, from the throughput samples each landed micro-batch records. */
export async function landedByWorker(connectionId: string, since = new Date(0)): Promise<Map<string, number>> {
  const samples = await db().streamSample.groupBy({ by: ["workerId"], where: { connectionId, at: { gte: since } }, _sum: { messages: true } });
  return new Map(samples.map((s) => [s.workerId, s._sum.messages ?? 0]));
}

/** Micro-batches a worker has landed (each records one throughput sample once the warehouse holds it). */
export async function microBatchesLanded(connectionId: string, workerId: string): Promise<number> {
  return db().streamSample.count({ where: { connectionId, workerId } });
}

/** Lag 0 as Weir shows it: the StreamPartition rows the supervisor refreshes have every committed offset at the topic's current end. */
export async function caughtUp(brokers: string, connectionId: string, topic: string): Promise<boolean> {
  const admin = kafkaAt(brokers).admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const rows = await db().streamPartition.findMany({ where: { connectionId, topic } });
  return (
    rows.length === ends.length && ends.every((e) => rows.some((r) => r.partition === e.partition && r.committedOffset === BigInt(e.high) && r.lag === 0n))
  );
}

// ---------------------------------------------------------------- one test file's scene

export type TStreamingScene = { warehouse: string; topic: string; connectionId: string; close(): Promise<void> };

/**
 * What each reliability test starts from: Weir's own test database, a DuckDB
 * file in a new folder, a topic of `partitions` primed with `discovery`
 * messages (for discover to see), and a streaming connection reading it.
 * `close` drops the database and the folder (stop workers and producers first).
 */
export async function setUpStreamingScene(opts: { name: string; brokers: string; partitions: number; discovery: number }): Promise<TStreamingScene> {
  process.env.WEIR_SECRET_KEY ??= Buffer.alloc(32, 11).toString("base64url");
  const { teardown } = await setUpTestApp();
  const dir = mkdtempSync(path.join(os.tmpdir(), `weir-stream-${opts.name}-`));
  const warehouse = path.join(dir, "warehouse.duckdb");
  const topic = await createTopicAt(opts.brokers, opts.name, opts.partitions);
  await startSteadyProducer({ brokers: opts.brokers, topic, from: 0, count: opts.discovery, perSecond: 1e9 }).finished;
  const connectionId = await createStreamingConnection({ name: opts.name, brokers: opts.brokers, topic, warehouse });
  return {
    warehouse,
    topic,
    connectionId,
    async close() {
      await teardown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
