/**
 * The streaming kill test: while 200,000 messages stream into a Kafka topic
 * at a steady rate, the worker landing them in a DuckDB warehouse is killed
 * with SIGKILL at ten random moments (after a fresh worker has landed a
 * random 0–2 micro-batches, plus a random part of a landing: before the
 * first landing, inside one, or between a landing and its offset commit)
 * and a new worker is started after each kill. Right after each kill the group's
 * committed offsets are checked against the warehouse (nothing committed
 * that has not landed). Once the last worker has caught up (lag 0), the
 * warehouse must hold every valid message the topic holds exactly once,
 * compared by (topic, partition, offset), with no gap in any partition other
 * than the malformed messages, which are in the dead-letter topic.
 * Real worker processes, the shared test broker, a real DuckDB file.
 * The kill moments come from a seeded generator: WEIR_TEST_SEED replays them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBrokers } from "@/connectors/kafka/kafka-fixture";
import { type TSteadyProducer, readDeadLetterSources, readTopicTruth, sleep, startSteadyProducer } from "./stream-kafka-fixture";
import { type TKillSnapshot, compareWarehouse, snapshotAfterKill, validBelow } from "./stream-warehouse-check";
import {
  type TStreamingScene,
  type TWorkerProcess,
  setUpStreamingScene,
  assignmentsOf,
  caughtUp,
  microBatchesLanded,
  outputOf,
  seededRandom,
  startWorker,
  stopWorker,
  streamState,
  until,
  workerIdOf,
} from "./stream-worker-fixture";

const TOTAL = 200_000;
const DISCOVERY_MESSAGES = 1_000;
const PER_SECOND = 2_500;
const INVALID_EVERY = 500;
const KILLS = 10;
const PARTITIONS = 4;

let scene: TStreamingScene | undefined;
let warehouse: string;
let brokers: string;
let topic: string;
let connectionId: string;
let producer: TSteadyProducer | undefined;
const workers: TWorkerProcess[] = [];

beforeAll(async () => {
  brokers = testBrokers();
  scene = await setUpStreamingScene({ name: "kill", brokers, partitions: PARTITIONS, discovery: DISCOVERY_MESSAGES });
  ({ warehouse, topic, connectionId } = scene);
});

afterAll(async () => {
  await producer?.stop();
  await Promise.all(workers.map((w) => stopWorker(w, "SIGKILL")));
  await scene?.close();
});

describe("a streaming worker killed with SIGKILL", () => {
  it(`killed at ${KILLS} random moments while ${TOTAL} messages stream in: the warehouse holds every valid message exactly once`, async ({ annotate }) => {
    const seed = Number(process.env.WEIR_TEST_SEED) || Math.floor(Math.random() * 1e9);
    const random = seededRandom(seed);
    const context = async () => `seed ${seed}\n${await streamState(connectionId, warehouse, workers.slice(-2))}`;
    const logs = () => `seed ${seed}\n${outputOf(workers.slice(-2))}`;
    const started = Date.now();
    producer = startSteadyProducer({
      brokers,
      topic,
      from: DISCOVERY_MESSAGES,
      count: TOTAL - DISCOVERY_MESSAGES,
      perSecond: PER_SECOND,
      invalidEvery: INVALID_EVERY,
    });

    const kills: {
      landedFirst: number;
      thenMs: number;
      afterAssignedMs: number;
      killedAt: number;
      producedAt: number;
      rejoinMs: number;
      snapshot: TKillSnapshot;
    }[] = [];
    const hasPartitions = (w: TWorkerProcess) => () => assignmentsOf(w).some((a) => a.length === PARTITIONS) && Date.now();
    let worker = startWorker();
    workers.push(worker);
    let assignedAt = await until("the first worker's partitions", hasPartitions(worker), 60_000, context);
    for (let i = 0; i < KILLS; i++) {
      // A random moment: after the fresh worker has landed 0–2 micro-batches, plus 0–600 ms (about one landing),
      // so kills fall before the first landing, inside a landing, and between a landing and its offset commit.
      const landedFirst = Math.floor(random() * 3);
      const thenMs = Math.round(random() * 600);
      const current = worker;
      const workerId = await until("the worker id", () => workerIdOf(current), 10_000, context);
      await until(
        `worker ${i + 1} to land ${landedFirst} micro-batches`,
        async () => (await microBatchesLanded(connectionId, workerId)) >= landedFirst,
        60_000,
        context,
        25,
      );
      await sleep(thenMs);
      worker.child.kill("SIGKILL");
      expect((await worker.exited).signal).toBe("SIGKILL");
      const killedAt = Date.now();
      const producedAt = producer.produced();
      worker = startWorker();
      workers.push(worker);
      // The next worker cannot land before the dead one's session expires (6 s): the snapshot sees the dead worker's last state.
      const snapshot = await snapshotAfterKill(brokers, `weir-connection-${connectionId}`, topic, warehouse);
      expect(assignmentsOf(worker), "the snapshot was taken before the next worker joined").toEqual([]);
      const afterAssignedMs = killedAt - assignedAt;
      assignedAt = await until(`worker ${i + 2} to get the partitions after kill ${i + 1}`, hasPartitions(worker), 60_000, context);
      kills.push({ landedFirst, thenMs, afterAssignedMs, killedAt, producedAt, rejoinMs: assignedAt - killedAt, snapshot });
    }
    const lastKillAt = kills.at(-1)!.killedAt;

    const producedAt = await producer.finished;
    await until("lag 0 after the last kill", () => caughtUp(brokers, connectionId, topic), 120_000, context);
    const caughtUpAt = Date.now();
    expect(await stopWorker(worker), logs()).toEqual({ code: 0, signal: null });

    const truth = await readTopicTruth(brokers, topic);
    const result = await compareWarehouse(warehouse, topic, truth);
    const deadLetters = await readDeadLetterSources(brokers, topic);
    const lagAtKill = kills.map((k) => k.snapshot.partitions.reduce((n, p) => n + p.end - p.committed, 0));
    await annotate(
      [
        `seed ${seed}`,
        `${result.produced} produced (${result.valid} valid, ${result.invalid} malformed); ${result.rows} rows in the warehouse, ${result.distinctPositions} distinct positions`,
        ...kills.map(
          (k, i) =>
            `kill ${i + 1}: after ${k.landedFirst} landings + ${k.thenMs} ms (${k.afterAssignedMs} ms after the worker got its partitions), ` +
            `${k.producedAt} produced; ${k.snapshot.rows} rows in the warehouse, lag ${lagAtKill[i]}, ${k.snapshot.partitions.reduce((n, p) => n + p.beyond, 0)} of them landed but not committed (read again and merged away)`,
        ),
        `the next worker had the partitions ${Math.min(...kills.map((k) => k.rejoinMs))}–${Math.max(...kills.map((k) => k.rejoinMs))} ms after a kill`,
        `the last kill after ${((lastKillAt - started) / 1000).toFixed(1)} s, production ended after ${((producedAt - started) / 1000).toFixed(1)} s; ` +
          `lag 0 ${((caughtUpAt - lastKillAt) / 1000).toFixed(1)} s after the last kill, ${((caughtUpAt - producedAt) / 1000).toFixed(1)} s after the last message; total ${((Date.now() - started) / 1000).toFixed(1)} s`,
      ].join("\n"),
    );

    expect(kills).toHaveLength(KILLS);
    expect(
      lagAtKill.every((lag) => lag > 0),
      `every kill hit a worker with messages still to land (lag at the kills: ${lagAtKill.join(", ")})`,
    ).toBe(true);
    for (const [i, k] of kills.entries()) {
      // Nothing is committed before it has landed: every valid message below a committed offset is in the warehouse, once.
      expect(
        k.snapshot.partitions.map((p) => ({ partition: p.partition, below: p.below })),
        `after kill ${i + 1}`,
      ).toEqual(k.snapshot.partitions.map((p) => ({ partition: p.partition, below: validBelow(truth, p.partition, p.committed) })));
      expect(k.snapshot.distinctPositions, `after kill ${i + 1}`).toBe(k.snapshot.rows);
    }
    expect(result.produced).toBe(TOTAL);
    expect(result.invalid).toBe((TOTAL - DISCOVERY_MESSAGES) / INVALID_EVERY);
    expect({ missing: result.missing, unexpected: result.unexpected, wrongContent: result.wrongContent, gaps: result.gaps }).toEqual({
      missing: [],
      unexpected: [],
      wrongContent: [],
      gaps: [],
    });
    expect(result.rows).toBe(result.valid);
    expect(result.distinctPositions).toBe(result.rows);
    expect(deadLetters).toEqual(truth.invalid);
  }, 300_000);
});
