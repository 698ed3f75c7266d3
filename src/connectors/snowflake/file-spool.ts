/**
 * Gzipped files of wire batches, for PUT to a stage: batches are appended
 * to the open file (compressed on libuv's thread pool, with backpressure)
 * until its compressed size reaches the bound, then the file is closed and
 * handed over, so a stream of any size becomes files of about the size
 * Snowflake loads best, never one file per small batch. Each file remembers
 * its rows and when its first batch was extracted. The folder goes with
 * `dispose`.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { createGzip, type Gzip } from "node:zlib";

export type TSpooledFile = {
  /** Absolute local path. */
  path: string;
  /** The file's name, as it appears on the stage. */
  name: string;
  /** 1, 2, …: the order files were filled in. */
  seq: number;
  rows: number;
  /** Uncompressed wire bytes. */
  bytes: number;
  compressedBytes: number;
  /** When the file's first batch was extracted. */
  extractedAt: Date;
};

type TOpenFile = { gzip: Gzip; out: WriteStream; file: TSpooledFile; done: Promise<unknown> };

export class FileSpool {
  private open: TOpenFile | null = null;
  private seq = 0;

  private constructor(
    private readonly dir: string,
    private readonly maxCompressedBytes: number,
    private readonly prefix: string,
  ) {}

  /** A spool in a new temporary folder; file names start with `prefix` (letters, digits, _ and -). */
  static async create(prefix: string, maxCompressedBytes: number): Promise<FileSpool> {
    if (!/^[\w-]+$/.test(prefix)) throw new Error(`spool prefix "${prefix}" must be letters, digits, _ or -`);
    return new FileSpool(await mkdtemp(path.join(os.tmpdir(), "weir-snowflake-")), maxCompressedBytes, prefix);
  }

  private start(extractedAt: Date): TOpenFile {
    this.seq += 1;
    const name = `${this.prefix}_${String(this.seq).padStart(6, "0")}.csv.gz`;
    const file: TSpooledFile = { path: path.join(this.dir, name), name, seq: this.seq, rows: 0, bytes: 0, compressedBytes: 0, extractedAt };
    const gzip = createGzip({ level: 6 });
    const out = createWriteStream(file.path);
    gzip.on("data", (chunk: Buffer) => {
      file.compressedBytes += chunk.length;
    });
    gzip.pipe(out);
    const done = Promise.all([once(out, "finish"), once(gzip, "end")]);
    done.catch(() => undefined);
    return { gzip, out, file, done };
  }

  /** Appends a batch; resolves with the file it completed, if it reached the bound. */
  async write(csv: Buffer, rows: number, extractedAt: Date): Promise<TSpooledFile | null> {
    if (csv.length === 0) return null;
    const open = (this.open ??= this.start(extractedAt));
    open.file.rows += rows;
    open.file.bytes += csv.length;
    if (!open.gzip.write(csv)) await once(open.gzip, "drain");
    if (open.file.compressedBytes < this.maxCompressedBytes) return null;
    return this.finish();
  }

  /** Closes the open file and resolves with it (null when nothing is open). */
  async finish(): Promise<TSpooledFile | null> {
    const open = this.open;
    if (!open) return null;
    this.open = null;
    open.gzip.end();
    await open.done;
    return open.file;
  }

  /** Removes the open file, if any, and the folder with every file left in it. */
  async dispose(): Promise<void> {
    if (this.open) {
      this.open.gzip.destroy();
      this.open.out.destroy();
      this.open = null;
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}
