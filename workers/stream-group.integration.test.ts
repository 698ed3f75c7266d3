/**
 * Streaming workers sharing a connection: two worker processes join the
 * connection's consumer group and split its partitions (as the broker's
 * group coordinator describes them) and both land micro-batches, taking
 * turns on the DuckDB file; one is stopped with SIGTERM and the other takes
 * all the partitions; a newly started worker then picks up its share. A
 * producer writes at a steady rate throughout, and once the workers have
 * caught up (lag 0) the warehouse must hold every valid message the topic
 * holds exactly once, compared by (topic, partition, offset), with no gap.
 * And with the default hold, a worker whose partitions go quiet must not
 * keep the DuckDB file from the other worker.
 * Real worker processes, the shared test broker, a real DuckDB file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBrokers } from "@/connectors/kafka/kafka-fixture";
import {
  type TGroupMember,
  type TSteadyProducer,
  describeGroup,
  produceToPartition,
  readDeadLetterSources,
  readTopicTruth,
  startSteadyProducer,
} from "./stream-kafka-fixture";
import { compareWarehouse, copiesOf } from "./stream-warehouse-check";
import {
  type TStreamingScene,
  type TWorkerProcess,
  setUpStreamingScene,
  assignmentsOf,
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

const PARTITIONS = 6;
const DISCOVERY_MESSAGES = 500;
const PER_SECOND = 1_500;
const INVALID_EVERY = 300;
/** Two workers take turns on the DuckDB file: each gives it up 300 ms after taking it. */
const WORKER_ENV = { WEIR_STREAM_HOLD_MS: "300" };

let scene: TStreamingScene | undefined;
let warehouse: string;
let brokers: string;
let topic: string;
let connectionId: string;
let producer: TSteadyProducer | undefined;
const workers: TWorkerProcess[] = [];

beforeAll(async () => {
  brokers = testBrokers();
  scene = await setUpStreamingScene({ name: "group", brokers, partitions: PARTITIONS, discovery: DISCOVERY_MESSAGES });
  ({ warehouse, topic, connectionId } = scene);
});

afterAll(async () => {
  await producer?.stop();
  await Promise.all(workers.map((w) => stopWorker(w, "SIGKILL")));
  await scene?.close();
});

const allPartitions = () => Array.from({ length: PARTITIONS }, (_, p) => `${topic}:${p}`);

/** The group once it is stable with `size` members, each holding at least one partition, together holding every partition once. */
async function splitAmong(size: number, context: () => Promise<string>): Promise<TGroupMember[]> {
  return until(
    `the group to settle with ${size} members sharing the ${PARTITIONS} partitions`,
    async () => {
      const group = await describeGroup(brokers, `weir-connection-${connectionId}`);
      const held = group.members.flatMap((m) => m.partitions).sort();
      const settled = group.state === "Stable" && group.members.length === size && group.members.every((m) => m.partitions.length > 0);
      return settled && JSON.stringify(held) === JSON.stringify(allPartitions()) ? group.members : undefined;
    },
    60_000,
    context,
  );
}

/** Waits until the worker has landed a micro-batch after `since`; the worker id its throughput samples carry. */
async function landsAfter(w: TWorkerProcess, since: Date, context: () => Promise<string>): Promise<string> {
  const workerId = await until("the worker id", () => workerIdOf(w), 30_000, context);
  await until(`worker ${w.pid} to land messages`, async () => ((await landedByWorker(connectionId, since)).get(workerId) ?? 0) > 0, 60_000, context);
  return workerId;
}

describe("streaming workers sharing a connection's consumer group", () => {
  it("two workers split the partitions; stopping one hands its partitions to the other, and a new one takes its share, without loss", async ({ annotate }) => {
    const context = () => streamState(connectionId, warehouse, workers);
    const logs = () => outputOf(workers);
    const started = Date.now();
    producer = startSteadyProducer({ brokers, topic, from: DISCOVERY_MESSAGES, count: 1_000_000, perSecond: PER_SECOND, invalidEvery: INVALID_EVERY });

    const [a, b] = [startWorker(WORKER_ENV), startWorker(WORKER_ENV)] as const;
    workers.push(a, b);
    const pair = await splitAmong(2, context);
    const splitAt = new Date();
    await Promise.all([landsAfter(a, splitAt, context), landsAfter(b, splitAt, context)]);
    const bothLandedAt = Date.now();

    // A leaves: B is given every partition and keeps landing.
    const stopping = Date.now();
    expect(await stopWorker(a), logs()).toEqual({ code: 0, signal: null });
    const stoppedAt = new Date();
    const alone = await splitAmong(1, context);
    expect(alone[0]!.partitions).toEqual(allPartitions());
    await until("B to log that it holds every partition", () => assignmentsOf(b).at(-1)?.length === PARTITIONS, 10_000, context);
    expect([...(assignmentsOf(b).at(-1) ?? [])].sort()).toEqual(allPartitions());
    await landsAfter(b, stoppedAt, context);
    const handedOverAt = Date.now();

    // C joins: it picks up its share from B, and both land.
    const c = startWorker(WORKER_ENV);
    workers.push(c);
    const joined = await splitAmong(2, context);
    const rejoinedAt = new Date();
    await Promise.all([landsAfter(b, rejoinedAt, context), landsAfter(c, rejoinedAt, context)]);
    expect(assignmentsOf(c).at(-1)?.length).toBeGreaterThan(0);

    await producer.stop();
    const productionStoppedAt = Date.now();
    await until("lag 0", () => caughtUp(brokers, connectionId, topic), 90_000, context);
    const caughtUpAt = Date.now();
    const [stoppedB, stoppedC] = await Promise.all([stopWorker(b), stopWorker(c)]);
    expect({ b: stoppedB, c: stoppedC }, logs()).toEqual({ b: { code: 0, signal: null }, c: { code: 0, signal: null } });

    const truth = await readTopicTruth(brokers, topic);
    const result = await compareWarehouse(warehouse, topic, truth);
    const deadLetters = await readDeadLetterSources(brokers, topic);
    const landed = await landedByWorker(connectionId);
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    await annotate(
      [
        `${result.produced} produced (${result.valid} valid, ${result.invalid} malformed); ${result.rows} rows in the warehouse, ${result.distinctPositions} distinct positions`,
        `split between two workers: ${pair.map((m) => m.partitions.length).join(" + ")} partitions; after the SIGTERM one holds ${alone[0]!.partitions.length}; with the new worker: ${joined.map((m) => m.partitions.length).join(" + ")}`,
        `messages landed per worker (with re-reads): ${[a, b, c].map((w) => `pid ${w.pid} ${landed.get(workerIdOf(w) ?? "") ?? 0}`).join(", ")}`,
        `both landing ${seconds(bothLandedAt - started)} after start; SIGTERM took ${seconds(stoppedAt.getTime() - stopping)}; the other landed all partitions ${seconds(handedOverAt - stoppedAt.getTime())} later; ` +
          `lag 0 ${seconds(caughtUpAt - productionStoppedAt)} after production stopped; total ${seconds(Date.now() - started)}`,
      ].join("\n"),
    );

    expect(result.produced).toBeGreaterThan(DISCOVERY_MESSAGES);
    expect(result.invalid).toBeGreaterThan(0);
    expect({ missing: result.missing, unexpected: result.unexpected, wrongContent: result.wrongContent, gaps: result.gaps }).toEqual({
      missing: [],
      unexpected: [],
      wrongContent: [],
      gaps: [],
    });
    expect(result.rows).toBe(result.valid);
    expect(result.distinctPositions).toBe(result.rows);
    expect(deadLetters).toEqual(truth.invalid);
  }, 240_000);

  it("a worker whose partitions go quiet gives the DuckDB file up to the other (default hold)", async ({ annotate }) => {
    await Promise.all(workers.map((w) => stopWorker(w, "SIGKILL"))); // left running if the test before failed
    const context = () => streamState(connectionId, warehouse, workers);
    const logs = () => outputOf(workers.filter(isRunning));
    const [x, y] = [startWorker(), startWorker()] as const;
    workers.push(x, y);
    await splitAmong(2, context);
    const [px, py] = await until(
      "both workers to log their share",
      () => {
        const [ofX, ofY] = [assignmentsOf(x).at(-1) ?? [], assignmentsOf(y).at(-1) ?? []];
        const split = ofX.length > 0 && ofY.length > 0 && ofX.length + ofY.length === PARTITIONS;
        return split ? ([ofX[0]!, ofY[0]!].map((tp) => Number(tp.split(":")[1])) as [number, number]) : undefined;
      },
      30_000,
      context,
    );

    // X lands one message; then its partitions stay quiet.
    await produceToPartition(brokers, topic, px, [2_000_000]);
    await until("X's message to land", () => caughtUp(brokers, connectionId, topic), 30_000, context);
    // Y's message must land once X's hold (5 s) is over, not wait for X to land something else.
    const sentToY = Date.now();
    await produceToPartition(brokers, topic, py, [2_000_001]);
    await until(
      `Y's message to land while X (pid ${x.pid}, partition ${px}) is idle (Y: pid ${y.pid}, partition ${py})`,
      () => caughtUp(brokers, connectionId, topic),
      20_000,
      context,
    );
    const landedAfterMs = Date.now() - sentToY;
    const [stoppedX, stoppedY] = await Promise.all([stopWorker(x), stopWorker(y)]);
    expect({ x: stoppedX, y: stoppedY }, logs()).toEqual({ x: { code: 0, signal: null }, y: { code: 0, signal: null } });

    await annotate(`Y's message landed ${(landedAfterMs / 1000).toFixed(1)} s after it was sent`);
    expect(await copiesOf(warehouse, topic, [2_000_000, 2_000_001])).toEqual({ 2_000_000: 1, 2_000_001: 1 });
  }, 120_000);
});
