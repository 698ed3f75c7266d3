/**
 * Real, empty PostgreSQL databases for integration tests.
 *
 * With WEIR_TEST_PG_URL (a server-level URL whose role may CREATE DATABASE;
 * `npm test` provides one) every call creates a uniquely named database on
 * that server, in about 50 ms. Without it, the first call in a test process
 * starts an embedded PostgreSQL in a temporary folder (about 1.5 s, fsync off)
 * and later calls in the same process reuse it; it is stopped and its folder
 * removed when the process exits.
 *
 *   const database = await createTestDatabase();
 *   await applyMigrations(database.url);
 *   ...
 *   await database.drop();
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { redactUrl, withDatabase } from "@/db/database-url";
import { startEmbeddedPostgres } from "@/db/embedded-postgres";

export type TTestDatabase = {
  /** URL of the new, empty database. */
  url: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
};

export type TTestServer = {
  /** Server-level URL (the `postgres` database): set it as WEIR_TEST_PG_URL. */
  url: string;
  /** The temporary data directory (inside a folder that `stop` removes). */
  dataDir: string;
  stop(): Promise<void>;
};

let ownServer: Promise<TTestServer> | undefined;

/** A new, empty database named `weir_test_<random>`. */
export async function createTestDatabase(): Promise<TTestDatabase> {
  const serverUrl = process.env.WEIR_TEST_PG_URL || (await processServer()).url;
  const name = `weir_test_${crypto.randomBytes(6).toString("hex")}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  let dropped = false;
  return {
    url: withDatabase(serverUrl, name),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/**
 * Starts a throwaway embedded PostgreSQL in a temporary folder. For a test
 * runner's global set-up: start one, export its `url` as WEIR_TEST_PG_URL,
 * and every test process shares it.
 */
export async function startTestServer(): Promise<TTestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "weir-test-pg-"));
  fs.chmodSync(dir, 0o755); // as root, PostgreSQL runs as user postgres and must reach the data folder
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  try {
    const dataDir = path.join(dir, "pg");
    const server = await startEmbeddedPostgres({ dataDir, durable: false, database: "postgres" });
    return {
      url: server.serverUrl,
      dataDir,
      stop: async () => {
        await server.stop();
        removeDir();
      },
    };
  } catch (e) {
    removeDir();
    throw e;
  }
}

/** This process's own server, when no WEIR_TEST_PG_URL is given. */
function processServer(): Promise<TTestServer> {
  ownServer ??= startTestServer().then((server) => {
    process.once("exit", () => removeServerSync(server.dataDir));
    return server;
  });
  ownServer.catch(() => (ownServer = undefined));
  return ownServer;
}

/**
 * At process exit nothing can be awaited: embedded-postgres's own exit hook
 * only signals the server. Shut it down at once (SIGQUIT), wait for it briefly,
 * and remove its folder.
 */
function removeServerSync(dataDir: string): void {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    if (pid > 0) {
      process.kill(pid, "SIGQUIT");
      const deadline = Date.now() + 3000;
      while (Date.now() < deadline && isAlive(pid)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  } catch {
    // no pid file or no such process: already stopped
  }
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
}

/** A child that exited but was not reaped (we are exiting too) is a zombie: count it as gone. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return true;
  }
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  try {
    await client.connect();
    await client.query(sql);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // eslint-disable-next-line preserve-caught-error -- the cause may hold the database URL with its password; the message is redacted
    throw new Error(`Test database set-up on ${redactUrl(serverUrl)} failed (${sql}): ${redactUrl(message)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs one statement on its own connection and returns the rows (for test assertions). */
export async function queryOnce<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}
