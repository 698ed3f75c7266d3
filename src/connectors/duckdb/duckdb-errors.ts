/**
 * DuckDB failures as messages a person can act on: the first paragraph of
 * DuckDB's text (without the shell-oriented "LINE 1:" echo and hint lists),
 * and, for opening a database file, the cause by name (permission denied,
 * locked by another process, not a DuckDB file, a folder that cannot be
 * created) with what to do about it.
 */
import { AppError, type TAppErrorCode } from "@/lib/app-error";

const MAX_MESSAGE = 1000;

/** DuckDB's message without the echoed SQL, candidate lists and reader option dumps. */
export function duckDbMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const first = (text.split(/\n\s*\n|\nLINE \d+:/)[0] ?? text)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("*") && !/^possible fixes/i.test(line))
    .slice(0, 6);
  const message = first.join(" ");
  // CSV and conversion errors quote the offending line or value, which can be megabytes long.
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
}

export type TOpenFailure = { code: TAppErrorCode; message: string };

/** Why the database file at `file` could not be opened or written, or null when the error is something else. */
export function classifyOpenFailure(error: unknown, file: string): TOpenFailure | null {
  const text = error instanceof Error ? error.message : String(error);
  const errno = (error as { code?: unknown } | null)?.code;
  if (/Could not set lock on file/.test(text)) {
    const owner = /Conflicting lock is held in (.+?) \(PID (\d+)\)/.exec(text);
    const holder = owner ? ` (held by ${owner[1]}, PID ${owner[2]})` : "";
    return {
      code: "UNAVAILABLE",
      message: `The DuckDB file ${file} is locked by another process${holder}. DuckDB lets one process at a time open a file for writing: stop that process (a DuckDB shell, a notebook, another Weir) or point this destination at another file.`,
    };
  }
  if (/not a valid DuckDB database file/i.test(text)) {
    return { code: "BAD_INPUT", message: `${file} exists but is not a DuckDB database file. Choose another path, or move that file away.` };
  }
  if (/created by (a )?(newer|older) version|incompatible.*storage version|storage version/i.test(text)) {
    return { code: "BAD_INPUT", message: `${file} was written by an incompatible DuckDB version: ${duckDbMessage(error)}` };
  }
  if (errno === "EACCES" || errno === "EPERM" || /permission denied/i.test(text)) {
    return {
      code: "BAD_INPUT",
      message: `Permission denied: Weir's process cannot write ${file} or its folder. Give it write access, or choose a path it can write.`,
    };
  }
  if (errno === "EROFS" || /read-only file system/i.test(text)) {
    return { code: "BAD_INPUT", message: `${file} is on a read-only file system. Choose a writable path.` };
  }
  if (errno === "ENOENT" && (error as { syscall?: unknown }).syscall === "mkdir") {
    // Its parent exists (database-folder.ts creates them in turn), so the file system refuses new folders there.
    const folder = String((error as { path?: unknown }).path ?? file);
    return {
      code: "BAD_INPUT",
      message: `The folder ${folder} for ${file} cannot be created: its file system does not take new folders (as under /proc or /sys, which the kernel provides). Choose a path on a writable disk.`,
    };
  }
  if (/Cannot open file .*: No such file or directory/.test(text)) {
    // DuckDB creates a missing file; its folder exists by now, so the file system refuses new files there.
    return {
      code: "BAD_INPUT",
      message: `${file} cannot be created: its folder's file system does not take new files (as under /proc or /sys, which the kernel provides). Choose a path on a writable disk.`,
    };
  }
  if (errno === "ENOTDIR" || errno === "EEXIST" || /not a directory/i.test(text)) {
    return { code: "BAD_INPUT", message: `The folder of ${file} cannot be created: part of its path is a file, not a folder.` };
  }
  if (errno === "ENOSPC" || /no space left/i.test(text)) {
    return { code: "UNAVAILABLE", message: `No space left on the device holding ${file}.` };
  }
  return null;
}

/** An AppError for a failure to open or write the database file. */
export function openError(error: unknown, file: string): AppError {
  const known = classifyOpenFailure(error, file);
  return known
    ? new AppError(known.code, `DuckDB destination: ${known.message}`)
    : new AppError("CONNECTOR_ERROR", `DuckDB destination: cannot open ${file}: ${duckDbMessage(error)}`);
}
