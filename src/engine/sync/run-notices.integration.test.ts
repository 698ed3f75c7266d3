/**
 * Connectors' notices (TConnectorContext.notice: retries, waits) in the
 * run's own log, where users read them on the run page, and never with a
 * secret in them. Through the sync job's logic with the real HTTP source
 * against a real local API answering 429; and through the engine's run
 * context with a source whose notice carries its config's password.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connector as duckdb } from "@/connectors/duckdb/destination";
import { startApi, type TTestApi } from "@/connectors/http/api-fixture";
import { createSourceDatabase, type TSourceDatabase } from "@/connectors/postgres/postgres-fixture";
import { connector as postgres } from "@/connectors/postgres/source";
import type { TPostgresSourceConfig } from "@/connectors/postgres/spec";
import type { TSourceConnector } from "@/connectors/source-connector";
import { db } from "@/db/client";
import { buildWritePlan } from "@/engine/sync/plan-streams";
import { runConnectionSync } from "@/engine/sync/run-connection-sync";
import { runContext, secretScrubber } from "@/engine/sync/run-context";
import { runLogger } from "@/engine/sync/run-log";
import { syncStream } from "@/engine/sync/sync-stream";
import { logger } from "@/lib/logger";
import { createConnection } from "@/server/connections/connection-store";
import { discoverSource } from "@/server/endpoints/check-endpoint";
import { createEndpoint } from "@/server/endpoints/endpoint-store";
import { setUpTestApp } from "@/server/testing/test-app";

const ACTOR = { id: null, email: "notices-test" } as const;
let teardown: () => Promise<void>;
let api: TTestApi;
let source: TSourceDatabase;
let dir: string;
let limitNext = false;

const logLines = async (runId: string) => (await db().runLog.findMany({ where: { runId }, orderBy: { id: "asc" } })).map((l) => l.message);

beforeAll(async () => {
  process.env.WEIR_SECRET_KEY ??= Buffer.alloc(32, 4).toString("base64url");
  ({ teardown } = await setUpTestApp());
  api = await startApi(() => {
    if (!limitNext)
      return {
        json: [
          { id: 1, name: "one" },
          { id: 2, name: "two" },
        ],
      };
    limitNext = false;
    return { status: 429, headers: { "retry-after": "1" }, json: { error: "slow down" } };
  });
  source = await createSourceDatabase();
  await source.exec(`CREATE TABLE items (id bigint PRIMARY KEY, name text); INSERT INTO items VALUES (1, 'one'), (2, 'two');`);
  dir = mkdtempSync(path.join(os.tmpdir(), "weir-notices-"));
});

afterAll(async () => {
  await api?.close();
  await source?.drop();
  await teardown?.();
  rmSync(dir, { recursive: true, force: true });
});

describe("connector notices in the run log", () => {
  it("an HTTP source's retry after a 429 appears in the run's log", async () => {
    const config = { baseUrl: api.baseUrl, auth: { type: "bearer", token: "tok-very-secret-123" }, streams: [{ name: "items", path: "/items" }] };
    const src = await createEndpoint("source", { name: "api", connector: "http", config }, ACTOR);
    await discoverSource(src.id, ACTOR);
    const dst = await createEndpoint("destination", { name: "wh", connector: "duckdb", config: { path: path.join(dir, "http.duckdb") } }, ACTOR);
    const connection = await createConnection(
      {
        name: "api → wh",
        sourceId: src.id,
        destinationId: dst.id,
        namespace: "api",
        tablePrefix: "",
        schedule: null,
        schemaChangePolicy: "propagate",
        streams: [{ stream: "items", selected: true, syncMode: "full_refresh_overwrite", primaryKey: [] }],
      },
      ACTOR,
    );
    const runId = (await db().run.create({ data: { connectionId: connection.id } })).id;
    limitNext = true;
    await runConnectionSync({ runId, attempt: 1, maxAttempts: 1, log: logger, signal: new AbortController().signal });
    const lines = await logLines(runId);
    expect(
      lines.some((l) => /^HTTP source: GET .*\/items .*429.*Retry-After.*retry 1 of \d+\.$/.test(l)),
      lines.join("\n"),
    ).toBe(true);
    expect(lines.join("\n")).not.toContain("tok-very-secret-123");
  });

  it("a notice that carries a secret reaches the run log with the secret scrubbed, in order", async () => {
    const loud: TSourceConnector<TPostgresSourceConfig> = {
      ...postgres,
      async *read(config, requests, opts) {
        opts.notice?.(`connecting as ${config.user} with password ${config.password}`);
        yield* postgres.read(config, requests, opts);
        opts.notice?.("read done");
      },
    };
    const src = await createEndpoint("source", { name: "pg", connector: "postgres", config: source.config }, ACTOR);
    const connection = await db().connection.create({
      data: {
        name: "pg → wh",
        sourceId: src.id,
        destinationId: (await createEndpoint("destination", { name: "wh2", connector: "duckdb", config: { path: path.join(dir, "pg.duckdb") } }, ACTOR)).id,
        namespace: "raw",
      },
    });
    const runId = (await db().run.create({ data: { connectionId: connection.id } })).id;
    const rlog = runLogger(runId, 1, logger);
    const clean = secretScrubber([{ spec: postgres.spec, config: source.config }]);
    const ctx = runContext({ runId, connectionId: connection.id, log: logger, signal: new AbortController().signal, rlog, clean });
    const descriptor = (await postgres.discover(source.config, ctx)).streams.find((s) => s.name === "public.items")!;
    const plan = buildWritePlan({
      connectionId: connection.id,
      runId,
      attempt: 1,
      namespace: "raw",
      tablePrefix: "",
      settings: { stream: descriptor.name, namespace: descriptor.namespace, syncMode: "full_refresh_overwrite", cursorField: null, primaryKey: [] },
      columns: descriptor.columns,
    });
    const session = await duckdb.open({ path: path.join(dir, "pg.duckdb") }, ctx);
    try {
      const result = await syncStream({ source: loud, sourceConfig: source.config, session, plan, ctx, request: { stream: descriptor } });
      expect(result.entry.rows).toBe(2);
    } finally {
      await session.close();
    }
    await rlog.flush();
    expect(await logLines(runId)).toEqual([`connecting as ${source.config.user} with password [secret]`, "read done"]);
  });
});
