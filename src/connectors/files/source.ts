/**
 * The files source: CSV, NDJSON and Parquet files from a local folder, one
 * stream per configured glob, parsed by an in-memory DuckDB (schema
 * inference for all three formats). Streams read in full or incrementally
 * by a per-file ledger: files the destination has not recorded as read
 * (file-ledger.ts). See docs/connectors/files.md.
 */
import { FILES_SPEC, type TFilesConfig, type TFilesSourceConfig, type TFilesStreamConfig, parseFilesConfig } from "@/connectors/files/config";
import { describeFiles } from "@/connectors/files/describe-files";
import { type TDuckSession, duckDbMessage, openDuckSession } from "@/connectors/files/duckdb-session";
import { type TStreamFile, listStreamFiles, noFilesMessage, resolveBasePath } from "@/connectors/files/list-files";
import { readStream } from "@/connectors/files/read-stream";
import { fileListSql } from "@/connectors/files/reader-sql";
import { buildStreamDescriptor } from "@/connectors/files/stream-descriptor";
import type { TSourceConnector } from "@/connectors/source-connector";
import type { TCatalog, TCheckResult, TConnectorContext, TReadOptions, TReadRequest, TRecordBatch, TStreamDescriptor } from "@/connectors/types";
import { AppError, isAppError } from "@/lib/app-error";

export type { TFilesSourceConfig } from "@/connectors/files/config";

/** Batch bounds when the caller sets none. */
export const DEFAULT_MAX_BATCH_ROWS = 50_000;
export const DEFAULT_MAX_BATCH_BYTES = 16 * 1024 * 1024;

/** What a verb throws: the abort reason when aborted, AppErrors as they are, anything else (DuckDB, I/O) as CONNECTOR_ERROR. */
function connectorError(error: unknown, signal: AbortSignal): unknown {
  if (signal.aborted) return signal.reason;
  if (isAppError(error)) return error;
  return new AppError("CONNECTOR_ERROR", `Files source: ${duckDbMessage(error)}`);
}

async function withSession<T>(signal: AbortSignal, work: (db: TDuckSession) => Promise<T>): Promise<T> {
  const db = await openDuckSession(signal);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** The stream's files, or CONNECTOR_ERROR when the pattern matches none. */
async function requireFiles(db: TDuckSession, base: string, stream: TFilesStreamConfig): Promise<TStreamFile[]> {
  const files = await listStreamFiles(db, base, stream);
  if (!files.length) throw new AppError("CONNECTOR_ERROR", noFilesMessage(stream, base), { stream: stream.name });
  return files;
}

async function discoverStream(db: TDuckSession, base: string, stream: TFilesStreamConfig): Promise<TStreamDescriptor> {
  const files = await requireFiles(db, base, stream);
  const columns = await describeFiles(db, stream, files);
  let estimatedRows: number | undefined;
  if (stream.format === "parquet") {
    // Parquet footers count rows; the other formats would need a full scan.
    const [row] = await db.rows(`SELECT sum(num_rows) FROM parquet_file_metadata(${fileListSql(files.map((f) => f.path))})`);
    estimatedRows = row?.[0] === null || row?.[0] === undefined ? undefined : Number(row[0]);
  }
  return buildStreamDescriptor(stream, columns, estimatedRows);
}

function configuredStream(config: TFilesConfig, request: TReadRequest): TFilesStreamConfig {
  const stream = config.streams.find((s) => s.name === request.stream.name);
  if (!stream) {
    throw new AppError("BAD_INPUT", `The files source has no stream "${request.stream.name}" (configured: ${config.streams.map((s) => s.name).join(", ")}).`);
  }
  return stream;
}

async function check(config: TFilesSourceConfig, ctx: TConnectorContext): Promise<TCheckResult> {
  try {
    const parsed = parseFilesConfig(config);
    const base = await resolveBasePath(parsed.basePath);
    const problems = await withSession(ctx.signal, async (db) => {
      const found: string[] = [];
      for (const stream of parsed.streams) {
        try {
          await discoverStream(db, base, stream);
        } catch (e) {
          ctx.signal.throwIfAborted();
          found.push(isAppError(e) ? e.message : `Stream "${stream.name}": ${duckDbMessage(e)}`);
        }
      }
      return found;
    });
    return problems.length ? { ok: false, message: problems.join(" ") } : { ok: true };
  } catch (e) {
    ctx.signal.throwIfAborted();
    if (isAppError(e)) return { ok: false, message: e.message };
    ctx.log.warn({ err: e }, "files source: check failed unexpectedly");
    return { ok: false, message: `Files source: ${duckDbMessage(e)}` };
  }
}

async function discover(config: TFilesSourceConfig, ctx: TConnectorContext): Promise<TCatalog> {
  try {
    const parsed = parseFilesConfig(config);
    const base = await resolveBasePath(parsed.basePath);
    return await withSession(ctx.signal, async (db) => {
      const streams: TStreamDescriptor[] = [];
      for (const stream of parsed.streams) streams.push(await discoverStream(db, base, stream));
      return { streams };
    });
  } catch (e) {
    throw connectorError(e, ctx.signal);
  }
}

async function* read(config: TFilesSourceConfig, requests: TReadRequest[], opts: TReadOptions): AsyncGenerator<TRecordBatch> {
  let db: TDuckSession | undefined;
  try {
    const parsed = parseFilesConfig(config);
    const streams = requests.map((request) => ({ request, stream: configuredStream(parsed, request) }));
    const base = await resolveBasePath(parsed.basePath);
    const limits = { maxRows: opts.maxBatchRows ?? DEFAULT_MAX_BATCH_ROWS, maxBytes: opts.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES };
    db = await openDuckSession(opts.signal);
    for (const { request, stream } of streams) {
      yield* readStream({ db, base, stream, request, limits, log: opts.log, notice: (message) => opts.notice?.(message) });
    }
  } catch (e) {
    throw connectorError(e, opts.signal);
  } finally {
    await db?.close();
  }
}

export const connector: TSourceConnector<TFilesSourceConfig> = {
  kind: "source",
  name: "files",
  title: "Files (CSV, NDJSON, Parquet)",
  spec: FILES_SPEC,
  check,
  discover,
  read,
};
