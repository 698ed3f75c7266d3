/**
 * Opens the destination's database file: its folder is created, the path is
 * normalised (real path) and the instance comes from DuckDB's per-process
 * instance cache. DuckDB lets one process open a file for writing, and two
 * independent instances on one file inside one process would corrupt it, so
 * concurrent sessions of this process (two runs loading into the same
 * warehouse) share the instance, each with its own connection. The file
 * lock is released when the last session closes.
 *
 * Opening is bounded: it fails after OPEN_TIMEOUT_MS, and ends at once with
 * the abort reason when the caller's signal aborts (a cancelled run), even
 * while a file-system call or DuckDB's open is still under way
 * (within-deadline.ts); a connection that arrives after that is closed.
 */
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";

import { resolveDatabaseFile } from "@/connectors/duckdb/database-folder";
import { openError } from "@/connectors/duckdb/duckdb-errors";
import { sqlString } from "@/connectors/duckdb/sql-text";
import { withinDeadline } from "@/connectors/duckdb/within-deadline";
import { AppError } from "@/lib/app-error";

export type TDuckDbHandle = {
  /** The database file, absolute and with symlinks resolved. */
  file: string;
  /** Runs statements; resolves to the number of rows they changed. */
  run(sql: string): Promise<number>;
  /** Rows of a small query, values as JSON (numbers, strings, booleans, null). */
  rows(sql: string): Promise<unknown[][]>;
  /** The same, as objects keyed by column name. */
  records(sql: string): Promise<Record<string, unknown>[]>;
  /** Runs `work` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Runs `work` as the only load of this process into the file, with
   * DuckDB's instance-wide `preserve_insertion_order` set as asked (and set
   * back to its default, true, afterwards). Sessions of one process share
   * the instance (see above), so a load that needs rows kept in arrival
   * order must not run while another has turned it off.
   */
  load<T>(options: { preserveInsertionOrder: boolean }, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

/** Opening a database file normally takes milliseconds (DuckDB replays at most a small WAL); this long means its file system does not answer. */
export const OPEN_TIMEOUT_MS = 30_000;

export type TOpenOptions = { threads?: number; memoryLimit?: string; signal?: AbortSignal; /** Default OPEN_TIMEOUT_MS. */ timeoutMs?: number };

type TOpened = { real: string; instance: DuckDBInstance; connection: DuckDBConnection };

/** The folder, the instance from the cache, a connection set up for Weir: the steps a deadline bounds. */
async function connect(file: string, options: TOpenOptions): Promise<TOpened> {
  let real = file;
  let instance: DuckDBInstance | undefined;
  let connection: DuckDBConnection | undefined;
  try {
    real = await resolveDatabaseFile(file);
    instance = await DuckDBInstance.fromCache(real);
    connection = await instance.connect();
    // Wire timestamps are UTC; TIMESTAMPTZ text is then written with +00.
    await connection.run("SET TimeZone = 'UTC'");
    if (options.threads) await connection.run(`SET threads = ${Math.trunc(options.threads)}`);
    if (options.memoryLimit) await connection.run(`SET memory_limit = ${sqlString(options.memoryLimit)}`);
    return { real, instance, connection };
  } catch (e) {
    connection?.closeSync();
    instance?.closeSync();
    throw openError(e, real);
  }
}

/**
 * A hang is not retried: each try would leave one more of the process's
 * threads waiting on the file system.
 */
function openTimedOut(file: string, ms: number): AppError {
  return new AppError(
    "BAD_INPUT",
    `DuckDB destination: opening ${file} did not finish within ${ms / 1000} s: its folder's file system does not answer (a network mount that hangs, or a file system the kernel provides such as /proc). Choose a path on a local, writable disk.`,
  );
}

/** The end of the queue of loads per database file in this process. */
const loadQueues = new Map<string, Promise<void>>();

/** Runs `work` after every load queued before it on `file` has finished. */
async function queuedLoad<T>(file: string, work: () => Promise<T>): Promise<T> {
  const previous = loadQueues.get(file) ?? Promise.resolve();
  let release = () => {};
  const tail = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
  loadQueues.set(file, tail);
  try {
    await previous;
    return await work();
  } finally {
    release();
    if (loadQueues.get(file) === tail) loadQueues.delete(file);
  }
}

export async function openDatabase(file: string, options: TOpenOptions = {}): Promise<TDuckDbHandle> {
  const { signal } = options;
  signal?.throwIfAborted();
  const ms = options.timeoutMs ?? OPEN_TIMEOUT_MS;
  const {
    real,
    instance: db,
    connection: conn,
  } = await withinDeadline(connect(file, options), {
    ms,
    signal,
    timedOut: () => openTimedOut(file, ms),
    late: (opened) => {
      opened.connection.closeSync();
      opened.instance.closeSync();
    },
  });
  const interrupt = () => conn.interrupt();
  signal?.addEventListener("abort", interrupt, { once: true });

  /** An interrupted statement rejects with DuckDB's "Interrupted"; callers want the abort reason. */
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    signal?.throwIfAborted();
    try {
      return await work();
    } catch (e) {
      signal?.throwIfAborted();
      throw e;
    }
  };
  const run = (sql: string) => guard(async () => (await conn.run(sql)).rowsChanged);

  return {
    file: real,
    run,
    rows: (sql) => guard(async () => (await conn.runAndReadAll(sql)).getRowsJson() as unknown[][]),
    records: (sql) => guard(async () => (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[]),
    async transaction(work) {
      await run("BEGIN TRANSACTION");
      try {
        const result = await work();
        await run("COMMIT");
        return result;
      } catch (e) {
        // After an interrupt or a failed statement DuckDB may already have aborted the transaction.
        await conn.run("ROLLBACK").catch(() => undefined);
        throw e;
      }
    },
    load(options, work) {
      return queuedLoad(real, async () => {
        await run(`SET preserve_insertion_order = ${options.preserveInsertionOrder}`);
        try {
          return await work();
        } finally {
          if (!options.preserveInsertionOrder) await conn.run("SET preserve_insertion_order = true").catch(() => undefined);
        }
      });
    },
    async close() {
      signal?.removeEventListener("abort", interrupt);
      // Folds the WAL into the file now rather than at the next open; fails harmlessly while another session of this process is mid-transaction.
      await conn.run("CHECKPOINT").catch(() => undefined);
      conn.closeSync();
      db.closeSync();
    },
  };
}
