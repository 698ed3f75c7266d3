// connector.check against a real PostgreSQL: each way a configuration can be wrong is named, within 10 s, never echoing the password.
import { randomBytes } from "node:crypto";
import net from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TPostgresDestinationConfig } from "@/connectors/postgres-destination/config";
import { connector } from "@/connectors/postgres-destination/destination";
import { type TPgFixture, createPgFixture, testContext } from "@/connectors/postgres-destination/postgres-destination-fixture";
import { withDatabase } from "@/db/database-url";
import { queryOnce } from "@/db/test-database";

let fx: TPgFixture;
let serverUrl: string;
const PASSWORD = `pw-${randomBytes(8).toString("hex")}`;
const role = `weir_check_${randomBytes(4).toString("hex")}`;

beforeAll(async () => {
  fx = await createPgFixture();
  serverUrl = withDatabase(fx.url, "postgres");
  await queryOnce(serverUrl, `CREATE ROLE ${role} LOGIN PASSWORD '${PASSWORD}'`);
});
afterAll(async () => {
  await fx?.drop();
  await queryOnce(serverUrl, `DROP ROLE IF EXISTS ${role}`);
});

/** Checks `overrides` on top of the role's config; asserts the 10 s budget and that the password never shows. */
async function check(overrides: Partial<TPostgresDestinationConfig> = {}) {
  const config = { ...fx.config, user: role, password: PASSWORD, ...overrides };
  const started = Date.now();
  const result = await connector.check(config, testContext());
  expect(Date.now() - started).toBeLessThan(10_500);
  if (!result.ok) expect(result.message).not.toContain(String(config.password));
  return result;
}

/** A port with nothing listening: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("check", () => {
  it("names an unknown host", async () => {
    expect(await check({ host: "no-such-host.invalid" })).toEqual({ ok: false, message: expect.stringMatching(/unknown host "no-such-host\.invalid"/) });
  });

  it("names a port with nothing listening", async () => {
    const port = await closedPort();
    expect(await check({ port })).toEqual({ ok: false, message: expect.stringContaining(`nothing is listening on 127.0.0.1:${port}`) });
  });

  it("gives up within 10 s on a server that never answers", async () => {
    const silent = net.createServer(() => undefined); // accepts, then says nothing
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const result = await check({ port: (silent.address() as net.AddressInfo).port, sslMode: "disable" });
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/no answer from 127\.0\.0\.1:\d+ within \d+ s/) });
    } finally {
      silent.close();
    }
  }, 15_000);

  it("names a wrong password", async () => {
    expect(await check({ password: "wrong-password" })).toEqual({
      ok: false,
      message: expect.stringContaining(`password authentication failed for user "${role}": the password is wrong`),
    });
  });

  it("names an unknown role (which password authentication does not tell apart from a wrong password)", async () => {
    expect(await check({ user: "no_such_role" })).toEqual({
      ok: false,
      message: expect.stringMatching(/user "no_such_role": the password is wrong, or there is no role of that name/),
    });
  });

  it("names an unknown database", async () => {
    expect(await check({ database: "no_such_database" })).toEqual({
      ok: false,
      message: expect.stringContaining('database "no_such_database" does not exist'),
    });
  });

  it("names a schema the user may not create tables in", async () => {
    // PostgreSQL 15+ grants nobody but the owner CREATE on public.
    expect(await check({ defaultSchema: "public" })).toEqual({
      ok: false,
      message: expect.stringMatching(/may not create tables in schema "public".*GRANT CREATE ON SCHEMA "public"/),
    });
  });

  it("names a missing schema the user may not create", async () => {
    expect(await check({ defaultSchema: "landing" })).toEqual({
      ok: false,
      message: expect.stringMatching(/schema "landing" does not exist and user "weir_check_\w+" may not create it/),
    });
  });

  it("passes with the privileges Weir needs, and leaves nothing behind", async () => {
    const database = String(fx.config.database);
    await fx.query(`GRANT CREATE ON DATABASE "${database}" TO ${role}`);
    try {
      expect(await check({ defaultSchema: "landing" })).toEqual({ ok: true });
      expect(await check({ user: fx.config.user, password: fx.config.password })).toEqual({ ok: true });
      expect(await fx.query("SELECT nspname FROM pg_namespace WHERE nspname IN ('landing', '_weir')")).toEqual([]);
      expect(await fx.query("SELECT relname FROM pg_class WHERE relname LIKE '\\_weir\\_check\\_%'")).toEqual([]);
    } finally {
      await fx.query(`REVOKE CREATE ON DATABASE "${database}" FROM ${role}`);
    }
  });

  it("names a bookkeeping table someone else created that the user may not write, with the GRANT", async () => {
    const database = String(fx.config.database);
    await fx.query(`GRANT CREATE ON DATABASE "${database}" TO ${role}`);
    await fx.query(
      `CREATE SCHEMA _weir; GRANT USAGE, CREATE ON SCHEMA _weir TO ${role}; CREATE TABLE _weir.boundary (id integer); GRANT SELECT, INSERT ON _weir.boundary TO ${role}`,
    );
    try {
      expect(await check({ defaultSchema: "landing" })).toEqual({
        ok: false,
        message: expect.stringContaining(
          `may not read and write Weir's boundary table _weir.boundary. GRANT SELECT, INSERT, UPDATE, DELETE ON "_weir"."boundary" TO "${role}"`,
        ),
      });
    } finally {
      await fx.query(`DROP SCHEMA _weir CASCADE; REVOKE CREATE ON DATABASE "${database}" FROM ${role}`);
    }
  });

  it("names a configuration that does not validate", async () => {
    expect(await connector.check({ host: "", database: "d", user: "u" }, testContext())).toEqual({ ok: false, message: expect.stringContaining("host") });
  });

  it("open() fails with a retryable error naming the cause when the server is unreachable", async () => {
    const port = await closedPort();
    await expect(connector.open({ ...fx.config, port }, testContext())).rejects.toMatchObject({
      code: "UNAVAILABLE",
      message: expect.stringContaining("nothing is listening"),
    });
  });
});
