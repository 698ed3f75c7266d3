/**
 * Opens and closes the source's connections. Every session is set up so that
 * PostgreSQL's own text output is Weir's wire encoding (UTC, ISO dates, ISO
 * 8601 intervals, shortest round-trip floats, UTF-8; lc_monetary is left
 * alone, since money counts minor units of the database's currency) and
 * cannot write by accident
 * (read-only transactions). Closing is hard when it has to be: a COPY that
 * is still streaming cannot end politely, so its socket is destroyed, which
 * makes the server end the backend at once.
 */
import type { ConnectionOptions } from "node:tls";
import net from "node:net";
import pg from "pg";

import type { TPostgresConfig } from "@/connectors/postgres/spec";
import type { Logger } from "@/lib/logger";

export const APPLICATION_NAME = "weir-postgres-source";

/** Settings that make text output canonical; see wire-sql.ts. */
export const SESSION_SETTINGS_SQL = [
  "SET TimeZone = 'UTC'",
  "SET DateStyle = 'ISO, YMD'",
  "SET IntervalStyle = 'iso_8601'",
  "SET extra_float_digits = 1",
  "SET client_encoding = 'UTF8'",
  "SET standard_conforming_strings = on",
  "SET default_transaction_read_only = on",
].join("; ");

export type TOpenOptions = {
  log: Logger;
  /** Limit on TCP connect + TLS + authentication. */
  connectTimeoutMs: number;
  /** Server-side limit per statement; 0 for none (reads of big tables). */
  statementTimeoutMs: number;
  /** Aborting destroys the connection, at any point of its life. */
  signal?: AbortSignal;
  /** Called with the client as soon as it exists, so a caller can destroy it while it connects. */
  onClient?: (client: pg.Client) => void;
};

function sslOptions(config: TPostgresConfig): false | ConnectionOptions {
  if (config.sslMode === "disable") return false;
  if (config.sslMode === "require") return { rejectUnauthorized: false };
  return {
    rejectUnauthorized: true,
    ...(config.sslCa ? { ca: config.sslCa } : {}),
    // SNI is for names only; Node rejects an IP address as servername.
    ...(net.isIP(config.host) ? {} : { servername: config.host }),
  };
}

/** A connected client with the session settings applied. */
export async function openClient(config: TPostgresConfig, opts: TOpenOptions): Promise<pg.Client> {
  const client = new pg.Client({
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    // pg falls back to PGPASSWORD for a falsy password; an empty one means "none".
    password: config.password === "" ? () => "" : config.password,
    ssl: sslOptions(config),
    application_name: APPLICATION_NAME,
    connectionTimeoutMillis: opts.connectTimeoutMs,
    ...(opts.statementTimeoutMs > 0 ? { statement_timeout: opts.statementTimeoutMs } : {}),
    keepAlive: true,
  });
  const { signal } = opts;
  // Without a listener, a server that drops an idle connection would crash the process.
  client.on("error", (err) => {
    if (signal?.aborted) opts.log.debug({ err }, "postgres source: connection closed on abort");
    else opts.log.warn({ err }, "postgres source: connection error");
  });
  signal?.throwIfAborted();
  const onAbort = () => destroyClient(client);
  signal?.addEventListener("abort", onAbort, { once: true });
  client.once("end", () => signal?.removeEventListener("abort", onAbort));
  opts.onClient?.(client);
  try {
    await client.connect();
    await client.query(SESSION_SETTINGS_SQL);
  } catch (e) {
    signal?.removeEventListener("abort", onAbort);
    destroyClient(client);
    throw e;
  }
  return client;
}

/** Drops the connection at once (the server sees the socket close and ends the backend). */
export function destroyClient(client: pg.Client): void {
  client.connection.stream.destroy();
}

/** Ends the session politely; destroys it if that does not finish within `graceMs`. */
export async function closeClient(client: pg.Client, graceMs = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ended = client.end().catch(() => undefined);
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      destroyClient(client);
      resolve();
    }, graceMs);
  });
  await Promise.race([ended, late]);
  clearTimeout(timer);
}
