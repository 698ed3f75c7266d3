/**
 * The broker outage test: a worker streams a Kafka topic into a DuckDB
 * warehouse while a producer writes at a steady rate; the broker is stopped
 * for 30 s mid-stream and started again (same port, same data). The same
 * worker process, untouched, must resume by itself, and once it has caught
 * up (lag 0) the warehouse must hold every valid message the topic holds
 * exactly once, compared by (topic, partition, offset), with no gap.
 * The broker is this file's own (src/cli/kafka-broker.ts): the shared one
 * serves other test files.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TKafkaBroker, startKafkaBroker } from "@/cli/kafka-broker";
import { db } from "@/db/client";
import { type TSteadyProducer, readDeadLetterSources, readTopicTruth, sleep, startSteadyProducer } from "./stream-kafka-fixture";
import { compareWarehouse } from "./stream-warehouse-check";
import {
  type TStreamingScene,
  type TWorkerProcess,
  setUpStreamingScene,
  caughtUp,
  isRunning,
  landedByWorker,
  outputOf,
  startWorker,
  stopWorker,
  streamState,
  until,
  workerIdOf,
} from "./stream-worker-fixture";

const OUTAGE_MS = 30_000;
const DISCOVERY_MESSAGES = 500;
const PRODUCED = 50_000;
const PER_SECOND = 1_000;
const INVALID_EVERY = 250;

let scene: TStreamingScene | undefined;
let broker: TKafkaBroker | undefined;
let warehouse: string;
let topic: string;
let connectionId: string;
let producer: TSteadyProducer | undefined;
let worker: TWorkerProcess | undefined;

beforeAll(async () => {
  broker = await startKafkaBroker();
  scene = await setUpStreamingScene({ name: "outage", brokers: broker.brokers, partitions: 3, discovery: DISCOVERY_MESSAGES });
  ({ warehouse, topic, connectionId } = scene);
});

afterAll(async () => {
  await producer?.stop();
  if (worker) await stopWorker(worker, "SIGKILL");
  await broker?.stop();
  await scene?.close();
});

describe("a streaming worker when the Kafka broker goes away", () => {
  it("broker stopped for 30 s mid-stream: the consumer reconnects by itself and nothing is lost", async ({ annotate }) => {
    const kafka = broker!;
    const brokers = kafka.brokers;
    const started = Date.now();
    producer = startSteadyProducer({
      brokers,
      topic,
      from: DISCOVERY_MESSAGES,
      count: PRODUCED - DISCOVERY_MESSAGES,
      perSecond: PER_SECOND,
      invalidEvery: INVALID_EVERY,
    });
    const w = (worker = startWorker());
    const context = () => streamState(connectionId, warehouse, [w]);
    const logs = () => outputOf([w]);
    const workerId = await until("the worker to start", () => workerIdOf(w), 60_000, context);
    const landed = async (since?: Date) => (await landedByWorker(connectionId, since)).get(workerId) ?? 0;
    await until("the worker to land 3,000 messages", async () => (await landed()) >= 3_000, 60_000, context);

    const producedBefore = producer.produced();
    const stopping = Date.now();
    await kafka.stop();
    const stoppedAt = Date.now();
    const landedBeforeOutage = await landed();
    await sleep(OUTAGE_MS);
    const landedDuringOutage = (await landed()) - landedBeforeOutage; // what the worker had fetched before the broker went
    expect(isRunning(w), logs()).toBe(true);
    await kafka.restart();
    const restartedAt = Date.now();

    await until("the worker to land messages again", async () => (await landed(new Date(restartedAt))) > 0, 90_000, context);
    const resumedAt = Date.now();
    const producedAt = await producer.finished;
    await until("lag 0", () => caughtUp(brokers, connectionId, topic), 90_000, context);
    const caughtUpAt = Date.now();

    // The same process throughout: no worker was restarted to recover.
    expect(isRunning(w), logs()).toBe(true);
    expect((await db().workerHeartbeat.findMany()).map((h) => h.pid)).toEqual([w.pid]);
    const connection = await db().connection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(await stopWorker(w), logs()).toEqual({ code: 0, signal: null });

    const truth = await readTopicTruth(brokers, topic);
    const result = await compareWarehouse(warehouse, topic, truth);
    const deadLetters = await readDeadLetterSources(brokers, topic);
    await annotate(
      [
        `${result.produced} produced (${result.valid} valid, ${result.invalid} malformed; ${producedBefore} before the outage, ${producer.failedSends()} sends retried during it); ${result.rows} rows in the warehouse, ${result.distinctPositions} distinct positions`,
        `broker stopped in ${((stoppedAt - stopping) / 1000).toFixed(1)} s (${landedDuringOutage} messages landed meanwhile from what was fetched), away ${((restartedAt - stoppedAt) / 1000).toFixed(1)} s (restart included); first landing ${((resumedAt - restartedAt) / 1000).toFixed(1)} s after it was back`,
        `production ended after ${((producedAt - started) / 1000).toFixed(1)} s; lag 0 ${((caughtUpAt - producedAt) / 1000).toFixed(1)} s later; total ${((Date.now() - started) / 1000).toFixed(1)} s; stream error left on the connection: ${connection.streamError ?? "none"}`,
      ].join("\n"),
    );

    expect(result.produced).toBeGreaterThanOrEqual(PRODUCED);
    expect(result.invalid).toBeGreaterThanOrEqual((PRODUCED - DISCOVERY_MESSAGES) / INVALID_EVERY);
    expect({ missing: result.missing, unexpected: result.unexpected, wrongContent: result.wrongContent, gaps: result.gaps }).toEqual({
      missing: [],
      unexpected: [],
      wrongContent: [],
      gaps: [],
    });
    expect(result.rows).toBe(result.valid);
    expect(result.distinctPositions).toBe(result.rows);
    expect(deadLetters).toEqual(truth.invalid);
    expect(connection.streamError).toBeNull();
  }, 300_000);
});
