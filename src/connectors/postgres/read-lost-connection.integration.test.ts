// A source whose server goes away in the middle of a COPY: the read fails as UNAVAILABLE (retryable) naming the host,
// the stream being read and the cause (server shut down, session terminated), never as a connection handshake or SSL
// problem. Against real servers: the shared test server (pg_terminate_backend) and a server of this test, shut down.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TSourceDatabase, createSourceDatabase, discoverStream, testContext } from "@/connectors/postgres/postgres-fixture";
import { connector } from "@/connectors/postgres/source";
import type { TPostgresSourceConfig } from "@/connectors/postgres/spec";
import { startTestServer } from "@/db/test-database";
import { isAppError } from "@/lib/app-error";

const BIG_TABLE = "CREATE TABLE big AS SELECT i AS id, repeat('x', 200) AS body FROM generate_series(1, 200000) i";

/** Starts reading public.big, takes one batch, runs `interrupt` and returns what the rest of the read throws. */
async function readInterrupted(config: TPostgresSourceConfig, interrupt: () => Promise<void>): Promise<unknown> {
  const stream = await discoverStream(config, "public.big");
  const iterator = connector.read(config, [{ stream }], { ...testContext(), maxBatchRows: 1000 })[Symbol.asyncIterator]();
  expect((await iterator.next()).value?.rows).toBe(1000);
  await interrupt();
  try {
    while (!(await iterator.next()).done);
  } catch (e) {
    return e;
  }
  throw new Error("the read finished although its server went away");
}

function expectLostConnection(error: unknown, config: TPostgresSourceConfig): void {
  expect(isAppError(error)).toBe(true);
  const e = error as { code: string; message: string; retryable: boolean };
  expect(e.code).toBe("UNAVAILABLE");
  expect(e.retryable).toBe(true);
  expect(e.message).toContain(`PostgreSQL source: ${config.host}:${config.port} closed the connection while reading stream "public.big"`);
  expect(e.message).toMatch(/shut(ting)? down/);
  expect(e.message).not.toMatch(/handshake|SSL/i);
  expect(e.message).not.toContain(config.password);
}

describe("read: the server goes away mid-COPY", () => {
  let db: TSourceDatabase;
  beforeAll(async () => {
    db = await createSourceDatabase();
    await db.exec(BIG_TABLE);
  });
  afterAll(() => db?.drop());

  it("names the host, the stream and the cause when an administrator terminates the session", async () => {
    const error = await readInterrupted(db.config, async () => {
      const killed = await db.query<{ killed: boolean }>(
        "SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'weir-postgres-source'",
      );
      expect(killed).toEqual([{ killed: true }]);
    });
    expectLostConnection(error, db.config);
    expect((error as Error).message).toMatch(/an administrator (may have )?ended (this|the) session/);
  });

  it("names the host, the stream and the cause when the server shuts down", async () => {
    const server = await startTestServer();
    try {
      const url = new URL(server.url);
      const config: TPostgresSourceConfig = {
        host: url.hostname,
        port: Number(url.port),
        database: "postgres",
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        sslMode: "disable",
        schemas: ["public"],
      };
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      await client.query(BIG_TABLE);
      await client.end();
      expectLostConnection(await readInterrupted(config, () => server.stop()), config);
    } finally {
      await server.stop();
    }
  });
});
