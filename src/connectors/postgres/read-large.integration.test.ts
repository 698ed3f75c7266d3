// A 300,000-row table: bounded batches, the exact wire bytes (checksum against encodeWireRows), backpressure (the
// server waits in ClientWrite while nobody pulls), and abort/early exit releasing the connection at once.
// WEIR_PG_BENCH=1 prints the measured throughput.
import crypto from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type TSourceDatabase, createSourceDatabase, discoverStream, sourceSessions, testContext } from "@/connectors/postgres/postgres-fixture";
import { connector } from "@/connectors/postgres/source";
import type { TColumn, TStreamDescriptor } from "@/connectors/types";
import { encodeWireRows } from "@/connectors/wire-format";
import { until } from "@/lib/testing/until";

const ROWS = 300_000;
let db: TSourceDatabase;
let stream: TStreamDescriptor;

/** The table's rows as JavaScript values, in id order, generated the way the SQL below generates them. */
function expectedWire(columns: TColumn[]): { sha256: string; bytes: number } {
  const hash = crypto.createHash("sha256");
  let bytes = 0;
  const start = Date.UTC(2024, 0, 1);
  for (let from = 1; from <= ROWS; from += 10_000) {
    const rows: unknown[][] = [];
    for (let i = from; i < from + 10_000 && i <= ROWS; i++) {
      const cents = i % 100_000;
      rows.push([
        i,
        `customer ${i % 1000}${i % 10 === 0 ? ', "vip"\nsecond line' : ""}`,
        `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`,
        (i * 37) / 100,
        new Date(start + i * 1000),
        i % 2 === 0,
        i % 7 === 0 ? null : `note ${i}`,
      ]);
    }
    const chunk = encodeWireRows(columns, rows);
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

/** The source database's sessions of the reader, once `done` holds of them. */
function sessionsWhen(what: string, done: (sessions: Awaited<ReturnType<typeof sourceSessions>>) => boolean, timeoutMs = 5_000) {
  return until(
    what,
    async () => {
      const sessions = await sourceSessions(db);
      return done(sessions) ? sessions : undefined;
    },
    timeoutMs,
    async () => JSON.stringify(await sourceSessions(db)),
    25,
  );
}

const noCopyRunning = (sessions: { query: string }[]) => !sessions.some((s) => s.query.startsWith("COPY"));

beforeAll(async () => {
  db = await createSourceDatabase();
  await db.exec(`
    CREATE TABLE big AS
    SELECT i AS id,
      'customer ' || (i % 1000) || CASE WHEN i % 10 = 0 THEN E', "vip"\\nsecond line' ELSE '' END AS name,
      ((i % 100000) / 100.0)::numeric(12,2) AS amount,
      (i * 0.37)::float8 AS price,
      timestamptz '2024-01-01 00:00:00+00' + i * interval '1 second' AS created_at,
      i % 2 = 0 AS flag,
      CASE WHEN i % 7 = 0 THEN NULL ELSE 'note ' || i END AS note
    FROM generate_series(1, ${ROWS}) i;
    ALTER TABLE big ADD PRIMARY KEY (id);
    ANALYZE big;
  `);
  stream = await discoverStream(db.config, "public.big");
});
afterAll(() => db?.drop());

describe("read: a 300,000-row table", () => {
  it("arrives complete and byte-exact in default batches of 50,000 rows", async () => {
    expect(stream.estimatedRows).toBe(ROWS);
    const expected = expectedWire(stream.columns);
    const hash = crypto.createHash("sha256");
    const batchRows: number[] = [];
    let bytes = 0;
    const started = performance.now();
    for await (const batch of connector.read(db.config, [{ stream, incremental: { cursorField: "id", state: null } }], testContext())) {
      hash.update(batch.csv);
      bytes += batch.csv.length;
      batchRows.push(batch.rows);
    }
    const seconds = (performance.now() - started) / 1000;
    if (process.env.WEIR_PG_BENCH) {
      const report = {
        rows: ROWS,
        mb: +(bytes / 2 ** 20).toFixed(1),
        seconds: +seconds.toFixed(2),
        rowsPerSecond: Math.round(ROWS / seconds),
        mbPerSecond: +(bytes / 2 ** 20 / seconds).toFixed(1),
      };
      process.stdout.write(`[postgres source bench] ${JSON.stringify(report)}\n`);
    }
    expect(batchRows).toEqual([50_000, 50_000, 50_000, 50_000, 50_000, 50_000]);
    expect(bytes).toBe(expected.bytes);
    expect(hash.digest("hex")).toBe(expected.sha256);
  });

  it("keeps every batch within maxBatchBytes (a full read, no ORDER BY)", async () => {
    const maxBatchBytes = 1 << 20;
    let rows = 0;
    let batches = 0;
    let bytes = 0;
    for await (const batch of connector.read(db.config, [{ stream }], { ...testContext(), maxBatchBytes })) {
      expect(batch.csv.length).toBeLessThanOrEqual(maxBatchBytes);
      expect(batch.csv[batch.csv.length - 1]).toBe(0x0a);
      rows += batch.rows;
      bytes += batch.csv.length;
      batches += 1;
    }
    expect(rows).toBe(ROWS);
    expect(batches).toBeGreaterThanOrEqual(Math.ceil(bytes / maxBatchBytes));
    expect(batches).toBeLessThanOrEqual(Math.ceil(bytes / maxBatchBytes) + 1);
  });

  it("stops reading while the caller does not pull: the server waits to write, memory stays flat", async () => {
    const iterator = connector.read(db.config, [{ stream }], { ...testContext(), maxBatchBytes: 256 * 1024 })[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    const waiting = await sessionsWhen("the server waiting to write", (s) => s.some((x) => x.wait_event === "ClientWrite"));
    expect(waiting.map((s) => s.wait_event)).toContain("ClientWrite");
    const heldBefore = process.memoryUsage().arrayBuffers;
    // Memory must stay flat while nobody pulls: observe the server still waiting to write five times over, then measure.
    let observed = 0;
    await until("five observations of the server still waiting to write", async () => {
      if ((await sourceSessions(db)).some((x) => x.wait_event === "ClientWrite")) observed += 1;
      return observed >= 5 || undefined;
    });
    expect(process.memoryUsage().arrayBuffers - heldBefore).toBeLessThan(4 * 2 ** 20);
    let rows = first.done ? 0 : first.value.rows;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) rows += next.value.rows;
    expect(rows).toBe(ROWS);
    expect(noCopyRunning(await sourceSessions(db))).toBe(true);
  });

  it("stops at once on abort, even while the caller is not pulling, and releases the connection", async () => {
    const controller = new AbortController();
    const iterator = connector.read(db.config, [{ stream }], { ...testContext(controller.signal), maxBatchRows: 1000 })[Symbol.asyncIterator]();
    await iterator.next();
    expect((await sourceSessions(db)).length).toBe(1);
    const aborted = performance.now();
    controller.abort();
    expect(await sessionsWhen("the connection released", (s) => s.length === 0)).toEqual([]);
    expect(performance.now() - aborted).toBeLessThan(2_000);
    await expect(iterator.next()).rejects.toMatchObject({ name: "AbortError" });
  });

  it("stops at once on abort while the caller waits for the next batch", async () => {
    const controller = new AbortController();
    const iterator = connector.read(db.config, [{ stream }], { ...testContext(controller.signal), maxBatchRows: 250_000 })[Symbol.asyncIterator]();
    const pending = iterator.next().then(
      () => "a batch arrived",
      (e: unknown) => e,
    );
    await sessionsWhen("the COPY to be under way", (s) => s.some((x) => x.query.startsWith("COPY")), 5_000);
    const started = performance.now();
    controller.abort();
    expect(await pending).toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await sessionsWhen("the connection released", (s) => s.length === 0)).toEqual([]);
  });

  it("releases the connection when the caller stops early", async () => {
    for await (const batch of connector.read(db.config, [{ stream }], { ...testContext(), maxBatchRows: 1000 })) {
      expect(batch.rows).toBe(1000);
      break;
    }
    expect(await sessionsWhen("the connection released", (s) => s.length === 0)).toEqual([]);
    // The server is fine afterwards: a new read works.
    const iterator = connector.read(db.config, [{ stream, columns: ["id"] }], { ...testContext(), maxBatchRows: 10 })[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.rows).toBe(10);
    await iterator.return?.(undefined);
  });
});
