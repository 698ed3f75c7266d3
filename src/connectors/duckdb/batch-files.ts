/**
 * The folder where record batches wait as CSV files until DuckDB's CSV
 * reader loads them: `<database file>.load/`, beside DuckDB's own `.wal` and
 * `.tmp`. DuckDB has no way to read a CSV from a JavaScript buffer, and its
 * reader on files is several times faster than appending values from
 * JavaScript. A stream's batches are spooled here until its commit reads
 * them all at once (session.ts); files named after a process that no longer
 * runs (killed mid-sync) are removed when a session opens.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export function loadFolder(databaseFile: string): string {
  return `${databaseFile}.load`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Creates the load folder and removes files left by processes that died mid-load. */
export async function prepareLoadFolder(databaseFile: string): Promise<string> {
  const folder = loadFolder(databaseFile);
  // Beside the open database file, so one mkdir (Node's recursive one can loop forever: database-folder.ts).
  await mkdir(folder).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  });
  for (const name of await readdir(folder)) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !processAlive(pid)) await rm(path.join(folder, name), { force: true });
  }
  return folder;
}

/** Writes `csv` to a new file of the load folder; returns its path. */
export async function spoolBatchFile(folder: string, csv: Buffer): Promise<string> {
  const file = path.join(folder, `${process.pid}-${randomUUID()}.csv`);
  await writeFile(file, csv);
  return file;
}

/** Removes spooled files (missing ones are fine). */
export async function removeBatchFiles(files: readonly string[]): Promise<void> {
  await Promise.all(files.map((file) => rm(file, { force: true })));
}
