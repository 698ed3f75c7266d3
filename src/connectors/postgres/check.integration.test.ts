// check against the real test server: every failure names its cause within 10 s and never contains the password.
import net from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TSourceDatabase, createSourceDatabase, testContext } from "@/connectors/postgres/postgres-fixture";
import { connector } from "@/connectors/postgres/source";
import type { TPostgresSourceConfig } from "@/connectors/postgres/spec";
import type { TCheckResult } from "@/connectors/types";
import { freePort } from "@/db/embedded-postgres";

const WRONG_PASSWORD = "hunter2-Sup3r-Secret";
let db: TSourceDatabase;

/** Runs check and asserts what every answer must be: within 10 s, and never the password. */
async function checked(config: TPostgresSourceConfig, signal?: AbortSignal): Promise<TCheckResult & { ms: number }> {
  const started = performance.now();
  const result = await connector.check(config, testContext(signal));
  const ms = performance.now() - started;
  expect(ms).toBeLessThan(10_000);
  if (!result.ok) {
    expect(result.message).not.toContain(db.config.password);
    expect(result.message).not.toContain(WRONG_PASSWORD);
    if (config.password) expect(result.message).not.toContain(config.password);
  }
  return { ...result, ms };
}

function failure(result: TCheckResult): string {
  expect(result.ok).toBe(false);
  return result.ok ? "" : result.message;
}

beforeAll(async () => {
  db = await createSourceDatabase();
});
afterAll(() => db?.drop());

describe("check", () => {
  it("answers ok for a good configuration", async () => {
    expect(await checked(db.config)).toMatchObject({ ok: true });
  });

  it("names a wrong password", async () => {
    const message = failure(await checked({ ...db.config, password: WRONG_PASSWORD }));
    expect(message).toMatch(/Password authentication failed for user "postgres"/);
  });

  it("names a user that does not exist", async () => {
    const message = failure(await checked({ ...db.config, user: "no_such_role" }));
    expect(message).toMatch(/user "no_such_role".*(wrong|does not exist)/);
  });

  it("says nothing listens on a wrong port", async () => {
    const port = await freePort();
    const message = failure(await checked({ ...db.config, port }));
    expect(message).toContain(`nothing listens on ${db.config.host}:${port}`);
  });

  it("names an unknown host", async () => {
    const message = failure(await checked({ ...db.config, host: "no-such-host.invalid" }));
    expect(message).toMatch(/Unknown host "no-such-host.invalid"/);
  });

  it("names a missing database", async () => {
    const message = failure(await checked({ ...db.config, database: "no_such_database" }));
    expect(message).toMatch(/Database "no_such_database" does not exist on 127\.0\.0\.1:\d+/);
  });

  it("says the server does not do SSL when SSL is required", async () => {
    const message = failure(await checked({ ...db.config, sslMode: "require" }));
    expect(message).toMatch(/does not accept SSL connections: set SSL mode to disable/);
  });

  it("times out on a host that accepts the connection and never answers, within 10 s", async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const message = failure(await checked({ ...db.config, port }));
      expect(message).toMatch(new RegExp(`No answer from 127\\.0\\.0\\.1:${port} within \\d+ s`));
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it("names included schemas that are missing or that the user may not use or read", async () => {
    const role = `weir_check_${Date.now().toString(36)}`;
    await db.exec(`
      CREATE SCHEMA private; CREATE TABLE private.secrets (id int);
      CREATE SCHEMA locked; CREATE TABLE locked.t (id int);
      CREATE ROLE ${role} LOGIN PASSWORD 'check-pass';
      GRANT USAGE ON SCHEMA locked TO ${role};
    `);
    try {
      const config = { ...db.config, user: role, password: "check-pass" };
      expect(failure(await checked({ ...config, schemas: ["public", "nope"] }))).toBe(`Schema "nope" does not exist in database "${db.config.database}".`);
      expect(failure(await checked({ ...config, schemas: ["private"] }))).toMatch(
        new RegExp(`Permission denied: user "${role}" has no USAGE privilege on schema "private"`),
      );
      expect(failure(await checked({ ...config, schemas: ["locked"] }))).toMatch(/may not read any of the 1 tables and views in schema "locked"/);
      expect(await checked({ ...config, schemas: ["public"] })).toMatchObject({ ok: true });
    } finally {
      await db.exec(`DROP SCHEMA private CASCADE; DROP SCHEMA locked CASCADE; DROP ROLE ${role};`);
    }
  });

  it("rejects an invalid configuration without connecting", async () => {
    const message = failure(await checked({ ...db.config, port: 70_000 }));
    expect(message).toMatch(/^PostgreSQL source: port: /);
  });

  it("stops when cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    expect(failure(await checked(db.config, controller.signal))).toBe("The check was cancelled.");
  });
});
