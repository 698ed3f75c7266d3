// connector.read of the files source: incremental by a per-file ledger (seen objects in, read objects out), bounded batches, abort.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import os from "node:os";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TFilesFolder, createFilesFolder, discoverStream, readBatches, testContext, wireText } from "@/connectors/files/files-fixture";
import { connector } from "@/connectors/files/source";
import type { TRecordBatch, TStreamDescriptor } from "@/connectors/types";
import { until } from "@/lib/testing/until";

let folder: TFilesFolder;
const T0 = new Date("2024-04-01T00:00:00Z");
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

/** A file's ledger key as the files source writes it: path, size, modification time in µs. */
function key(rel: string): string {
  const info = statSync(path.join(folder.dir, rel), { bigint: true });
  return `${rel}|${info.size}|${info.mtimeNs / 1000n}`;
}

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

describe("connector.read incremental by a per-file ledger", () => {
  let stream: TStreamDescriptor;
  const config = () => folder.config({ name: "inc", pattern: "inc/*.csv", format: "csv" });
  beforeAll(async () => {
    stream = await discoverStream(config(), "inc");
  });
  /** A read of "inc" with the ledger's keys `seen` and the saved cursor. */
  const readInc = (seen: string[], cursor: string | null = null, opts = {}) =>
    readBatches(config(), [{ stream, incremental: { ...incremental(cursor), seenObjects: new Set(seen) } }], opts);
  const objects = (batches: TRecordBatch[]) => batches.flatMap((b) => b.objects ?? []);

  it("declares reads by objects, keeping the modification time as the cursor", () => {
    expect(stream.incrementalBy).toBe("objects");
    expect(stream.cursorCandidates).toEqual(["_weir_file_mtime"]);
  });

  it("reads every file when the ledger lists none and there is no state, and reports each file on its group's last batch", async () => {
    const batches = await readInc([]);
    expect(wireText(batches)).toBe("1,a,inc/a.csv,2024-05-01 00:00:00+00\n2,b,inc/a.csv,2024-05-01 00:00:00+00\n3,c,inc/b.csv,2024-05-02 00:00:00.5+00\n");
    expect(batches.map((b) => b.objects)).toEqual([[key("inc/a.csv"), key("inc/b.csv")]]);
    expect(key("inc/a.csv")).toMatch(/^inc\/a\.csv\|13\|1714521600000000$/);
  });

  it("skips the files the ledger lists, whatever their modification time", async () => {
    const batches = await readInc([key("inc/a.csv")], "2024-05-02 00:00:00.5+00");
    expect(wireText(batches)).toBe("3,c,inc/b.csv,2024-05-02 00:00:00.5+00\n");
    expect(objects(batches)).toEqual([key("inc/b.csv")]);
    expect(await readInc([key("inc/a.csv"), key("inc/b.csv")], "2024-05-02 00:00:00.5+00")).toEqual([]);
  });

  it("reads a file that appears late with an older modification time than the cursor, once", async () => {
    folder.write("inc/late.csv", "id,v\n9,z\n", T0);
    try {
      const seen = [key("inc/a.csv"), key("inc/b.csv")];
      const notices: string[] = [];
      const batches = await readInc(seen, "2024-05-02 00:00:00.5+00", { notice: (line: string) => notices.push(line) });
      expect(wireText(batches)).toBe("9,z,inc/late.csv,2024-04-01 00:00:00+00\n");
      expect(objects(batches)).toEqual([key("inc/late.csv")]);
      expect(notices).toEqual(['Files source, stream "inc": reading 1 file new or changed; 2 files already read.']);
      expect(await readInc([...seen, key("inc/late.csv")], "2024-05-02 00:00:00.5+00")).toEqual([]);
    } finally {
      folder.removeFile("inc/late.csv");
    }
  });

  it("reads a file again when it is rewritten (new size) or touched (new modification time)", async () => {
    const seen = [key("inc/a.csv"), key("inc/b.csv")];
    folder.write("inc/a.csv", "id,v\n1,a\n2,b\n4,d\n", T1);
    try {
      expect(wireText(await readInc(seen, "2024-05-02 00:00:00.5+00"))).toBe(
        "1,a,inc/a.csv,2024-05-01 00:00:00+00\n2,b,inc/a.csv,2024-05-01 00:00:00+00\n4,d,inc/a.csv,2024-05-01 00:00:00+00\n",
      );
    } finally {
      folder.write("inc/a.csv", "id,v\n1,a\n2,b\n", T1);
    }
    folder.touch("inc/b.csv", T3);
    try {
      const batches = await readInc(seen, "2024-05-02 00:00:00.5+00");
      expect(wireText(batches)).toBe("3,c,inc/b.csv,2024-05-03 00:00:00+00\n");
      expect(objects(batches)).toEqual([key("inc/b.csv")]);
    } finally {
      folder.touch("inc/b.csv", T2);
    }
  });

  it("reports a file without rows on an empty batch", async () => {
    folder.write("inc/c.csv", "id,v\n", T3);
    try {
      const batches = await readInc([key("inc/a.csv"), key("inc/b.csv")]);
      expect(batches.map((b) => [b.rows, b.csv.length, b.objects])).toEqual([[0, 0, [key("inc/c.csv")]]]);
    } finally {
      folder.removeFile("inc/c.csv");
    }
  });

  it("takes the files up to a saved cursor as read when the ledger lists none yet (a ledger from the modification-time cursor)", async () => {
    const notices: string[] = [];
    const batches = await readInc([], "2024-05-01T00:00:00.000000Z", { notice: (line: string) => notices.push(line) });
    expect(batches.map((b) => [b.rows, b.objects])).toEqual([
      [0, [key("inc/a.csv")]],
      [1, [key("inc/b.csv")]],
    ]);
    expect(wireText(batches)).toBe("3,c,inc/b.csv,2024-05-02 00:00:00.5+00\n");
    expect(notices[0]).toMatch(/the ledger lists no file yet, so the 1 file modified up to the saved cursor count as read .*; reading 1 file\.$/);
  });

  it("reports the files of a full read too, so a later incremental read can start from them", async () => {
    const batches = await readBatches(config(), [{ stream }]);
    expect(objects(batches)).toEqual([key("inc/a.csv"), key("inc/b.csv")]);
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
    const tempsBefore = new Set(readdirSync(os.tmpdir()).filter((n) => n.startsWith("weir-files-")));
    const reading = readBatches(hugeConfig, [{ stream: huge }], { signal: controller.signal }).then(
      () => "the read finished",
      (e: unknown) => e,
    );
    // The COPY has begun once its target file exists in the read's own temp dir.
    const copying = () =>
      readdirSync(os.tmpdir()).some((n) => n.startsWith("weir-files-") && !tempsBefore.has(n) && existsSync(path.join(os.tmpdir(), n, "huge-0.csv")));
    await until("DuckDB to be writing huge-0.csv", copying, 10_000, () => "", 5);
    const abortedAt = Date.now();
    controller.abort();
    expect(await reading).toMatchObject({ name: "AbortError" });
    expect(Date.now() - abortedAt).toBeLessThan(500);
  });

  it("does not start when already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readBatches(config(), [{ stream }], { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
  });
});
