/**
 * The folder of the destination's database file, created when missing, and
 * the file's real path. Folders are created one `mkdir` at a time, never by
 * Node's recursive mkdir: that one retries a folder and its parent for as
 * long as mkdir answers ENOENT although the parent exists, which under /proc
 * (and other file systems the kernel provides) it always does, so the call
 * never returned and kept one of the process's file-system threads busy
 * for good. Here that ENOENT is an error the caller names
 * (duckdb-errors.ts).
 */
import { mkdir, realpath, stat } from "node:fs/promises";
import path from "node:path";

const errno = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code;

/** Creates `dir` and its missing parents, each with one mkdir; a parent that is a file fails with ENOTDIR. */
export async function makeFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const found = await stat(current).catch((e: unknown) => {
      if (errno(e) !== "ENOENT" || path.dirname(current) === current) throw e;
      return null;
    });
    if (found?.isDirectory()) break;
    if (found) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: "ENOTDIR", syscall: "mkdir", path: dir });
    missing.unshift(current);
    current = path.dirname(current);
  }
  for (const folder of missing) {
    // EEXIST: another process made it meanwhile (a file there fails later, when the database opens).
    await mkdir(folder).catch((e: unknown) => {
      if (errno(e) !== "EEXIST") throw e;
    });
  }
}

/** The real path of `file` (its folder may be a symlink), creating the folder. */
export async function resolveDatabaseFile(file: string): Promise<string> {
  const dir = path.dirname(file);
  await makeFolder(dir);
  return path.join(await realpath(dir), path.basename(file));
}
