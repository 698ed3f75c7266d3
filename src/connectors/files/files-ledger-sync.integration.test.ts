// syncStream with the files source into a real DuckDB warehouse: the per-file ledger reads a late file with an old modification time once, and no file twice.
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TTestWarehouse, createTestWarehouse } from "@/connectors/duckdb/duckdb-fixture";
import { type TFilesFolder, createFilesFolder, discoverStream } from "@/connectors/files/files-fixture";
import { connector } from "@/connectors/files/source";
import type { TSyncMode } from "@/connectors/types";
import { syncStream } from "@/engine/sync/sync-stream";
import { logger } from "@/lib/logger";

const T1 = new Date("2024-04-01T00:00:00Z");
const T2 = new Date("2024-05-01T00:00:00Z");
const T3 = new Date("2024-05-02T00:00:00Z");
const T4 = new Date("2024-05-03T00:00:00Z");

let folder: TFilesFolder;
let warehouse: TTestWarehouse;
beforeAll(async () => {
  folder = createFilesFolder();
  warehouse = await createTestWarehouse();
});
afterAll(async () => {
  folder?.remove();
  await warehouse?.teardown();
});

const config = () => folder.config({ name: "people", pattern: "people/*.csv", format: "csv", primaryKey: ["id"] });

/** One run of the stream through the sync engine, as the worker runs it. */
async function sync(mode: TSyncMode, table: string) {
  const stream = await discoverStream(config(), "people");
  const session = await warehouse.openSession();
  try {
    return await syncStream({
      source: connector,
      sourceConfig: config(),
      session,
      ctx: { log: logger, signal: new AbortController().signal },
      plan: {
        connectionId: "files-ledger",
        runId: randomUUID(),
        attempt: 1,
        stream: `people-${table}`,
        namespace: "files",
        table,
        columns: stream.columns,
        mode,
        primaryKey: ["id"],
        cursorField: "_weir_file_mtime",
      },
      request: { stream },
    });
  } finally {
    await session.close();
  }
}

const ids = async (table: string) => (await warehouse.readTable("files", table, ["id"])).map((r) => Number(r[0])).sort((a, b) => a - b);

describe("files source → syncStream → DuckDB, incremental append", () => {
  it("reads a file that appears with an older modification time than the cursor, once, and never a file twice", async () => {
    folder.write("people/a.csv", "id,name\n1,a\n2,b\n", T2);
    folder.write("people/b.csv", "id,name\n3,c\n", T3);
    const first = await sync("incremental_append", "people");
    expect(first.rows).toBe(3);
    expect(first.entry.state?.cursor).toMatch(/^2024-05-02[ T]00:00:00/);

    // Copied in with its old modification time (cp -p, rsync -t): the modification-time cursor never read it.
    folder.write("people/late.csv", "id,name\n4,late\n", T1);
    expect((await sync("incremental_append", "people")).rows).toBe(1);
    expect(await ids("people")).toEqual([1, 2, 3, 4]);

    expect((await sync("incremental_append", "people")).rows).toBe(0);
    expect(await ids("people")).toEqual([1, 2, 3, 4]);

    const session = await warehouse.openSession();
    try {
      expect((await session.seenObjects("files-ledger", "people-people")).map((key) => key.split("|")[0]).sort()).toEqual([
        "people/a.csv",
        "people/b.csv",
        "people/late.csv",
      ]);
    } finally {
      await session.close();
    }
  });

  it("records a file without rows, and reads a rewritten file again whole", async () => {
    folder.write("people/empty.csv", "id,name\n", T1);
    expect((await sync("incremental_append", "people")).rows).toBe(0);
    const session = await warehouse.openSession();
    try {
      expect(await session.seenObjects("files-ledger", "people-people")).toContain(`people/empty.csv|8|${BigInt(T1.getTime()) * 1000n}`);
    } finally {
      await session.close();
    }

    folder.write("people/b.csv", "id,name\n3,c\n5,e\n", T4);
    expect((await sync("incremental_append", "people")).rows).toBe(2);
    expect(await ids("people")).toEqual([1, 2, 3, 3, 4, 5]);
    expect((await sync("incremental_append", "people")).rows).toBe(0);
  });
});
