/**
 * Test support for the files source: a temp folder of real files (Parquet
 * written by DuckDB's COPY), typed config and request builders, and a reader
 * that collects every batch. Used by the *.test.ts files next to it.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { DuckDBInstance } from "@duckdb/node-api";

import type { TFilesSourceConfig } from "@/connectors/files/config";
import { connector } from "@/connectors/files/source";
import type { TReadOptions, TReadRequest, TRecordBatch, TStreamDescriptor } from "@/connectors/types";
import { logger } from "@/lib/logger";

type TStreamInput = TFilesSourceConfig["streams"][number];

export type TFilesFolder = {
  dir: string;
  write(rel: string, content: string | Uint8Array, mtime?: Date): string;
  /** Writes `rel` with DuckDB: COPY (<select>) TO rel (FORMAT parquet). */
  writeParquet(rel: string, select: string, mtime?: Date): Promise<string>;
  touch(rel: string, mtime: Date): void;
  /** Deletes one file of the folder. */
  removeFile(rel: string): void;
  config(...streams: TStreamInput[]): TFilesSourceConfig;
  remove(): void;
};

export function createFilesFolder(): TFilesFolder {
  const dir = mkdtempSync(path.join(os.tmpdir(), "weir-files-test-"));
  const full = (rel: string) => path.join(dir, rel);
  const touch = (rel: string, mtime: Date) => utimesSync(full(rel), mtime, mtime);
  return {
    dir,
    write(rel, content, mtime) {
      mkdirSync(path.dirname(full(rel)), { recursive: true });
      writeFileSync(full(rel), content);
      if (mtime) touch(rel, mtime);
      return full(rel);
    },
    async writeParquet(rel, select, mtime) {
      mkdirSync(path.dirname(full(rel)), { recursive: true });
      const instance = await DuckDBInstance.create(":memory:");
      const connection = await instance.connect();
      try {
        await connection.run(`COPY (${select}) TO '${full(rel).replaceAll("'", "''")}' (FORMAT parquet)`);
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
      if (mtime) touch(rel, mtime);
      return full(rel);
    },
    touch,
    removeFile: (rel) => rmSync(full(rel)),
    config: (...streams) => ({ basePath: dir, streams }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function testContext(signal: AbortSignal = new AbortController().signal) {
  return { log: logger, signal };
}

export async function discoverStream(config: TFilesSourceConfig, name: string): Promise<TStreamDescriptor> {
  const catalog = await connector.discover(config, testContext());
  const stream = catalog.streams.find((s) => s.name === name);
  if (!stream) throw new Error(`discover returned no stream ${name}`);
  return stream;
}

export async function readBatches(config: TFilesSourceConfig, requests: TReadRequest[], opts: Partial<TReadOptions> = {}): Promise<TRecordBatch[]> {
  const batches: TRecordBatch[] = [];
  for await (const batch of connector.read(config, requests, { ...testContext(), ...opts })) batches.push(batch);
  return batches;
}

/** All batches' CSV as one string. */
export function wireText(batches: readonly TRecordBatch[]): string {
  return Buffer.concat(batches.map((b) => b.csv)).toString("utf8");
}
