/**
 * Opens one node-postgres connection for the PostgreSQL destination: TLS by
 * sslmode (with libpq's `prefer` fallback), a handler for errors of an idle
 * connection (without one, a server restart would crash the worker), and
 * the session settings the wire conversions rely on.
 */
import pg from "pg";

import { type TPostgresDestination, type TSslMode, clientConfig } from "@/connectors/postgres-destination/config";
import { connectError, isTlsUnsupported } from "@/connectors/postgres-destination/pg-errors";
import type { Logger } from "@/lib/logger";

/**
 * UTC, ISO dates and ISO 8601 intervals make `value::text` the wire encoding
 * of dates, timestamps and intervals, and unqualified wire timestamps mean
 * UTC; extra_float_digits makes float text round-trip on every server version.
 */
export const SESSION_SETTINGS_SQL =
  "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'iso_8601'; SET extra_float_digits = 3; SET client_min_messages = warning";

export type TConnectOptions = {
  log: Logger;
  signal?: AbortSignal;
  connectTimeoutMs: number;
  /** Per-statement limit; default none (loads and commits take as long as they take). */
  statementTimeoutMs?: number;
  applicationName?: string;
};

export type TConnection = {
  client: pg.Client;
  /** The error that broke the connection while it was idle, if any. */
  brokenBy(): Error | null;
};

async function connectOnce(config: TPostgresDestination, mode: Exclude<TSslMode, "prefer">, opts: TConnectOptions): Promise<TConnection> {
  const client = new pg.Client(
    clientConfig(config, mode, {
      connectTimeoutMs: opts.connectTimeoutMs,
      statementTimeoutMs: opts.statementTimeoutMs,
      applicationName: opts.applicationName ?? "weir-destination",
    }),
  );
  let broken: Error | null = null;
  client.on("error", (e: Error) => {
    broken = e;
    opts.log.warn({ err: e, host: config.host, database: config.database }, "PostgreSQL destination connection failed");
  });
  const abort = () => void client.end().catch(() => undefined);
  opts.signal?.addEventListener("abort", abort, { once: true });
  try {
    await client.connect();
    opts.signal?.throwIfAborted();
    await client.query(SESSION_SETTINGS_SQL);
  } catch (e) {
    await client.end().catch(() => undefined);
    throw e;
  } finally {
    opts.signal?.removeEventListener("abort", abort);
  }
  return { client, brokenBy: () => broken };
}

/** A connected, configured client, or an AppError naming why not (host, port, role, password, database, TLS). */
export async function connectDestination(config: TPostgresDestination, opts: TConnectOptions): Promise<TConnection> {
  try {
    if (config.sslMode !== "prefer") return await connectOnce(config, config.sslMode, opts);
    try {
      return await connectOnce(config, "require", opts);
    } catch (e) {
      if (!isTlsUnsupported(e)) throw e;
      return await connectOnce(config, "disable", opts);
    }
  } catch (e) {
    opts.signal?.throwIfAborted();
    throw connectError(e, config, opts.connectTimeoutMs);
  }
}
