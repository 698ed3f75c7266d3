/**
 * Reads one stream's files as wire-format batches. DuckDB writes the wire
 * CSV itself: per group of files, `COPY (SELECT <wire text per column> FROM
 * read_…(files)) TO '<temp file>'`, and the temp file is cut into batches of
 * complete records, in file order (oldest first) and row order. That is
 * several times faster than fetching DuckDB chunks into JavaScript and
 * encoding them (docs/connectors/files.md has the figures). Memory stays
 * bounded by two batches (the last of a group is held back to carry the
 * group's files as read objects) plus DuckDB's limit; disk by the CSV of
 * one group.
 *
 * Every read reports the files it read in full as ledger objects
 * (TRecordBatch.objects, keys from file-ledger.ts) on the last batch of
 * their group, or on an empty batch when the group had no rows; an
 * incremental read skips the files the ledger already lists.
 */
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";

import type { TFilesStreamConfig } from "@/connectors/files/config";
import { describeFiles, unreadableError } from "@/connectors/files/describe-files";
import { type TDuckColumn, type TDuckSession, duckDbMessage } from "@/connectors/files/duckdb-session";
import { duckTypeSql, sameWeirType, weirTypeOf } from "@/connectors/files/duckdb-types";
import { fileObjectKey, selectFiles } from "@/connectors/files/file-ledger";
import { type TBatchLimits, batchCsvRecords } from "@/connectors/files/line-batches";
import { type TStreamFile, listStreamFiles, noFilesMessage } from "@/connectors/files/list-files";
import { FILE_COLUMN, MTIME_COLUMN, parseMtimeCursor } from "@/connectors/files/mtime-cursor";
import { PATH_COLUMN, readerSql } from "@/connectors/files/reader-sql";
import { sqlIdent, sqlString, wireTextSql } from "@/connectors/files/wire-sql";
import type { TColumn, TReadRequest, TRecordBatch } from "@/connectors/types";
import { AppError } from "@/lib/app-error";
import type { Logger } from "@/lib/logger";

/** Input bytes per COPY: bounds the temp file and the wait before a group's first batch. */
export const GROUP_BYTES = 128 * 1024 * 1024;
const READ_CHUNK_BYTES = 1024 * 1024;

export type TReadStreamInput = {
  db: TDuckSession;
  base: string;
  stream: TFilesStreamConfig;
  request: TReadRequest;
  limits: TBatchLimits;
  log: Logger;
  /** A line for the run's log (TConnectorContext.notice). */
  notice?: (message: string) => void;
};

export async function* readStream(input: TReadStreamInput): AsyncGenerator<TRecordBatch> {
  const { db, stream, request } = input;
  const columns = wireColumns(request);
  const names = columns.map((c) => c.name);
  const cursor = incrementalCursor(request);
  const all = await listStreamFiles(db, input.base, stream);
  if (all.length === 0 && cursor === undefined) throw new AppError("CONNECTOR_ERROR", noFilesMessage(stream, input.base), { stream: stream.name });
  const {
    read: files,
    adopted,
    skipped,
  } = cursor === undefined ? { read: all, adopted: [], skipped: 0 } : selectFiles(all, request.incremental?.seenObjects, cursor);
  input.log.debug({ stream: stream.name, files: files.length, skipped, adopted: adopted.length }, "files source: reading stream");
  if (cursor !== undefined) input.notice?.(selectionNotice(stream.name, files.length, skipped, adopted.length));
  const empty = (objects: string[]): TRecordBatch => ({ stream: stream.name, columns: names, csv: Buffer.alloc(0), rows: 0, extractedAt: new Date(), objects });
  if (adopted.length) yield empty(adopted);

  const groups = groupFiles(files, GROUP_BYTES);
  for (const [index, group] of groups.entries()) {
    const target = path.join(db.tempDir, `${stream.name}-${index}.csv`);
    try {
      const extractedAt = new Date();
      await copyGroupAsWire(db, stream, group, columns, target);
      const chunks = createReadStream(target, { highWaterMark: READ_CHUNK_BYTES });
      // The group's last batch is held back until the next one shows it was not the last: it carries the group's files.
      let held: TRecordBatch | undefined;
      for await (const batch of batchCsvRecords(chunks, input.limits)) {
        db.signal.throwIfAborted();
        if (held) yield held;
        held = { stream: stream.name, columns: names, csv: batch.csv, rows: batch.rows, extractedAt };
      }
      const objects = group.map(fileObjectKey);
      yield held ? { ...held, objects } : empty(objects);
    } finally {
      await rm(target, { force: true });
    }
  }
}

/** The run-log line of an incremental read: how many files it reads and why it leaves the others. */
function selectionNotice(stream: string, reading: number, skipped: number, adopted: number): string {
  const files = (n: number) => `${n} file${n === 1 ? "" : "s"}`;
  if (adopted) {
    return `Files source, stream "${stream}": the ledger lists no file yet, so the ${files(adopted)} modified up to the saved cursor count as read (they were read by modification time before); reading ${files(reading)}.`;
  }
  return `Files source, stream "${stream}": reading ${files(reading)} new or changed; ${files(skipped)} already read.`;
}

/** The requested columns in wire order (all of the stream's by default). */
function wireColumns(request: TReadRequest): TColumn[] {
  const { stream } = request;
  if (!request.columns) return stream.columns;
  if (!request.columns.length) throw new AppError("BAD_INPUT", `Stream "${stream.name}": no columns requested.`);
  return request.columns.map((name) => {
    const column = stream.columns.find((c) => c.name === name);
    if (!column) throw new AppError("BAD_INPUT", `Stream "${stream.name}" has no column "${name}"; discover the source again.`);
    return column;
  });
}

/** undefined: a full read; else incremental, with the saved cursor (µs since epoch) or null without state. */
function incrementalCursor(request: TReadRequest): bigint | null | undefined {
  const incremental = request.incremental;
  if (!incremental) return undefined;
  if (incremental.cursorField !== MTIME_COLUMN) {
    throw new AppError(
      "BAD_INPUT",
      `Stream "${request.stream.name}": the files source reads incrementally by "${MTIME_COLUMN}" only, not by "${incremental.cursorField}".`,
    );
  }
  const cursor = incremental.state?.cursor;
  return cursor ? parseMtimeCursor(cursor) : null;
}

/** Consecutive files whose sizes add up to about `budget` (a bigger file is a group of its own). */
export function groupFiles<T extends { size: number }>(files: readonly T[], budget: number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length && bytes + file.size > budget) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length) groups.push(current);
  return groups;
}

async function copyGroupAsWire(db: TDuckSession, stream: TFilesStreamConfig, group: TStreamFile[], columns: TColumn[], target: string): Promise<void> {
  const { found, types } = await groupColumns(db, stream, group, columns);
  const fileIndex = fileIndexSql(group, found);
  const select = columns.map((column) => `${selectSql(column, found, group, fileIndex)} AS ${sqlIdent(column.name)}`).join(", ");
  const from = `${readerSql(
    stream,
    group.map((f) => f.path),
    types,
  )} AS r`;
  try {
    await db.run(`COPY (SELECT ${select} FROM ${from}) TO ${sqlString(target)} (FORMAT csv, HEADER false)`);
  } catch (e) {
    db.signal.throwIfAborted();
    // DuckDB's message names the file (CSV: "file = …", JSON: "in file …"); say it relative to basePath.
    const text = e instanceof Error ? e.message : String(e);
    const culprit = group.length === 1 ? group[0] : [...group].sort((a, b) => b.path.length - a.path.length).find((f) => text.includes(f.path));
    if (culprit) throw unreadableError(stream, culprit, e);
    throw new AppError("CONNECTOR_ERROR", `Stream "${stream.name}": reading ${group.length} files failed: ${duckDbMessage(e)}`, { stream: stream.name });
  }
}

/**
 * The columns the group's files have, as the reader will produce them: CSV
 * and NDJSON columns parsed as the stream's discovered types (so a file
 * alone never re-infers a zip code as a number), Parquet as stored.
 */
async function groupColumns(
  db: TDuckSession,
  stream: TFilesStreamConfig,
  group: TStreamFile[],
  columns: TColumn[],
): Promise<{ found: Map<string, TDuckColumn>; types?: Map<string, string> }> {
  const sniffed = stream.format === "ndjson" ? [] : await describeFiles(db, stream, group);
  const types = parseTypes(stream, columns, new Map(sniffed.map((c) => [c.name, c])));
  const read = types ? await describeFiles(db, stream, group, types) : sniffed;
  return { found: new Map(read.map((c) => [c.name, c])), types };
}

/** column → DuckDB type for the reader's `types`/`columns` option; none for Parquet. */
function parseTypes(stream: TFilesStreamConfig, columns: TColumn[], present: ReadonlyMap<string, unknown>): Map<string, string> | undefined {
  if (stream.format === "parquet") return undefined;
  const data = columns.filter((c) => c.name !== FILE_COLUMN && c.name !== MTIME_COLUMN);
  // NDJSON records may lack any key; CSV types may only name columns the files have.
  const named = stream.format === "ndjson" ? data : data.filter((c) => present.has(c.name));
  return named.length ? new Map(named.map((c) => [c.name, duckTypeSql(c.type)])) : undefined;
}

/**
 * The 1-based position of a row's file in `group`. DuckDB's `file_index`
 * keeps rows in file order (a join with a table of files would not); a data
 * column of that name hides it, and then the path is looked up instead.
 */
function fileIndexSql(group: TStreamFile[], found: ReadonlyMap<string, TDuckColumn>): string {
  if (!found.has("file_index")) return "CAST(r.file_index AS BIGINT) + 1";
  return `list_position(${textListSql(group.map((f) => f.path))}, r.${sqlIdent(PATH_COLUMN)})`;
}

const textListSql = (values: readonly string[]) => `([${values.map(sqlString).join(", ")}]::VARCHAR[])`;

/** The wire text of one column: file columns from per-file lists, data columns cast to the discovered type when they differ. */
function selectSql(column: TColumn, found: ReadonlyMap<string, TDuckColumn>, group: TStreamFile[], fileIndex: string): string {
  if (column.name === FILE_COLUMN) return `${textListSql(group.map((f) => f.rel))}[${fileIndex}]`;
  if (column.name === MTIME_COLUMN) return `${textListSql(group.map((f) => f.mtime))}[${fileIndex}]`;
  const actual = found.get(column.name);
  if (!actual) return "NULL";
  const ref = `r.${sqlIdent(column.name)}`;
  const value = sameWeirType(weirTypeOf(actual.type), column.type) ? ref : `CAST(${ref} AS ${duckTypeSql(column.type)})`;
  return wireTextSql(value, column.type);
}
