/**
 * A destination that stops answering: the run fails after its last attempt
 * with the destination's error, and the destination's data and the stream's
 * state are exactly as the last successful run left them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort } from "@/connectors/http/api-fixture";
import { createPgFixture, type TPgFixture } from "@/connectors/postgres-destination/postgres-destination-fixture";
import { createSourceDatabase, type TSourceDatabase } from "@/connectors/postgres/postgres-fixture";
import { sealConfig } from "@/connectors/spec";
import { destinationConnector } from "@/connectors/registry";
import { db } from "@/db/client";
import { runConnectionSync } from "@/engine/sync/run-connection-sync";
import { logger } from "@/lib/logger";
import { createConnection, getConnection } from "@/server/connections/connection-store";
import { getRun } from "@/server/connections/run-store";
import { discoverSource } from "@/server/endpoints/check-endpoint";
import { createEndpoint } from "@/server/endpoints/endpoint-store";
import { setUpTestApp } from "@/server/testing/test-app";

const ACTOR = { id: null, email: "test" } as const;
let teardown: () => Promise<void>;
let source: TSourceDatabase;
let warehouse: TPgFixture;
let connectionId: string;
let destinationId: string;

async function attempt(runId: string, n: number, max: number) {
  return runConnectionSync({ runId, attempt: n, maxAttempts: max, log: logger, signal: new AbortController().signal });
}

beforeAll(async () => {
  process.env.WEIR_SECRET_KEY ??= Buffer.alloc(32, 5).toString("base64url");
  ({ teardown } = await setUpTestApp());
  source = await createSourceDatabase();
  await source.exec(`CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10,2), updated_at timestamptz NOT NULL);
    INSERT INTO orders SELECT g, g * 2.5, timestamptz '2024-01-01' + g * interval '1 minute' FROM generate_series(1, 200) g;`);
  warehouse = await createPgFixture();
  const src = await createEndpoint("source", { name: "src", connector: "postgres", config: source.config }, ACTOR);
  const dst = await createEndpoint("destination", { name: "dst", connector: "postgres-destination", config: warehouse.config }, ACTOR);
  destinationId = dst.id;
  await discoverSource(src.id, ACTOR);
  connectionId = (
    await createConnection(
      {
        name: "c",
        sourceId: src.id,
        destinationId: dst.id,
        namespace: "raw",
        tablePrefix: "",
        schedule: null,
        schemaChangePolicy: "propagate",
        streams: [{ stream: "public.orders", selected: true, syncMode: "incremental_append", cursorField: "updated_at", primaryKey: [] }],
      },
      ACTOR,
    )
  ).id;
});

afterAll(async () => {
  await source?.drop();
  await warehouse?.drop();
  await teardown?.();
});

describe("destination unreachable", () => {
  it("fails the run after its retries with the cause, leaving data and state untouched", async () => {
    const ok = await db().run.create({ data: { connectionId } });
    await attempt(ok.id, 1, 3);
    const stateBefore = (await getConnection(connectionId)).streams[0]!.state;
    const rowsBefore = await warehouse.query<{ n: string }>(`SELECT count(*) AS n FROM raw.orders`);
    expect(rowsBefore[0]!.n).toBe("200");

    await source.exec(`INSERT INTO orders SELECT g, 1, now() FROM generate_series(201, 250) g`);
    const spec = destinationConnector("postgres-destination").spec;
    await db().destination.update({
      where: { id: destinationId },
      data: { config: sealConfig(spec, { ...warehouse.config, port: await closedPort() }) as object },
    });
    const failing = await db().run.create({ data: { connectionId } });
    for (let n = 1; n <= 3; n++) {
      await expect(attempt(failing.id, n, 3)).rejects.toMatchObject({ message: expect.stringMatching(/127\.0\.0\.1:\d+|refused|listen/i) });
      expect((await getRun(failing.id)).status).toBe(n < 3 ? "queued" : "failed");
    }
    const run = await getRun(failing.id);
    expect(run.error).not.toContain(String(warehouse.config.password));
    expect((await getConnection(connectionId)).streams[0]!.state).toEqual(stateBefore);
    expect(await warehouse.query<{ n: string }>(`SELECT count(*) AS n FROM raw.orders`)).toEqual(rowsBefore);
  });
});
