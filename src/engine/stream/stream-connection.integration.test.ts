/**
 * A Kafka streaming connection end to end against real parts: the broker
 * `npm test` starts, a DuckDB warehouse file, Weir's metadata database. The
 * source and connection are created through the services the tRPC
 * procedures call, the stream is started with the `streamControl`
 * procedure, and it runs in a worker's stream supervisor (in this process).
 * Bad input of every kind goes to the dead-letter topic with its reason.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTopic, produce, readTopic, testBrokers } from "@/connectors/kafka/kafka-fixture";
import { db } from "@/db/client";
import { startStreamSupervisor, type TStreamSupervisor } from "@/engine/stream/stream-supervisor";
import { logger } from "@/lib/logger";
import { until } from "@/lib/testing/until";
import { metricsRegistry } from "@/server/observability/metrics";
import { createConnection } from "@/server/connections/connection-store";
import { checkSaved, discoverSource } from "@/server/endpoints/check-endpoint";
import { createEndpoint } from "@/server/endpoints/endpoint-store";
import { buildUser, callerFor, setUpTestApp } from "@/server/testing/test-app";

const ACTOR = { id: null, email: "test" } as const;
let teardown: () => Promise<void>;
let dir: string;
let warehouse: string;
let supervisor: TStreamSupervisor | undefined;

async function warehouseRows(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(warehouse, { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

beforeAll(async () => {
  process.env.WEIR_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64url");
  process.env.WEIR_STREAM_HOLD_MS = "300"; // let the test read the warehouse between micro-batches
  ({ teardown } = await setUpTestApp());
  dir = mkdtempSync(path.join(os.tmpdir(), "weir-stream-"));
  warehouse = path.join(dir, "warehouse.duckdb");
});

afterAll(async () => {
  await supervisor?.stop();
  await teardown();
  rmSync(dir, { recursive: true, force: true });
});

describe("Kafka streaming connection", () => {
  it("lands every valid message exactly once and sends each bad one to the dead-letter topic with its reason", async () => {
    const topic = await createTopic("orders", 3);
    const schema = JSON.stringify({
      type: "object",
      required: ["id"],
      properties: { id: { type: "integer" }, status: { type: "string", enum: ["new", "paid", "shipped"] } },
    });
    const good = Array.from({ length: 300 }, (_, i) => ({
      key: `k${i}`,
      value: JSON.stringify({ id: i, status: ["new", "paid", "shipped"][i % 3], amount: i * 1.5, customer: { name: `c${i}` } }),
      headers: { origin: "test" },
    }));
    await produce(topic, good.slice(0, 100));

    const src = await createEndpoint(
      "source",
      { name: "kafka", connector: "kafka", config: { brokers: [testBrokers()], topics: [topic], maxWaitMs: 100, schemas: [{ topic, jsonSchema: schema }] } },
      ACTOR,
    );
    const check = await checkSaved("source", src.id, ACTOR);
    expect(check.ok).toBe(true);
    // The broker is shared: past 30 topics the message lists only the first 30, so ask for the count of topics it reads.
    expect(check.message).toMatch(/; this source reads 1\.$/);
    await discoverSource(src.id, ACTOR);
    const discovered = await db().source.findUniqueOrThrow({ where: { id: src.id } });
    const stream = (
      discovered.catalog as { streams: { name: string; columns: { name: string; type: { kind: string } }[]; primaryKey: string[] }[] }
    ).streams.find((s) => s.name === topic)!;
    expect(stream.columns.map((c) => `${c.name}:${c.type.kind}`)).toEqual([
      "id:bigint",
      "status:text",
      "amount:float",
      "customer:json",
      "_weir_topic:text",
      "_weir_partition:integer",
      "_weir_offset:bigint",
      "_weir_key:text",
      "_weir_timestamp:timestamptz",
      "_weir_headers:json",
      "_weir_ingested_at:timestamptz",
    ]);
    expect(stream.primaryKey).toEqual(["_weir_topic", "_weir_partition", "_weir_offset"]);

    const dst = await createEndpoint("destination", { name: "wh", connector: "duckdb", config: { path: warehouse } }, ACTOR);
    const connection = await createConnection(
      {
        name: "orders stream",
        sourceId: src.id,
        destinationId: dst.id,
        namespace: "bronze",
        tablePrefix: "",
        schedule: null,
        schemaChangePolicy: "propagate",
        streams: [{ stream: topic, selected: true, syncMode: "full_refresh_append", cursorField: null, primaryKey: [] }],
      },
      ACTOR,
    );
    expect(connection.streaming).toBe(true);

    const engineer = callerFor(await buildUser({ role: "engineer" }));
    const viewer = callerFor(await buildUser({ role: "viewer" }));
    await expect(viewer.connection.streamControl({ id: connection.id, action: "start" })).rejects.toThrow();
    await expect(engineer.connection.runNow({ id: connection.id })).rejects.toThrow(/streaming source/);
    await engineer.connection.streamControl({ id: connection.id, action: "start" });
    supervisor = startStreamSupervisor({ workerId: "test-worker", log: logger, pollMs: 200 });

    const table = `bronze."${topic}"`;
    await until("the first 100 messages", async () => Number((await warehouseRows(`SELECT count(*) AS n FROM ${table}`))[0]!.n) === 100);

    const bad = [
      { value: "{not json" },
      { value: JSON.stringify({ id: "seven", status: "new" }) },
      { value: JSON.stringify({ id: 7, status: "lost" }) },
      { value: Buffer.alloc(5 * 1024 * 1024, "x") },
      { value: Buffer.from([0xff, 0xfe, 0x00, 0x81, 0xc3, 0x28]) },
      { value: "" },
      { value: JSON.stringify([1, 2, 3]) },
      { value: JSON.stringify({ id: 8, status: "new", amount: "lots" }) },
    ];
    await produce(
      topic,
      [...good.slice(100, 200), ...bad, ...good.slice(200)].map((m) => ({ ...m, partition: 0 })),
    );

    await until("all 300 valid messages", async () => Number((await warehouseRows(`SELECT count(*) AS n FROM ${table}`))[0]!.n) === 300);
    const rows = await warehouseRows(
      `SELECT count(DISTINCT (_weir_partition, _weir_offset))::INTEGER AS keys, count(DISTINCT id)::INTEGER AS ids, min(_weir_topic) AS topic, any_value(_weir_headers) AS headers, count(_weir_key)::INTEGER AS keys_set FROM ${table}`,
    );
    expect(rows[0]).toMatchObject({ keys: 300, ids: 300, topic, keys_set: 300 });
    expect(JSON.parse(String(rows[0]!.headers))).toEqual({ origin: "test" });
    const nested = await warehouseRows(`SELECT customer->>'name' AS name, amount::DOUBLE AS amount FROM ${table} WHERE id = 3`);
    expect(nested).toEqual([{ name: "c3", amount: 4.5 }]);

    const dead = await readTopic(`${topic}.weir-dlq`);
    const reasons = dead.map((m) => m.headers!["weir-reason"]!.toString());
    expect(reasons).toHaveLength(bad.length);
    expect(reasons[0]).toMatch(/^malformed JSON/);
    expect(reasons[1]).toMatch(/fails the topic's JSON Schema: \/id must be integer/);
    expect(reasons[2]).toMatch(/fails the topic's JSON Schema: \/status must be equal to one of the allowed values/);
    expect(reasons[3]).toMatch(/^too large: the value is 5\.0 MB, over the 1\.0 MB limit/);
    expect(reasons[4]).toMatch(/^not UTF-8/);
    expect(reasons[5]).toMatch(/^empty value/);
    expect(reasons[6]).toMatch(/^not a JSON object: the value is an array/);
    expect(reasons[7]).toMatch(/^wrong type: field "amount" is "lots", expected a float/);
    for (const m of dead) {
      expect(m.headers!["weir-source-topic"]!.toString()).toBe(topic);
      expect(m.headers!["weir-source-partition"]!.toString()).toBe("0");
      expect(Number(m.headers!["weir-source-offset"]!.toString())).toBeGreaterThanOrEqual(0);
    }
    expect(dead[3]!.headers!["weir-value-truncated-from"]!.toString()).toBe(String(5 * 1024 * 1024));

    const status = await until("lag 0 and dead letters counted", async () => {
      const s = await viewer.connection.streamStatus({ id: connection.id });
      return s.lag === 0 && s.deadLetters === bad.length && s.partitions.length === 3 ? s : undefined;
    });
    expect(status.state).toBe("running");
    expect(status.partitions.reduce((n, p) => n + (p.committedOffset ?? 0), 0)).toBe(300 + bad.length);
    expect(status.series.reduce((n, b) => n + b.messagesPerSecond * 5, 0)).toBeGreaterThanOrEqual(300 + bad.length);

    // The same figures for Prometheus.
    const metrics = await metricsRegistry().metrics();
    expect(metrics).toContain(`weir_stream_partition_lag{connection="orders stream",topic="${topic}",partition="0",service="weir-web"} 0`);
    expect(metrics).toContain(`weir_stream_dead_letters_total{connection="orders stream",service="weir-web"} ${bad.length}`);
    expect(metrics).toMatch(/weir_stream_messages_per_second\{connection="orders stream",service="weir-web"\} [0-9.]+/);

    // One run per hour (one, or two when the test crosses the hour), with the rows landed.
    const runs = await db().run.findMany({ where: { connectionId: connection.id }, orderBy: { windowStart: "asc" } });
    expect(runs.length === 1 || runs.length === 2).toBe(true);
    expect(runs.at(-1)).toMatchObject({ trigger: "stream", status: "running" });
    expect(runs.every((r) => r.windowStart !== null && r.windowStart.getTime() % 3_600_000 === 0)).toBe(true);
    expect(runs.reduce((n, r) => n + Number(r.rows), 0)).toBe(300);

    // Pause: nothing lands while paused; resume: it does.
    await engineer.connection.streamControl({ id: connection.id, action: "pause" });
    await until("the worker to pause", async () => supervisor!.runners()[0]?.paused === true);
    await produce(topic, [{ value: JSON.stringify({ id: 1000, status: "new" }) }]);
    // Nothing landing cannot be waited for; what can: the supervisor sees the message waiting (lag 1), and its next
    // position refresh (2 s later; a running consumer lands a message in under 0.5 s here) still sees it waiting.
    const positions = async () => db().streamPartition.findMany({ where: { connectionId: connection.id } });
    const seenWaiting = await until("lag 1 while paused", async () => {
      const p = await positions();
      return p.reduce((n, x) => n + Number(x.lag), 0) === 1 ? Math.max(...p.map((x) => x.updatedAt.getTime())) : undefined;
    });
    const later = await until("the next position refresh", async () => {
      const p = await positions();
      return p.length > 0 && p.every((x) => x.updatedAt.getTime() > seenWaiting) ? p : undefined;
    });
    expect(later.reduce((n, x) => n + Number(x.lag), 0)).toBe(1);
    expect(Number((await warehouseRows(`SELECT count(*) AS n FROM ${table}`))[0]!.n)).toBe(300);
    expect((await viewer.connection.streamStatus({ id: connection.id })).lag).toBe(1);
    await engineer.connection.streamControl({ id: connection.id, action: "resume" });
    await until("the message sent while paused", async () => Number((await warehouseRows(`SELECT count(*) AS n FROM ${table}`))[0]!.n) === 301);

    // A settings change reaches the running stream: its consumer restarts with them from the committed offsets.
    const before = supervisor!.runners()[0];
    await db().connection.update({ where: { id: connection.id }, data: { tablePrefix: "v2_" } });
    await until("the consumer restarted with the new settings and holding its partitions", async () => {
      const runner = supervisor!.runners()[0];
      return runner !== undefined && runner !== before && runner.assigned().length > 0;
    });
    await produce(topic, [{ value: JSON.stringify({ id: 1001, status: "paid" }) }]);
    await until(
      "the message in the renamed table",
      async () => (await warehouseRows(`SELECT id::INTEGER AS id FROM bronze."v2_${topic}"`).catch(() => []))[0]?.id === 1001,
    );
    expect(Number((await warehouseRows(`SELECT count(*) AS n FROM ${table}`))[0]!.n)).toBe(301);

    // Stop: the worker leaves the group and the hour's run is closed with its lineage.
    await engineer.connection.streamControl({ id: connection.id, action: "stop" });
    await until("the worker to stop", async () => supervisor!.runners().length === 0);
    const closed = await until("the runs to close", async () => {
      const all = await db().run.findMany({ where: { connectionId: connection.id } });
      return all.every((r) => r.status === "succeeded") ? all : undefined;
    });
    expect(closed.reduce((n, r) => n + Number(r.rows), 0)).toBe(302);
    const edge = await until("the topic → table lineage edge", async () => (await db().lineageEdge.findFirst({ include: { columns: true } })) ?? undefined);
    expect(edge.columns.map((c) => c.outputColumn).sort()).toEqual(
      [
        "amount",
        "customer",
        "id",
        "status",
        ...["_weir_headers", "_weir_ingested_at", "_weir_key", "_weir_offset", "_weir_partition", "_weir_timestamp", "_weir_topic"],
      ].sort(),
    );
    // Each run's closing COMPLETE carries its hour's rows.
    for (const run of closed) {
      await until(`the closing COMPLETE event of ${run.id}`, async () =>
        (await db().lineageEvent.findMany({ where: { runId: run.id, eventType: "COMPLETE" } })).some((e) =>
          JSON.stringify(e.payload).includes(`"rowCount":${Number(run.rows)}`),
        ),
      );
    }
  });
});
