/**
 * `npm run bench:sync [rows]`: sync throughput and worker memory against a
 * raw reference measured in the same run. A throwaway embedded PostgreSQL
 * gets a table of N rows (argument or BENCH_ROWS, default 5,000,000); Weir
 * syncs it (full refresh, overwrite) into DuckDB and into a second
 * PostgreSQL database, each in a fresh worker process whose peak RSS is
 * read from /proc; the raw references (raw-references.ts) move the same
 * table with the same parts and no Weir, and the peers (peer-references.ts:
 * dlt with ConnectorX, Sling) move it with their own tools, so the table
 * shows Weir against both. Prints one table; see docs/performance.md for
 * recorded figures.
 *
 * Options (environment): BENCH_ONLY=duckdb|postgres runs one destination;
 * BENCH_PEERS=0 skips the peers (default: all; or a list, "dlt", "sling";
 * the first run installs them into ~/.cache/weir, ≈ 90 s);
 * BENCH_DUCKDB_MEMORY_LIMIT / BENCH_DUCKDB_THREADS set the DuckDB
 * destination's memoryLimit / threads; WEIR_SYNC_BATCH_ROWS sets the batch
 * size as in the worker. MB/s counts the table's size as PostgreSQL CSV.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { DuckDBInstance } from "@duckdb/node-api";

import { BENCH_STREAM, createBenchTable } from "@/bench/bench-table";
import { phasesLine, resultsTable, type TResultLine } from "@/bench/bench-report";
import { installPeers, selectedPeers, type TPeer, type TPeerTarget, type TPeerTools } from "@/bench/peer-references";
import { referenceDuckDbFile, referenceDuckDbPipe, referencePostgres } from "@/bench/raw-references";
import { runSyncWorker, type TWorkerRun } from "@/bench/run-sync-worker";
import type { TSyncWorkerInput } from "@/bench/sync-worker";
import { ensureDatabase } from "@/db/embedded-postgres";
import { queryOnce, startTestServer } from "@/db/test-database";

const DEFAULT_ROWS = 5_000_000;
const WEIR_NAMESPACE = "weir";
const MIB = 2 ** 20;

const say = (line: string) => process.stdout.write(`${line}\n`);

function rowsToSync(): number {
  const raw = process.argv[2] ?? process.env.BENCH_ROWS ?? String(DEFAULT_ROWS);
  const rows = Number(raw.replace(/[_,]/g, ""));
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`Row count must be a positive integer, not "${raw}".`);
  return rows;
}

/** Connector configuration of a database on the embedded server. */
function connectionOf(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port),
    database: decodeURIComponent(u.pathname.slice(1)),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    sslMode: "disable" as const,
  };
}

function assertRows(what: string, actual: number, expected: number): void {
  if (actual !== expected) throw new Error(`${what}: ${actual.toLocaleString("en-US")} rows, expected ${expected.toLocaleString("en-US")}.`);
}

async function duckDbCount(file: string, table: string): Promise<number> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    return Number((await connection.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRowsJson()[0]?.[0]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function checkpoint(serverUrl: string): Promise<void> {
  await queryOnce(serverUrl, "CHECKPOINT");
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A failure in one line: its first and last lines. */
function briefly(e: unknown): string {
  const lines = messageOf(e)
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.length > 1 ? `${lines[0]} … ${lines.at(-1)}` : (lines[0] ?? "");
}

/** The peers' tools, installed before anything is timed; undefined (and why, printed) when there are none to run. */
function preparePeers(peers: readonly TPeer[]): TPeerTools | undefined {
  if (peers.length === 0) return undefined;
  const started = performance.now();
  try {
    const tools = installPeers();
    say(`peers: ${peers.map((p) => p.name).join(", ")} ready in ${((performance.now() - started) / 1000).toFixed(1)} s (${tools.venvDir})`);
    return tools;
  } catch (e) {
    say(`peers: not measured, their install failed: ${messageOf(e).split("\n").slice(-12).join("\n")}`);
    return undefined;
  }
}

async function main(): Promise<void> {
  const rows = rowsToSync();
  const only = process.env.BENCH_ONLY;
  const weirLabel = (destination: string) => `Weir → ${destination}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), "weir-bench-sync-"));
  const server = await startTestServer();
  try {
    say(`bench:sync: ${rows.toLocaleString("en-US")} rows, ${os.cpus().length} cores, Node ${process.version}`);
    const sourceUrl = await ensureDatabase(server.url, "bench_source");
    const targetUrl = await ensureDatabase(server.url, "bench_target");
    const started = performance.now();
    await createBenchTable(sourceUrl, rows);
    say(`source table created in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const peers = selectedPeers();
    const tools = preparePeers(peers);
    const worker = (destination: TSyncWorkerInput["destination"]): Promise<TWorkerRun> =>
      runSyncWorker({
        source: connectionOf(sourceUrl),
        stream: BENCH_STREAM,
        namespace: WEIR_NAMESPACE,
        destination,
        maxBatchRows: Number(process.env.WEIR_SYNC_BATCH_ROWS) || undefined,
      });
    const lines: TResultLine[] = [];
    const details: string[] = [];
    let csvBytes = 0;

    /** Each peer into `kind` after Weir's run into it (a fresh DuckDB file each): its result line, or why not (printed and in the details). */
    const measurePeers = async (kind: TPeerTarget["kind"], weirRowsPerSecond: number): Promise<void> => {
      if (!tools) return;
      for (const peer of peers) {
        const label = peer.label(kind);
        const target: TPeerTarget = kind === "duckdb" ? { kind, file: path.join(dir, `peer-${peer.name}.duckdb`) } : { kind, url: targetUrl };
        try {
          await checkpoint(server.url);
          const run = await peer.run(tools, sourceUrl, target, dir);
          const count =
            target.kind === "duckdb"
              ? await duckDbCount(target.file, run.table)
              : Number((await queryOnce<{ n: string }>(target.url, `SELECT count(*) AS n FROM ${run.table}`))[0]?.n);
          assertRows(label, count, rows);
          lines.push({ path: label, rows, seconds: run.seconds, bytes: csvBytes, weirRowsPerSecond });
          details.push(`${label}: ${peer.invocation(kind)}`);
        } catch (e) {
          say(`${label}: not measured: ${messageOf(e)}`);
          details.push(`${label}: not measured: ${briefly(e)}`);
        }
      }
    };

    if (only !== "postgres") {
      await checkpoint(server.url);
      const file = await referenceDuckDbFile(sourceUrl, dir);
      csvBytes = file.csvBytes;
      assertRows("reference DuckDB (file)", file.rows, rows);
      await checkpoint(server.url);
      const pipe = await referenceDuckDbPipe(sourceUrl, dir);
      assertRows("reference DuckDB (pipe)", pipe.rows, rows);
      const reference = file.seconds <= pipe.seconds ? file : pipe;

      await checkpoint(server.url);
      const duckdbFile = path.join(dir, "sync-target.duckdb");
      const memoryLimit = process.env.BENCH_DUCKDB_MEMORY_LIMIT;
      const threads = Number(process.env.BENCH_DUCKDB_THREADS) || undefined;
      const weir = await worker({ kind: "duckdb", config: { path: duckdbFile, ...(memoryLimit ? { memoryLimit } : {}), ...(threads ? { threads } : {}) } });
      assertRows("Weir → DuckDB (committed)", weir.committedRows, rows);
      assertRows("Weir → DuckDB (table)", await duckDbCount(duckdbFile, `${WEIR_NAMESPACE}.bench_rows`), rows);

      lines.push(
        { path: "raw: COPY → CSV file → DuckDB read_csv", rows, seconds: file.seconds, bytes: csvBytes },
        { path: "raw: COPY → pipe → DuckDB read_csv", rows, seconds: pipe.seconds, bytes: csvBytes },
        {
          path: weirLabel("DuckDB"),
          rows,
          seconds: weir.seconds,
          bytes: csvBytes,
          peakRssBytes: weir.peakRssBytes,
          referenceRowsPerSecond: rows / reference.seconds,
        },
      );
      details.push(phasesLine(weirLabel("DuckDB"), weir));
      await measurePeers("duckdb", rows / weir.seconds);
    }

    if (only !== "duckdb") {
      const reference = await referencePostgres(sourceUrl, targetUrl);
      assertRows("reference PostgreSQL", reference.rows, rows);
      await checkpoint(server.url);
      const weir = await worker({ kind: "postgres", config: connectionOf(targetUrl) });
      assertRows("Weir → PostgreSQL (committed)", weir.committedRows, rows);
      const [count] = await queryOnce<{ n: string }>(targetUrl, `SELECT count(*) AS n FROM ${WEIR_NAMESPACE}.bench_rows`);
      assertRows("Weir → PostgreSQL (table)", Number(count?.n), rows);
      csvBytes ||= reference.csvBytes;
      lines.push(
        { path: "raw: COPY TO STDOUT | COPY FROM STDIN", rows, seconds: reference.seconds, bytes: csvBytes },
        {
          path: weirLabel("PostgreSQL"),
          rows,
          seconds: weir.seconds,
          bytes: csvBytes,
          peakRssBytes: weir.peakRssBytes,
          referenceRowsPerSecond: rows / reference.seconds,
        },
      );
      details.push(phasesLine(weirLabel("PostgreSQL"), weir));
      await measurePeers("postgres", rows / weir.seconds);
    }

    say("");
    say(resultsTable(lines));
    say("");
    for (const line of details) say(line);
    say(
      `MB = the table as PostgreSQL CSV: ${(csvBytes / MIB).toFixed(0)} MB. Ratio: Weir's rows/s ÷ the faster raw reference's${tools ? " (on a peer's line: ÷ the peer's)" : ""}; above 1, Weir is the faster. Row counts verified in every target.`,
    );
  } finally {
    await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench:sync failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
