/**
 * `check` and `discover` against the real broker `npm test` starts, and
 * against brokers that cannot answer: each failure within 10 s, naming its cause.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SASL_USER } from "@/cli/kafka-broker";
import { createTopic, produce, testBrokers, testSaslBrokers } from "@/connectors/kafka/kafka-fixture";
import { connector } from "@/connectors/kafka/source";
import { logger } from "@/lib/logger";

const ctx = () => ({ log: logger, signal: new AbortController().signal });
let silent: net.Server;
let silentPort = 0;
let closedPort = 0;

beforeAll(async () => {
  // Accepts connections and never answers: a broker that hangs.
  silent = net.createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  silentPort = (silent.address() as net.AddressInfo).port;
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPort = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});

afterAll(() => {
  silent?.close();
});

async function timedCheck(config: unknown) {
  const started = Date.now();
  const result = await connector.check(config as never, ctx());
  return { result, seconds: (Date.now() - started) / 1000 };
}

describe("Kafka check", () => {
  it("connects and lists the topics it can see", async () => {
    const topic = await createTopic("check");
    const { result } = await timedCheck({ brokers: [testBrokers()], topics: [topic] });
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(new RegExp(`topics? visible: .*${topic}.*; this source reads 1\\.`));
  });

  it("names topics that do not exist", async () => {
    const { result } = await timedCheck({ brokers: [testBrokers()], topics: ["no-such-topic-here"] });
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/^Connected, but the topic no-such-topic-here does not exist or is not visible to these credentials\./),
    });
  });

  it("connects with SASL credentials, and fails within 10 s naming the credentials when they are wrong", async () => {
    const topic = await createTopic("sasl");
    const sasl = (password: string) => ({
      brokers: [testSaslBrokers()],
      topics: [topic],
      security: { protocol: "sasl_plaintext", saslMechanism: "plain", username: TEST_SASL_USER.username, password },
    });
    expect((await timedCheck(sasl(TEST_SASL_USER.password))).result.ok).toBe(true);
    const { result, seconds } = await timedCheck(sasl("wrong-password"));
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/^Kafka: the brokers refused the credentials \(.*\)\. Check the username, password and SASL mechanism\.$/),
    });
    expect(result.message).not.toContain("wrong-password");
    expect(seconds).toBeLessThan(10.5);
  });

  it.each([
    ["nothing listens on the port", () => `127.0.0.1:${closedPort}`, /no broker accepts connections at 127\.0\.0\.1:\d+ \(connection refused\)/],
    ["the host name does not resolve", () => "kafka.invalid:9092", /a broker host name in kafka\.invalid:9092 does not resolve/],
    ["the broker never answers", () => `127.0.0.1:${silentPort}`, /did not answer in time|timed out/],
  ])("fails within 10 s when %s, saying so", async (_, broker, message) => {
    const { result, seconds } = await timedCheck({ brokers: [broker()], topics: ["orders"] });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(message);
    expect(seconds).toBeLessThan(10.5);
  });
});

describe("Kafka discover", () => {
  it("proposes each topic's columns from its recent messages, 64-bit whole numbers and nested objects as json", async () => {
    const topic = await createTopic("discover", 2);
    await produce(
      topic,
      Array.from({ length: 50 }, (_, i) => ({
        value: JSON.stringify({ n: i, name: `x${i}`, at: "2026-11-23T10:00:00Z", nested: { a: [i] }, ...(i % 2 ? { maybe: true } : {}) }),
      })),
    );
    await produce(topic, [{ value: "not json" }]);
    const catalog = await connector.discover({ brokers: [testBrokers()], topics: [topic] }, ctx());
    expect(catalog.streams).toHaveLength(1);
    const s = catalog.streams[0]!;
    expect(s.name).toBe(topic);
    expect(s.estimatedRows).toBe(51);
    expect(s.columns.filter((c) => !c.name.startsWith("_weir_")).map((c) => [c.name, c.type.kind, c.nullable])).toEqual([
      ["n", "bigint", true],
      ["name", "text", true],
      ["at", "timestamptz", true],
      ["nested", "json", true],
      ["maybe", "boolean", true],
    ]);
    expect(s.primaryKey).toEqual(["_weir_topic", "_weir_partition", "_weir_offset"]);
  });

  it("samples numbers exactly: integers past 2^53 are bigint and long decimals numeric, never float", async () => {
    const topic = await createTopic("discover-exact", 1);
    await produce(topic, [{ value: '{"id": 9223372036854775807, "amount": 0.12345678901234567890123}' }, { value: '{"id": 9007199254740993, "amount": 1.5}' }]);
    const catalog = await connector.discover({ brokers: [testBrokers()], topics: [topic] }, ctx());
    const kinds = Object.fromEntries(catalog.streams[0]!.columns.map((c) => [c.name, c.type.kind]));
    expect(kinds).toMatchObject({ id: "bigint", amount: "numeric" });
  });
});
