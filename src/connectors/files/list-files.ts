/**
 * Which files a stream covers: the stream's glob expanded by DuckDB (so the
 * pattern means what it means to DuckDB's readers), then `fs.stat` for each
 * file's size and modification time. Files come oldest first.
 */
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import path from "node:path";

import type { TFilesStreamConfig } from "@/connectors/files/config";
import type { TDuckSession } from "@/connectors/files/duckdb-session";
import { duckDbMessage } from "@/connectors/files/duckdb-session";
import { formatMtime } from "@/connectors/files/mtime-cursor";
import { globLiteral, sqlString } from "@/connectors/files/wire-sql";
import { AppError } from "@/lib/app-error";

export type TStreamFile = {
  /** Absolute path, as DuckDB reports it in its filename column. */
  path: string;
  /** Path relative to basePath with "/" separators: the `_weir_file` value. */
  rel: string;
  size: number;
  mtimeMicros: bigint;
  /** Wire text of the modification time: the `_weir_file_mtime` value. */
  mtime: string;
};

const STAT_CONCURRENCY = 32;

/** The absolute base folder, or CONNECTOR_ERROR saying why it cannot be used. */
export async function resolveBasePath(basePath: string): Promise<string> {
  const base = path.resolve(basePath);
  const info = await stat(base).catch((e: NodeJS.ErrnoException) => {
    const why =
      e.code === "ENOENT" ? "does not exist" : e.code === "EACCES" ? "is not accessible (permission denied)" : `cannot be read (${e.code ?? e.message})`;
    throw new AppError("CONNECTOR_ERROR", `Files source: basePath ${base} ${why}.`);
  });
  if (!info.isDirectory()) throw new AppError("CONNECTOR_ERROR", `Files source: basePath ${base} is not a folder.`);
  await access(base, constants.R_OK | constants.X_OK).catch(() => {
    throw new AppError("CONNECTOR_ERROR", `Files source: basePath ${base} is not readable by the worker (user id ${process.getuid?.() ?? "?"}).`);
  });
  return base;
}

/** The stream's files, oldest first; an empty list when the pattern matches nothing. */
export async function listStreamFiles(db: TDuckSession, base: string, stream: TFilesStreamConfig): Promise<TStreamFile[]> {
  const pattern = stream.pattern.replace(/^(\.\/)+/, "");
  const glob = `${globLiteral(base.replace(/\/+$/, ""))}/${pattern}`;
  let found: unknown[][];
  try {
    found = await db.rows(`SELECT file FROM glob(${sqlString(glob)}) ORDER BY file`);
  } catch (e) {
    db.signal.throwIfAborted();
    throw new AppError("CONNECTOR_ERROR", `Stream "${stream.name}": cannot list pattern "${stream.pattern}": ${duckDbMessage(e)}`);
  }
  const paths = found.map((row) => String(row[0]));
  const files: TStreamFile[] = [];
  for (let i = 0; i < paths.length; i += STAT_CONCURRENCY) {
    const infos = await Promise.all(paths.slice(i, i + STAT_CONCURRENCY).map(async (p) => ({ p, info: await stat(p, { bigint: true }).catch(() => null) })));
    for (const { p, info } of infos) {
      // A file removed since the glob is not part of this read.
      if (!info?.isFile()) continue;
      const mtimeMicros = info.mtimeNs / 1000n;
      files.push({ path: p, rel: path.relative(base, p).split(path.sep).join("/"), size: Number(info.size), mtimeMicros, mtime: formatMtime(mtimeMicros) });
    }
  }
  return files.sort((a, b) => (a.mtimeMicros === b.mtimeMicros ? a.rel.localeCompare(b.rel) : a.mtimeMicros < b.mtimeMicros ? -1 : 1));
}

export function noFilesMessage(stream: TFilesStreamConfig, base: string): string {
  return `Stream "${stream.name}": pattern "${stream.pattern}" matches no files in ${base}.`;
}
