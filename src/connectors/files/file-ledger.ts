/**
 * Which files an incremental read of the files source reads: those the
 * destination's ledger does not list yet (incrementalBy "objects"). A file
 * is listed by its key, `path|size|mtimeMicros` (path relative to basePath),
 * so a file that appears late with an old modification time is read once,
 * and one rewritten (new size or modification time) is read again. An
 * object store would key by `path|size|etag`; the ledger only compares keys.
 *
 * A ledger that lists no file while the state holds a cursor was written
 * before files were keyed (when the cursor chose the files): the files
 * modified up to that cursor were read then, so they are taken as read and
 * reported, without reading them, and the ledger lists them from then on.
 * Pure.
 */
import type { TStreamFile } from "@/connectors/files/list-files";

/** The ledger key of a file: `path|size|mtimeMicros` (size and time are digits, so the last two `|` split it unambiguously). */
export function fileObjectKey(file: Pick<TStreamFile, "rel" | "size" | "mtimeMicros">): string {
  return `${file.rel}|${file.size}|${file.mtimeMicros}`;
}

export type TFileSelection = {
  /** Files to read, in the listing's order. */
  read: TStreamFile[];
  /** Keys of files taken as read without reading them (a ledger from before keys; see above). */
  adopted: string[];
  /** Files left out because the ledger lists them. */
  skipped: number;
};

/**
 * The files to read. `seen` is the ledger's keys (undefined or empty when it
 * lists none); `cursorMicros` the saved cursor, or null without state.
 */
export function selectFiles(files: readonly TStreamFile[], seen: ReadonlySet<string> | undefined, cursorMicros: bigint | null): TFileSelection {
  if (seen?.size) {
    const read = files.filter((f) => !seen.has(fileObjectKey(f)));
    return { read, adopted: [], skipped: files.length - read.length };
  }
  if (cursorMicros === null) return { read: [...files], adopted: [], skipped: 0 };
  const adopted = files.filter((f) => f.mtimeMicros <= cursorMicros);
  return { read: files.filter((f) => f.mtimeMicros > cursorMicros), adopted: adopted.map(fileObjectKey), skipped: adopted.length };
}
