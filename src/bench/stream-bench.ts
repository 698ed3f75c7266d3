/**
 * `npm run bench:stream`: Kafka → DuckDB streaming throughput and latency
 * against a bare kafkajs consumer measured in the same run (issue text:
 * goals ratio ≥ 0.8, p99 < 2 s at 20,000 msg/s).
 *
 * It starts its own Kafka broker (src/cli/kafka-broker.ts) and a throwaway
 * embedded PostgreSQL for Weir's metadata, then:
 * 1. produces N JSON messages (~300 bytes, 6 partitions; a child process);
 * 2. (a) reads them all with a bare kafkajs `eachBatch` consumer configured
 *    as Weir's, doing nothing (fresh group, earliest offset);
 * 3. (b) lands them all into a DuckDB file with Weir's stream engine, run
 *    in this process by a worker's stream supervisor (fresh connection and
 *    so fresh group, earliest offset): from the stream's start until its
 *    micro-batches have committed N rows; then checks the table holds N
 *    distinct (topic, partition, offset) rows;
 * 4. latency: on a second 6-partition topic with its own running stream, a
 *    producer paced at RATE msg/s for SECONDS (a child process, so it never
 *    shares the event loop with Weir); per message, commit time in the
 *    warehouse minus the Kafka timestamp set when it was sent.
 *
 * Environment: WEIR_BENCH_STREAM_N (default 1,000,000),
 * WEIR_BENCH_STREAM_RATE (20,000), WEIR_BENCH_STREAM_SECONDS (30),
 * WEIR_BENCH_STREAM_TICK_MS (the paced producer's send interval, 20),
 * WEIR_BENCH_STREAM_SOURCE (JSON merged into both Kafka sources' config,
 * e.g. {"maxBatchRecords":100000}), WEIR_BENCH_STREAM_LATENCY_SOURCE (JSON
 * merged on top for the latency run), WEIR_BENCH_STREAM_ONLY=throughput|latency;
 * and the engine's own, e.g. WEIR_STREAM_HOLD_MS.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { Kafka, logLevel } from "kafkajs";

import { runBareConsumer } from "@/bench/stream-bare-consumer";
import { cpuSecondsSince, latencyLine, mib, peakRss, quantile, resetPeakRss, throughputTable } from "@/bench/stream-report";
import { runProducer } from "@/bench/stream-run-producer";
import { LandingLog, countLanded, startWeirBench, type TWeirBench } from "@/bench/stream-weir";
import { startKafkaBroker } from "@/cli/kafka-broker";

const PARTITIONS = 6;
const WARM_UP_MESSAGES = 600;
const LAND_TIMEOUT_MS = 15 * 60_000;
const MIB = 2 ** 20;

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const thousands = (n: number) => Math.round(n).toLocaleString("en-US");
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");

function positiveEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw.replace(/[_,]/g, ""));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${raw}".`);
  return n;
}

function jsonEnv(name: string): Record<string, unknown> {
  const raw = process.env[name];
  if (!raw) return {};
  const parsed: unknown = JSON.parse(raw);
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error(`${name} must be a JSON object.`);
  return parsed as Record<string, unknown>;
}

async function createTopic(brokers: string, topic: string): Promise<void> {
  const admin = new Kafka({ clientId: "weir-bench-admin", brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/** Waits until `log` holds `rows` rows; throws after LAND_TIMEOUT_MS. */
async function untilLanded(log: LandingLog, rows: number, what: string): Promise<void> {
  const started = Date.now();
  while (log.rows < rows) {
    if (Date.now() - started > LAND_TIMEOUT_MS)
      throw new Error(`${what}: ${thousands(log.rows)} of ${thousands(rows)} rows landed in ${LAND_TIMEOUT_MS / 1000} s.`);
    await sleep(10);
  }
}

async function verifyTable(warehouse: string, topic: string, expected: number, what: string): Promise<void> {
  const landed = await countLanded(warehouse, topic);
  if (landed.rows !== expected || landed.keys !== expected) {
    throw new Error(
      `${what}: the table holds ${thousands(landed.rows)} rows, ${thousands(landed.keys)} distinct (topic, partition, offset); expected ${thousands(expected)}.`,
    );
  }
}

async function throughput(weir: TWeirBench, brokers: string, dir: string, n: number, sourceConfig: Record<string, unknown>): Promise<void> {
  const topic = "bench_stream_throughput";
  await createTopic(brokers, topic);
  const produced = await runProducer({ mode: "bulk", brokers, topic, count: n });
  say(
    `produced ${thousands(produced.messages)} messages (${(produced.bytes / MIB).toFixed(0)} MB of values, ${(produced.bytes / produced.messages).toFixed(0)} bytes each, ${PARTITIONS} partitions) in ${produced.seconds.toFixed(1)} s (${thousands(produced.messages / produced.seconds)} msg/s, acks=all, a child process)`,
  );

  resetPeakRss();
  let cpu = process.cpuUsage();
  const bare = await runBareConsumer(brokers, topic, n, sourceConfig);
  const bareCpu = cpuSecondsSince(cpu);
  const bareRss = peakRss();
  if (bare.messages !== n) throw new Error(`the bare consumer read ${bare.messages} messages, expected ${n}.`);

  const warehouse = path.join(dir, "throughput.duckdb");
  const connectionId = await weir.createKafkaConnection(topic, warehouse, sourceConfig);
  const log = new LandingLog();
  resetPeakRss();
  cpu = process.cpuUsage();
  const startedAt = Date.now();
  await weir.start(connectionId, log);
  await untilLanded(log, n, "Weir → DuckDB");
  const weirSeconds = (log.lastCommittedAt - startedAt) / 1000;
  const weirCpu = cpuSecondsSince(cpu);
  const weirRss = peakRss();
  const microBatches = log.microBatches;
  await weir.stop(connectionId);
  if (log.rows !== n || log.deadLetters) throw new Error(`Weir landed ${log.rows} rows and ${log.deadLetters} dead letters, expected ${n} rows.`);
  await verifyTable(warehouse, topic, n, "Weir → DuckDB");

  say("");
  say(
    throughputTable([
      { path: "(a) bare kafkajs eachBatch, no work", messages: n, bytes: bare.bytes, seconds: bare.seconds, cpuSeconds: bareCpu, peakRssBytes: bareRss },
      {
        path: "(b) Weir → DuckDB, committed",
        messages: n,
        bytes: bare.bytes,
        seconds: weirSeconds,
        cpuSeconds: weirCpu,
        peakRssBytes: weirRss,
        referenceRate: n / bare.seconds,
      },
    ]),
  );
  say("");
  say(
    `(b) ran in this process (the worker's stream supervisor; rows counted through onLanded): ${thousands(microBatches)} micro-batches, ${thousands(n / microBatches)} rows each on average; table verified: ${thousands(n)} rows, ${thousands(n)} distinct (topic, partition, offset).`,
  );
  say(
    `Ratio b/a: ${(bare.seconds / weirSeconds).toFixed(2)} (goal ≥ 0.8). MB = message values. Peak RSS = this process's VmHWM during each measurement (reset before each); CPU = this process's CPU time (all threads) per message. Broker and PostgreSQL in neither.`,
  );
}

async function latency(weir: TWeirBench, brokers: string, dir: string, rate: number, seconds: number, sourceConfig: Record<string, unknown>): Promise<void> {
  const topic = "bench_stream_latency";
  await createTopic(brokers, topic);
  // Discover proposes the table's columns from messages already in the topic.
  await runProducer({ mode: "bulk", brokers, topic, count: WARM_UP_MESSAGES });
  const warehouse = path.join(dir, "latency.duckdb");
  const connectionId = await weir.createKafkaConnection(topic, warehouse, sourceConfig);
  const log = new LandingLog();
  await weir.start(connectionId, log);
  await untilLanded(log, WARM_UP_MESSAGES, "latency warm-up");

  resetPeakRss();
  const cpu = process.cpuUsage();
  log.latencyFromMs = Date.now();
  const tickMs = positiveEnv("WEIR_BENCH_STREAM_TICK_MS", 20);
  const paced = await runProducer({ mode: "paced", brokers, topic, rate, seconds, firstSeq: WARM_UP_MESSAGES, tickMs });
  await untilLanded(log, WARM_UP_MESSAGES + paced.messages, "latency run");
  const rss = peakRss();
  const weirCore = cpuSecondsSince(cpu) / ((Date.now() - log.latencyFromMs) / 1000);
  await weir.stop(connectionId);
  await verifyTable(warehouse, topic, WARM_UP_MESSAGES + paced.messages, "latency run");

  const achieved = paced.messages / paced.seconds;
  say("");
  say(`Latency at ${thousands(rate)} msg/s for ${seconds} s (produce → committed in DuckDB, Kafka timestamp = send time):`);
  say(
    `  producer (child process, acks=all, a send every ${tickMs} ms): ${thousands(paced.messages)} messages in ${paced.seconds.toFixed(1)} s = ${thousands(achieved)} msg/s achieved; slowest ack ${thousands(paced.maxAckMs ?? 0)} ms, at worst ${thousands(paced.maxBehindMs ?? 0)} ms behind schedule; ${Math.round((100 * paced.cpuSeconds) / paced.seconds)}% of a core`,
  );
  say(
    `  Weir (in this process): ${latencyLine(log.latencies)}; ${thousands(log.microBatches)} micro-batches; ${Math.round(100 * weirCore)}% of a core; peak RSS ${mib(rss)}`,
  );
  const p99 = quantile(log.latencies, 0.99);
  say(`  Goal p99 < 2 s at 20,000 msg/s: ${rate >= 20_000 && p99 < 2_000 ? "met" : rate < 20_000 ? "not measured at 20,000 msg/s" : "not met"}.`);
}

async function main(): Promise<void> {
  const n = Math.trunc(positiveEnv("WEIR_BENCH_STREAM_N", 1_000_000));
  const rate = positiveEnv("WEIR_BENCH_STREAM_RATE", 20_000);
  const seconds = positiveEnv("WEIR_BENCH_STREAM_SECONDS", 30);
  const only = process.env.WEIR_BENCH_STREAM_ONLY;
  const sourceConfig = jsonEnv("WEIR_BENCH_STREAM_SOURCE");
  const latencySource = { ...sourceConfig, ...jsonEnv("WEIR_BENCH_STREAM_LATENCY_SOURCE") };
  say(
    `bench:stream: N = ${thousands(n)}, ${os.cpus().length} cores, Node ${process.version}, load average ${loadAverage()}; source config ${JSON.stringify(sourceConfig)} (else the connector's defaults), latency run ${JSON.stringify(latencySource)}; WEIR_STREAM_HOLD_MS ${process.env.WEIR_STREAM_HOLD_MS ?? "(default 5000)"}`,
  );

  const dir = mkdtempSync(path.join(os.tmpdir(), "weir-bench-stream-"));
  const kafka = await startKafkaBroker({ say });
  let weir: TWeirBench | undefined;
  try {
    weir = await startWeirBench(kafka.brokers);
    if (only !== "latency") await throughput(weir, kafka.brokers, dir, n, sourceConfig);
    if (only !== "throughput") await latency(weir, kafka.brokers, dir, rate, seconds, latencySource);
    say("");
    say(`load average at the end: ${loadAverage()} (other work on the machine shows here)`);
  } finally {
    await weir?.close().catch(() => undefined);
    await kafka.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench:stream failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
