// Throughput of connector.read on 1,000,000 CSV rows (WEIR_FILES_BENCH_ROWS to change), against the alternative of fetching
// DuckDB chunks and encoding them with encodeWireRows. A benchmark, not part of `npm test`: `npm run bench:connectors`.
import { DuckDBInstance, JSDuckDBValueConverter } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TFilesFolder, createFilesFolder, discoverStream, testContext } from "@/connectors/files/files-fixture";
import { connector } from "@/connectors/files/source";
import type { TStreamDescriptor } from "@/connectors/types";
import { encodeWireRows } from "@/connectors/wire-format";

const ROWS = Number(process.env.WEIR_FILES_BENCH_ROWS ?? 1_000_000);
let folder: TFilesFolder;
let stream: TStreamDescriptor;
let csvPath: string;

const config = () => folder.config({ name: "big", pattern: "big/*.csv", format: "csv" });
const report = (line: Record<string, unknown>) => process.stdout.write(`[files bench] ${JSON.stringify(line)}\n`);

describe("files source throughput", () => {
  beforeAll(async () => {
    folder = createFilesFolder();
    csvPath = `${folder.dir}/big/orders.csv`;
    folder.write("big/.keep", "");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(`COPY (
      SELECT i AS id, 'customer ' || (i % 1000) || CASE WHEN i % 10 = 0 THEN ', "vip"' ELSE '' END AS name,
        CAST((i % 100000) / 100 AS DECIMAL(12,2)) AS amount, i * 0.37 AS price, TIMESTAMP '2024-01-01' + INTERVAL (i) SECOND AS created_at,
        i % 2 = 0 AS flag, CASE WHEN i % 7 = 0 THEN NULL ELSE 'note ' || i END AS note
      FROM range(${ROWS}) t(i)) TO '${csvPath}' (FORMAT csv, HEADER true)`);
    connection.closeSync();
    instance.closeSync();
    stream = await discoverStream(config(), "big");
  });
  afterAll(() => folder?.remove());

  it("reads 1M CSV rows through DuckDB's COPY to wire CSV", async () => {
    const started = performance.now();
    let rows = 0;
    let bytes = 0;
    let batches = 0;
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    for await (const batch of connector.read(config(), [{ stream }], testContext())) {
      rows += batch.rows;
      bytes += batch.csv.length;
      batches += 1;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    const seconds = (performance.now() - started) / 1000;
    report({
      path: "COPY → temp CSV → batches",
      rows,
      batches,
      mb: Math.round(bytes / 2 ** 20),
      seconds: +seconds.toFixed(2),
      rowsPerSecond: Math.round(rows / seconds),
      rssBeforeMb: Math.round(rssBefore / 2 ** 20),
      peakRssMb: Math.round(peakRss / 2 ** 20),
    });
    expect(rows).toBe(ROWS);
  });

  it("compares: DuckDB chunks fetched into JavaScript and encoded with encodeWireRows", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    const started = performance.now();
    const result = await connection.stream(
      `SELECT * EXCLUDE (__weir_path), '${csvPath}' AS f, '2024-01-01 00:00:00+00' AS m FROM read_csv('${csvPath}', filename = '__weir_path')`,
    );
    let rows = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      encodeWireRows(stream.columns, chunk.convertRows(JSDuckDBValueConverter));
      rows += chunk.rowCount;
    }
    const seconds = (performance.now() - started) / 1000;
    connection.closeSync();
    instance.closeSync();
    report({ path: "chunks → encodeWireRows", rows, seconds: +seconds.toFixed(2), rowsPerSecond: Math.round(rows / seconds) });
    expect(rows).toBe(ROWS);
  });
});
