/**
 * read: each request becomes one `COPY (SELECT <wire expressions> …) TO
 * STDOUT WITH (FORMAT csv)` whose output is already Weir's wire format; the
 * byte stream is cut into batches of whole lines (csv-batches.ts). Nothing is
 * parsed into JavaScript values. Incremental reads include the saved cursor
 * value (>=): the destination drops the rows at it that it already holds.
 *
 * Backpressure: the COPY stream is read only while the caller pulls batches;
 * when it stops, pg-copy-streams stops reading the socket and the server
 * waits in ClientWrite. Abort: the signal destroys the socket at once (the
 * server ends the backend), whether or not the caller is pulling (connect.ts).
 */
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";

import { type TPgColumn, type TPgRelation, isIncrementalRelation, listColumns, listRelations } from "@/connectors/postgres/catalog";
import { closeClient, destroyClient, openClient } from "@/connectors/postgres/connect";
import { batchCsvLines } from "@/connectors/postgres/csv-batches";
import { toConnectorError } from "@/connectors/postgres/errors";
import { type TPostgresConfig, type TPostgresSourceConfig, parsePostgresConfig } from "@/connectors/postgres/spec";
import { isCursorType, mapPostgresType } from "@/connectors/postgres/type-mapping";
import { type TCursorFilter, copySql } from "@/connectors/postgres/wire-sql";
import { sameWeirType, weirTypeName } from "@/connectors/type-widening";
import type { TReadOptions, TReadRequest, TRecordBatch, TStreamDescriptor } from "@/connectors/types";
import { AppError } from "@/lib/app-error";

/** Batch bounds when the caller sets none. */
export const DEFAULT_MAX_BATCH_ROWS = 50_000;
export const DEFAULT_MAX_BATCH_BYTES = 16 * 1024 * 1024;
/** A read's connection may take longer to set up than check's. */
export const READ_CONNECT_TIMEOUT_MS = 30_000;

type TResolved = { relation: TPgRelation; columns: TPgColumn[]; cursor?: TCursorFilter };

/**
 * The wire text follows the live types; a column whose Weir type is no longer
 * the one discover gave (ALTER COLUMN … TYPE since) would hand the
 * destination values of another type than the plan's.
 */
function assertSameTypes(stream: TStreamDescriptor, columns: readonly TPgColumn[]): void {
  const discovered = new Map(stream.columns.map((c) => [c.name, c.type]));
  for (const column of columns) {
    const before = discovered.get(column.name);
    const now = mapPostgresType(column.type);
    if (before && !sameWeirType(before, now)) {
      throw new AppError(
        "CONNECTOR_ERROR",
        `PostgreSQL source: column "${column.name}" of stream "${stream.name}" changed type since discover (${weirTypeName(before)}, now ${weirTypeName(now)} from ${column.sourceType}); discover the source again.`,
      );
    }
  }
}

/** The request's relation and columns as they are now, and its cursor filter; BAD_INPUT / CONNECTOR_ERROR naming what does not fit. */
async function resolveRequest(client: pg.Client, config: TPostgresConfig, request: TReadRequest): Promise<TResolved> {
  const stream = request.stream;
  const { readable, unreadable } = await listRelations(client, config.schemas, { qualifiedName: stream.name, schema: stream.namespace });
  if (readable.length > 1) {
    throw new AppError("BAD_INPUT", `Stream "${stream.name}" names ${readable.length} relations; give its namespace (schema) to tell them apart.`);
  }
  const relation = readable[0];
  if (!relation) {
    const why = unreadable.length
      ? `user "${config.user}" may not read it (permission denied)`
      : `no such table or view in schemas ${config.schemas.join(", ")}`;
    throw new AppError("CONNECTOR_ERROR", `PostgreSQL source: cannot read stream "${stream.name}": ${why}.`);
  }
  const live = (await listColumns(client, [relation.oid])).get(relation.oid) ?? [];
  const byName = new Map(live.map((c) => [c.name, c]));
  const wanted = request.columns ?? stream.columns.map((c) => c.name);
  if (wanted.length === 0) throw new AppError("BAD_INPUT", `Read of stream "${stream.name}" selects no columns.`);
  const missing = wanted.filter((name) => !byName.has(name));
  if (missing.length) {
    throw new AppError(
      "CONNECTOR_ERROR",
      `PostgreSQL source: stream "${stream.name}" no longer has (or may not read) column(s) ${missing.map((m) => `"${m}"`).join(", ")}; discover the source again.`,
    );
  }
  const columns = wanted.map((name) => byName.get(name)!);
  assertSameTypes(stream, columns);
  if (!request.incremental) return { relation, columns };

  const { cursorField, state } = request.incremental;
  if (!isIncrementalRelation(relation.kind)) {
    throw new AppError("BAD_INPUT", `Stream "${stream.name}" is a ${relation.kind.replace("_", " ")}: it can only be read in full (no incremental sync).`);
  }
  const cursorColumn = byName.get(cursorField);
  if (!cursorColumn) throw new AppError("BAD_INPUT", `Stream "${stream.name}" has no column "${cursorField}" to use as cursor.`);
  const weir = mapPostgresType(cursorColumn.type);
  if (!isCursorType(weir)) {
    throw new AppError(
      "BAD_INPUT",
      `Column "${cursorField}" of "${stream.name}" (${cursorColumn.sourceType}) cannot be a cursor: use an integer, numeric, date or timestamp column.`,
    );
  }
  return { relation, columns, cursor: { column: cursorField, castType: cursorColumn.castType, from: state?.cursor ?? null } };
}

async function* readRequest(client: pg.Client, config: TPostgresConfig, request: TReadRequest, opts: TReadOptions): AsyncGenerator<TRecordBatch> {
  const { relation, columns, cursor } = await resolveRequest(client, config, request);
  const names = columns.map((c) => c.name);
  const sql = copySql(relation, columns, cursor);
  const limits = { maxRows: opts.maxBatchRows ?? DEFAULT_MAX_BATCH_ROWS, maxBytes: opts.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES };
  // COPY reads one snapshot, taken when it starts: that is when every record of this stream was extracted.
  const extractedAt = new Date();
  const copy = client.query(copyTo(sql));
  // The driver may report a failure after the iterator below has let go of the stream.
  copy.on("error", () => undefined);
  opts.log.debug({ stream: request.stream.name, incremental: Boolean(cursor), from: cursor?.from ?? null }, "postgres source: COPY started");
  let rows = 0;
  for await (const batch of batchCsvLines(copy, limits)) {
    // Batches cut from bytes that arrived before an abort are not handed out after it.
    opts.signal.throwIfAborted();
    rows += batch.rows;
    yield { stream: request.stream.name, columns: names, csv: batch.csv, rows: batch.rows, extractedAt };
  }
  opts.log.debug({ stream: request.stream.name, rows }, "postgres source: COPY finished");
}

/** Streams every request's records in order, on one connection. */
export async function* readStreams(rawConfig: TPostgresSourceConfig, requests: TReadRequest[], opts: TReadOptions): AsyncGenerator<TRecordBatch> {
  const config = parsePostgresConfig(rawConfig);
  const target = { host: config.host, port: config.port, database: config.database, user: config.user, password: config.password };
  const { signal } = opts;
  let client: pg.Client | undefined;
  let streaming = false;
  let current = "connecting";
  try {
    client = await openClient(config, { log: opts.log, connectTimeoutMs: READ_CONNECT_TIMEOUT_MS, statementTimeoutMs: 0, signal });
    for (const request of requests) {
      current = `reading stream "${request.stream.name}"`;
      streaming = true;
      yield* readRequest(client, config, request, opts);
      streaming = false;
    }
  } catch (e) {
    signal.throwIfAborted();
    throw toConnectorError(e, target, current, { connectTimeoutMs: READ_CONNECT_TIMEOUT_MS, connected: client !== undefined });
  } finally {
    if (client) {
      // A COPY still streaming (the caller stopped early) cannot end politely: drop the socket.
      if (streaming || signal.aborted) destroyClient(client);
      else await closeClient(client);
    }
  }
}
