/**
 * The warehouse checks of the streaming reliability tests: the DuckDB table
 * a streaming connection lands compared with what the topic holds, by
 * (topic, partition, offset), and the state right after a worker is killed
 * (what the group has committed against what the warehouse holds). The file
 * is opened READ_ONLY, so no worker may hold it at the time.
 */
import { existsSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { type TTopicTruth, kafkaAt } from "./stream-kafka-fixture";

export type TWarehouseComparison = {
  produced: number;
  valid: number;
  invalid: number;
  rows: number;
  distinctPositions: number;
  /** Valid messages the warehouse lacks (`partition:offset`, first 20). */
  missing: string[];
  /** Rows whose position the topic has no valid message at (first 20). */
  unexpected: string[];
  /** Rows whose seq differs from the topic's message at their position (first 20). */
  wrongContent: string[];
  /** Per partition, offsets below its end neither landed nor a dead letter (first 20). */
  gaps: string[];
};

/** Reads the warehouse table of `topic` (READ_ONLY: no worker may hold the file) and compares it with the topic. */
export async function compareWarehouse(warehouse: string, topic: string, truth: TTopicTruth): Promise<TWarehouseComparison> {
  const instance = await DuckDBInstance.create(warehouse, { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  let rows: unknown[][];
  try {
    rows = (await conn.runAndReadAll(`SELECT _weir_partition, _weir_offset, seq FROM bronze."${topic}"`)).getRows();
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  const landed = new Set<string>();
  const unexpected: string[] = [];
  const wrongContent: string[] = [];
  for (const [partition, offset, seq] of rows) {
    const key = `${String(partition)}:${String(offset)}`;
    landed.add(key);
    const expected = truth.valid.get(key);
    if (expected === undefined) unexpected.push(key);
    else if (Number(seq) !== expected) wrongContent.push(`${key} seq ${String(seq)} ≠ ${expected}`);
  }
  const missing = [...truth.valid.keys()].filter((k) => !landed.has(k));
  const gaps: string[] = [];
  for (const [partition, end] of truth.ends) {
    for (let offset = 0; offset < end && gaps.length < 20; offset++) {
      const key = `${partition}:${offset}`;
      if (!landed.has(key) && !truth.invalid.has(key)) gaps.push(key);
    }
  }
  return {
    produced: truth.valid.size + truth.invalid.size,
    valid: truth.valid.size,
    invalid: truth.invalid.size,
    rows: rows.length,
    distinctPositions: landed.size,
    missing: missing.slice(0, 20),
    unexpected: unexpected.slice(0, 20),
    wrongContent: wrongContent.slice(0, 20),
    gaps,
  };
}

export type TKillSnapshot = {
  /** Per partition: the group's committed offset, the log end, and the warehouse rows below and at/after the committed offset. */
  partitions: { partition: number; committed: number; end: number; below: number; beyond: number }[];
  rows: number;
  distinctPositions: number;
};

/**
 * Where things stand right after a kill, before the next worker lands
 * anything: the group's committed offsets, the topic's ends and what the
 * warehouse holds (opened READ_ONLY; the dead worker's lock is gone).
 * `beyond` counts rows landed but not committed: the next worker reads them
 * again and the merge on (topic, partition, offset) must absorb them.
 */
export async function snapshotAfterKill(brokers: string, groupId: string, topic: string, warehouse: string): Promise<TKillSnapshot> {
  const admin = kafkaAt(brokers).admin();
  await admin.connect();
  let committed: Map<number, number>;
  let ends: Map<number, number>;
  try {
    const offsets = (await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions ?? [];
    committed = new Map(offsets.map((o) => [o.partition, Math.max(0, Number(o.offset))]));
    ends = new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]));
  } finally {
    await admin.disconnect();
  }
  const cases = [...ends.keys()].map((p) => `WHEN ${p} THEN ${committed.get(p) ?? 0}`).join(" ");
  const partitions = (rows: unknown[][]) =>
    [...ends].map(([partition, end]) => {
      const row = rows.find((r) => Number(r[0]) === partition);
      return { partition, committed: committed.get(partition) ?? 0, end, below: Number(row?.[1] ?? 0), beyond: Number(row?.[2] ?? 0) };
    });
  if (!existsSync(warehouse)) return { partitions: partitions([]), rows: 0, distinctPositions: 0 }; // killed before its first landing
  const instance = await DuckDBInstance.create(warehouse, { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  let rows: unknown[][] = [];
  let total: unknown[] = [0, 0];
  try {
    const exists = (
      await conn.runAndReadAll(`SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'bronze' AND table_name = '${topic}'`)
    ).getRows()[0]?.[0];
    if (Number(exists) > 0) {
      const c = `CASE _weir_partition ${cases} END`;
      rows = (
        await conn.runAndReadAll(
          `SELECT _weir_partition, count(*) FILTER (WHERE _weir_offset < ${c}), count(*) FILTER (WHERE _weir_offset >= ${c}) FROM bronze."${topic}" GROUP BY 1`,
        )
      ).getRows();
      total = (await conn.runAndReadAll(`SELECT count(*), count(DISTINCT (_weir_partition, _weir_offset)) FROM bronze."${topic}"`)).getRows()[0] ?? total;
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return {
    partitions: partitions(rows),
    rows: Number(total[0]),
    distinctPositions: Number(total[1]),
  };
}

/** Valid messages of the truth below `offset` in `partition`: what the warehouse must hold once the group has committed `offset`. */
export function validBelow(truth: TTopicTruth, partition: number, offset: number): number {
  let n = 0;
  for (let o = 0; o < offset; o++) if (truth.valid.has(`${partition}:${o}`)) n++;
  return n;
}

/** How many rows the warehouse holds of each of the messages `seqs`. */
export async function copiesOf(warehouse: string, topic: string, seqs: number[]): Promise<Record<number, number>> {
  const instance = await DuckDBInstance.create(warehouse, { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    const rows = (await conn.runAndReadAll(`SELECT seq, count(*) FROM bronze."${topic}" WHERE seq IN (${seqs.join(", ")}) GROUP BY 1`)).getRows();
    return Object.fromEntries(seqs.map((seq) => [seq, Number(rows.find((r) => Number(r[0]) === seq)?.[1] ?? 0)]));
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
