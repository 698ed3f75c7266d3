/**
 * Test support for alerting: typed builders of what alert rules watch
 * (connections with runs, models with builds, checks with results, datasets
 * with deadlines, streaming lag, worker heartbeats), channels and rules, and
 * a real local webhook receiver that records what it is sent and can be
 * told to fail.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

import { db } from "@/db/client";
import { CHANNEL_SPECS } from "@/engine/alerts/channels/channel-specs";
import { sealConfig } from "@/connectors/spec";

const ACTOR_FREE = { createdById: null } as const;
let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}-${randomUUID().slice(0, 6)}`;

export async function buildEndpoints(): Promise<{ sourceId: string; destinationId: string }> {
  const source = await db().source.create({ data: { name: unique("source"), connector: "postgres", config: {}, ...ACTOR_FREE } });
  const destination = await db().destination.create({ data: { name: unique("destination"), connector: "duckdb", config: {}, ...ACTOR_FREE } });
  return { sourceId: source.id, destinationId: destination.id };
}

export async function buildConnection(opts: { name?: string; streaming?: boolean } = {}) {
  const { sourceId, destinationId } = await buildEndpoints();
  return db().connection.create({
    data: { name: opts.name ?? unique("connection"), sourceId, destinationId, namespace: "bronze", streamState: opts.streaming ? "running" : null },
  });
}

/** A finished run `minutesAgo` ago that took `seconds`. */
export async function buildRun(connectionId: string, status: "succeeded" | "failed", opts: { minutesAgo?: number; seconds?: number; error?: string } = {}) {
  const finishedAt = new Date(Date.now() - (opts.minutesAgo ?? 0) * 60_000);
  const startedAt = new Date(finishedAt.getTime() - (opts.seconds ?? 10) * 1000);
  return db().run.create({
    data: { connectionId, status, startedAt, finishedAt, queuedAt: startedAt, attempts: 1, error: status === "failed" ? (opts.error ?? "boom") : null },
  });
}

export async function buildModel(destinationId: string, name = unique("model").replaceAll("-", "_")) {
  return db().model.create({ data: { name, layer: "silver", sql: "select 1", destinationId, schema: "silver" } });
}

export async function buildModelRun(modelId: string, status: "succeeded" | "failed", minutesAgo = 0) {
  const transformRun = await db().transformRun.create({
    data: { selector: "*", status: status === "failed" ? "failed" : "succeeded", finishedAt: new Date() },
  });
  const finishedAt = new Date(Date.now() - minutesAgo * 60_000);
  return db().modelRun.create({
    data: {
      transformRunId: transformRun.id,
      modelId,
      status,
      startedAt: new Date(finishedAt.getTime() - 1000),
      finishedAt,
      error: status === "failed" ? "Model failed" : null,
    },
  });
}

export async function buildCheck(destinationId: string, opts: { severity?: "warn" | "error"; table?: string; connectionId?: string } = {}) {
  return db().check.create({
    data: {
      name: unique("check"),
      destinationId,
      datasetSchema: "silver",
      datasetTable: opts.table ?? "customers",
      definition: { kind: "not_null", column: "id" },
      severity: opts.severity ?? "error",
      connectionId: opts.connectionId ?? null,
    },
  });
}

export async function buildCheckResult(checkId: string, status: "passed" | "failed" | "error") {
  return db().checkResult.create({ data: { checkId, status, message: status === "passed" ? "0 of 3 rows fail." : "1 of 3 rows fail.", durationMs: 5 } });
}

export async function buildDataset(
  opts: { name?: string; destinationId?: string | null; connectionId?: string | null; tags?: string[]; lastUpdatedAt?: Date | null; kind?: string } = {},
) {
  return db().dataset.create({
    data: {
      namespace: "duckdb:///tmp/test.duckdb",
      name: opts.name ?? unique("silver.table"),
      platform: "duckdb",
      kind: opts.kind ?? "table",
      destinationId: opts.destinationId ?? null,
      connectionId: opts.connectionId ?? null,
      tags: opts.tags ?? [],
      lastUpdatedAt: opts.lastUpdatedAt ?? null,
    },
  });
}

export async function buildLag(connectionId: string, lag: number) {
  await db().streamPartition.upsert({
    where: { connectionId_topic_partition: { connectionId, topic: "events", partition: 0 } },
    create: { connectionId, topic: "events", partition: 0, committedOffset: 0n, endOffset: BigInt(lag), lag: BigInt(lag) },
    update: { lag: BigInt(lag), endOffset: BigInt(lag) },
  });
}

export async function buildHeartbeat(alive = true) {
  return db().workerHeartbeat.create({
    data: { id: unique("wkr"), hostname: "test", pid: 1, lastSeenAt: alive ? new Date() : new Date(Date.now() - 3600_000) },
  });
}

export async function buildChannel(kind: "webhook" | "slack" | "email", config: Record<string, unknown>) {
  return db().alertChannel.create({ data: { name: unique(kind), kind, config: sealConfig(CHANNEL_SPECS[kind], config) as object } });
}

export async function buildRule(
  params: Record<string, unknown> & { kind: string },
  channelIds: string[],
  opts: { scope?: object; repeatSeconds?: number | null } = {},
) {
  return db().alertRule.create({
    data: {
      name: unique(params.kind),
      kind: params.kind as never,
      params: params as object,
      scope: opts.scope ?? {},
      channelIds,
      repeatSeconds: opts.repeatSeconds ?? null,
    },
  });
}

export type TReceived = { path: string; headers: http.IncomingHttpHeaders; body: Record<string, unknown> };

/** A real HTTP server on loopback recording every POST; `failNext(n, status)` answers the next n with an error. */
export async function startWebhookReceiver() {
  const received: TReceived[] = [];
  let failures = 0;
  let failStatus = 500;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
    req.on("end", () => {
      if (failures > 0) {
        failures -= 1;
        res.writeHead(failStatus).end("receiver down for a test");
        return;
      }
      received.push({ path: req.url ?? "/", headers: req.headers, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} });
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    failNext(n: number, status = 500) {
      failures = n;
      failStatus = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
