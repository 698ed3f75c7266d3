// connector.read of the files source: incremental by file modification time, bounded batches, abort.
import { readdirSync } from "node:fs";
import os from "node:os";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TFilesFolder, createFilesFolder, discoverStream, readBatches, testContext, wireText } from "@/connectors/files/files-fixture";
import { connector } from "@/connectors/files/source";
import type { TStreamDescriptor } from "@/connectors/types";

let folder: TFilesFolder;
const T1 = new Date("2024-05-01T00:00:00Z");
const T2 = new Date("2024-05-02T00:00:00.5Z");
const T3 = new Date("2024-05-03T00:00:00Z");
const BIG_ROWS = 5000;

beforeAll(async () => {
  folder = createFilesFolder();
  folder.write("inc/a.csv", "id,v\n1,a\n2,b\n", T1);
  folder.write("inc/b.csv", "id,v\n3,c\n", T2);
  // Every tenth value spans lines and every seventh holds a comma, so record ends are not line ends.
  await folder.writeParquet(
    "big/rows.parquet",
    `SELECT i AS id, CASE WHEN i % 10 = 0 THEN 'line one' || chr(10) || 'line two' WHEN i % 7 = 0 THEN 'a, "b"' ELSE 'v' || i END AS body FROM range(${BIG_ROWS}) t(i)`,
    T1,
  );
});
afterAll(() => folder.remove());

const incremental = (cursor: string | null) => ({ cursorField: "_weir_file_mtime", state: cursor === null ? null : { cursor } });

/** Records in wire CSV, counting only newlines outside quotes. */
function countRecords(csv: string): number {
  let records = 0;
  let quoted = false;
  for (const ch of csv) {
    if (ch === '"') quoted = !quoted;
    else if (ch === "\n" && !quoted) records += 1;
  }
  return records;
}

describe("connector.read incremental by _weir_file_mtime", () => {
  let stream: TStreamDescriptor;
  const config = () => folder.config({ name: "inc", pattern: "inc/*.csv", format: "csv" });
  beforeAll(async () => {
    stream = await discoverStream(config(), "inc");
  });

  it("reads every file when there is no state yet, oldest file first", async () => {
    const text = wireText(await readBatches(config(), [{ stream, incremental: incremental(null) }]));
    expect(text).toBe("1,a,inc/a.csv,2024-05-01 00:00:00+00\n2,b,inc/a.csv,2024-05-01 00:00:00+00\n3,c,inc/b.csv,2024-05-02 00:00:00.5+00\n");
  });

  it("reads nothing when no file changed since the cursor", async () => {
    expect(await readBatches(config(), [{ stream, incremental: incremental("2024-05-02 00:00:00.5+00") }])).toEqual([]);
  });

  it("reads again only the file whose modification time moved past the cursor", async () => {
    folder.touch("inc/a.csv", T3);
    const text = wireText(await readBatches(config(), [{ stream, incremental: incremental("2024-05-02 00:00:00.5+00") }]));
    expect(text).toBe("1,a,inc/a.csv,2024-05-03 00:00:00+00\n2,b,inc/a.csv,2024-05-03 00:00:00+00\n");
    folder.touch("inc/a.csv", T1);
  });

  it("accepts the cursor as a warehouse spells it back (T, Z, +00:00)", async () => {
    const batches = await readBatches(config(), [{ stream, incremental: incremental("2024-05-01T00:00:00.000000Z") }]);
    expect(wireText(batches)).toBe("3,c,inc/b.csv,2024-05-02 00:00:00.5+00\n");
  });

  it("refuses any other cursor field", async () => {
    await expect(readBatches(config(), [{ stream, incremental: { cursorField: "id", state: null } }])).rejects.toThrow(/by "_weir_file_mtime" only/);
  });
});

describe("connector.read batches", () => {
  let stream: TStreamDescriptor;
  const config = () => folder.config({ name: "big", pattern: "big/*.parquet", format: "parquet" });
  beforeAll(async () => {
    stream = await discoverStream(config(), "big");
  });

  it("closes a batch at maxBatchRows records, quoted newlines included", async () => {
    const batches = await readBatches(config(), [{ stream }], { maxBatchRows: 700 });
    expect(batches.map((b) => b.rows)).toEqual([...Array(7).fill(700), BIG_ROWS - 7 * 700]);
    for (const batch of batches) {
      const csv = batch.csv.toString("utf8");
      expect(csv.endsWith("\n")).toBe(true);
      expect(countRecords(csv)).toBe(batch.rows);
    }
    expect(wireText(batches)).toBe(wireText(await readBatches(config(), [{ stream }])));
  });

  it("keeps the rows in file order", async () => {
    const batches = await readBatches(config(), [{ stream, columns: ["id"] }], { maxBatchRows: 999 });
    expect(wireText(batches)).toBe(Array.from({ length: BIG_ROWS }, (_, i) => `${i}\n`).join(""));
  });

  it("closes a batch at the record that reaches maxBatchBytes", async () => {
    const batches = await readBatches(config(), [{ stream }], { maxBatchBytes: 4096 });
    expect(batches.length).toBeGreaterThan(10);
    expect(batches.reduce((n, b) => n + b.rows, 0)).toBe(BIG_ROWS);
    for (const batch of batches.slice(0, -1)) {
      expect(batch.csv.length).toBeGreaterThanOrEqual(4096);
      expect(batch.csv.length).toBeLessThan(4096 + 100);
      expect(countRecords(batch.csv.toString("utf8"))).toBe(batch.rows);
    }
  });

  it("stops on abort and removes its temp files", async () => {
    const tempsBefore = new Set(readdirSync(os.tmpdir()).filter((n) => n.startsWith("weir-files-") && !n.startsWith("weir-files-test-")));
    const controller = new AbortController();
    const iterator = connector.read(config(), [{ stream }], { ...testContext(controller.signal), maxBatchRows: 100 })[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    controller.abort();
    await expect(iterator.next()).rejects.toMatchObject({ name: "AbortError" });
    const leftovers = readdirSync(os.tmpdir()).filter((n) => n.startsWith("weir-files-") && !n.startsWith("weir-files-test-") && !tempsBefore.has(n));
    expect(leftovers).toEqual([]);
  });

  it("interrupts DuckDB mid-COPY on abort", async () => {
    await folder.writeParquet("huge/rows.parquet", "SELECT i AS id, 'row ' || i AS body, i * 0.5 AS half FROM range(3000000) t(i)");
    const hugeConfig = folder.config({ name: "huge", pattern: "huge/*.parquet", format: "parquet" });
    const huge = await discoverStream(hugeConfig, "huge");
    const controller = new AbortController();
    const reading = readBatches(hugeConfig, [{ stream: huge }], { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const abortedAt = Date.now();
    controller.abort();
    await expect(reading).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - abortedAt).toBeLessThan(500);
  });

  it("does not start when already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readBatches(config(), [{ stream }], { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
  });
});
