/**
 * The columns DuckDB reads from a set of a stream's files (it sniffs CSV and
 * NDJSON samples and reads Parquet footers, without reading the data). When
 * the set fails, the files are tried one by one so the error names the file
 * that cannot be parsed, with DuckDB's own words.
 */
import type { TFilesStreamConfig } from "@/connectors/files/config";
import { type TDuckColumn, type TDuckSession, duckDbMessage } from "@/connectors/files/duckdb-session";
import type { TStreamFile } from "@/connectors/files/list-files";
import { PATH_COLUMN, readerSql } from "@/connectors/files/reader-sql";
import { AppError } from "@/lib/app-error";

/** Trying files one by one is for naming the culprit, not a second full scan: stop after this many. */
const MAX_FILES_PROBED = 200;

/** Columns of the stream's files (without the reader's path column), or CONNECTOR_ERROR naming the bad file. */
export async function describeFiles(
  db: TDuckSession,
  stream: TFilesStreamConfig,
  files: readonly TStreamFile[],
  types?: ReadonlyMap<string, string>,
): Promise<TDuckColumn[]> {
  try {
    const columns = await db.columns(
      `SELECT * FROM ${readerSql(
        stream,
        files.map((f) => f.path),
        types,
      )}`,
    );
    return columns.filter((c) => c.name !== PATH_COLUMN);
  } catch (e) {
    db.signal.throwIfAborted();
    throw await unreadableFileError(db, stream, files, e, types);
  }
}

/** The first file that fails on its own, or the set's error when each file reads alone. */
async function unreadableFileError(
  db: TDuckSession,
  stream: TFilesStreamConfig,
  files: readonly TStreamFile[],
  setError: unknown,
  types?: ReadonlyMap<string, string>,
): Promise<AppError> {
  if (files.length > 1) {
    for (const file of files.slice(0, MAX_FILES_PROBED)) {
      try {
        await db.columns(`SELECT * FROM ${readerSql(stream, [file.path], types)}`);
      } catch (e) {
        db.signal.throwIfAborted();
        return unreadableError(stream, file, e);
      }
    }
  }
  const only = files.length === 1 ? files[0] : undefined;
  if (only) return unreadableError(stream, only, setError);
  return new AppError(
    "CONNECTOR_ERROR",
    `Stream "${stream.name}": its ${files.length} files cannot be read together as ${stream.format}: ${duckDbMessage(setError)}`,
    { stream: stream.name },
  );
}

export function unreadableError(stream: TFilesStreamConfig, file: TStreamFile, error: unknown): AppError {
  return new AppError("CONNECTOR_ERROR", `Stream "${stream.name}": file "${file.rel}" cannot be read as ${stream.format}: ${duckDbMessage(error)}`, {
    stream: stream.name,
    file: file.rel,
  });
}
