/**
 * The folder where record batches wait as CSV files while DuckDB's CSV
 * reader loads them: `<database file>.load/`, beside DuckDB's own `.wal` and
 * `.tmp`. DuckDB has no way to read a CSV from a JavaScript buffer, and its
 * reader on a file is several times faster than appending values from
 * JavaScript. Each file lives for one load; files named after a process
 * that no longer runs (killed mid-load) are removed when a session opens.
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
  await mkdir(folder, { recursive: true });
  for (const name of await readdir(folder)) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !processAlive(pid)) await rm(path.join(folder, name), { force: true });
  }
  return folder;
}

/** Writes `csv` to a new file of the load folder, runs `load` on its path, then removes the file. */
export async function withBatchFile<T>(folder: string, csv: Buffer, load: (file: string) => Promise<T>): Promise<T> {
  const file = path.join(folder, `${process.pid}-${randomUUID()}.csv`);
  await writeFile(file, csv);
  try {
    return await load(file);
  } finally {
    await rm(file, { force: true });
  }
}
