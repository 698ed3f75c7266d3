/**
 * Weir's side of the streaming benchmark, in this process: a throwaway
 * embedded PostgreSQL holding Weir's metadata (migrated), Kafka sources,
 * DuckDB destinations and streaming connections created through the same
 * services the tRPC procedures call (createEndpoint, discoverSource,
 * createConnection, controlStream), and a worker's stream supervisor
 * running them. Every micro-batch the engine commits is reported through
 * the supervisor's `onLanded` to the one `LandingLog` in use.
 */
import { DuckDBInstance } from "@duckdb/node-api";

import { disconnectDb } from "@/db/client";
import { applyMigrations } from "@/db/migrations";
import { createTestDatabase, startTestServer } from "@/db/test-database";
import { startStreamSupervisor, type TStreamSupervisor } from "@/engine/stream/stream-supervisor";
import type { TLanded } from "@/engine/stream/stream-connection";
import { logger } from "@/lib/logger";
import { createConnection } from "@/server/connections/connection-store";
import { controlStream } from "@/server/connections/stream-control";
import { discoverSource } from "@/server/endpoints/check-endpoint";
import { createEndpoint } from "@/server/endpoints/endpoint-store";

const ACTOR = { id: null, email: "bench:stream" } as const;
export const BENCH_NAMESPACE = "bronze";

/** What landed: rows, micro-batches, and (when asked) every message's produce → commit latency. */
export class LandingLog {
  rows = 0;
  microBatches = 0;
  deadLetters = 0;
  lastCommittedAt = 0;
  /** ms from each message's timestamp to its micro-batch's commit, for messages produced at or after `latencyFromMs`. */
  latencies: number[] = [];
  latencyFromMs = Number.POSITIVE_INFINITY;

  record(landed: TLanded): void {
    this.rows += landed.rows;
    this.microBatches += 1;
    this.deadLetters += landed.deadLetters;
    this.lastCommittedAt = landed.committedAt;
    for (const t of landed.eventTimesMs) if (t >= this.latencyFromMs) this.latencies.push(landed.committedAt - t);
  }
}

export type TWeirBench = {
  /** A Kafka source on `topic` (discovered), a DuckDB destination at `warehouse` and a connection between them; its id. */
  createKafkaConnection(topic: string, warehouse: string, sourceConfig: Record<string, unknown>): Promise<string>;
  /** Starts the connection's stream (streamState running), landings going to `log`; resolves at once. */
  start(connectionId: string, log: LandingLog): Promise<void>;
  /** Stops the stream and waits until this worker has left the group and released the warehouse. */
  stop(connectionId: string): Promise<void>;
  close(): Promise<void>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startWeirBench(brokers: string): Promise<TWeirBench> {
  process.env.WEIR_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64url");
  const server = await startTestServer();
  process.env.WEIR_TEST_PG_URL = server.url;
  const database = await createTestDatabase();
  await applyMigrations(database.url);
  process.env.DATABASE_URL = database.url;

  let current: LandingLog | undefined;
  let connections = 0;
  const log = logger.child({ component: "bench-stream" });
  log.level = process.env.LOG_LEVEL ?? "warn";
  // The worker's own polling interval (1 s), so a start is picked up as quickly as in production.
  const supervisor: TStreamSupervisor = startStreamSupervisor({ workerId: "bench-worker", log, onLanded: (landed) => current?.record(landed) });

  return {
    async createKafkaConnection(topic, warehouse, sourceConfig) {
      const name = `${topic} ${++connections}`;
      const source = await createEndpoint(
        "source",
        { name: `kafka ${name}`, connector: "kafka", config: { ...sourceConfig, brokers: [brokers], topics: [topic] } },
        ACTOR,
      );
      await discoverSource(source.id, ACTOR);
      const destination = await createEndpoint("destination", { name: `warehouse ${name}`, connector: "duckdb", config: { path: warehouse } }, ACTOR);
      const connection = await createConnection(
        {
          name: `stream ${name}`,
          sourceId: source.id,
          destinationId: destination.id,
          namespace: BENCH_NAMESPACE,
          tablePrefix: "",
          schedule: null,
          schemaChangePolicy: "propagate",
          streams: [{ stream: topic, selected: true, syncMode: "full_refresh_append", cursorField: null, primaryKey: [] }],
        },
        ACTOR,
      );
      return connection.id;
    },
    async start(connectionId, landingLog) {
      current = landingLog;
      await controlStream(connectionId, "start", ACTOR);
    },
    async stop(connectionId) {
      await controlStream(connectionId, "stop", ACTOR);
      while (supervisor.runners().some((r) => r.connectionId === connectionId)) await sleep(50);
      current = undefined;
    },
    async close() {
      await supervisor.stop();
      await disconnectDb();
      await server.stop().catch(() => undefined);
    },
  };
}

/** Rows of the bronze table of `topic`, and its distinct (topic, partition, offset) keys. */
export async function countLanded(warehouse: string, topic: string): Promise<{ rows: number; keys: number }> {
  const instance = await DuckDBInstance.create(warehouse, { access_mode: "READ_ONLY" });
  const connection = await instance.connect();
  try {
    const sql = `SELECT count(*)::BIGINT, count(DISTINCT (_weir_topic, _weir_partition, _weir_offset))::BIGINT FROM ${BENCH_NAMESPACE}."${topic}"`;
    const [row] = (await connection.runAndReadAll(sql)).getRowsJson();
    return { rows: Number(row?.[0]), keys: Number(row?.[1]) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
