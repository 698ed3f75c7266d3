import { describe, expect, it } from "vitest";
import { deadLetterTopic, parseKafkaConfig, topicSelected } from "@/connectors/kafka/config";
import { KAFKA_SPEC } from "@/connectors/kafka/spec";
import { validateConfig } from "@/connectors/spec";

describe("Kafka source configuration", () => {
  it("applies the defaults", () => {
    const c = parseKafkaConfig({ brokers: ["kafka:9092"], topics: ["orders"] });
    expect(c).toMatchObject({
      startFrom: "earliest",
      valueFormat: "json",
      maxBatchRecords: 50_000,
      maxWaitMs: 500,
      maxMessageBytes: 1_048_576,
      deadLetterSuffix: ".weir-dlq",
      security: { protocol: "plaintext" },
    });
  });

  it.each([
    [{ brokers: [], topics: ["a"] }, /brokers name at least one broker/],
    [{ brokers: ["kafka"], topics: ["a"] }, /brokers.0 must be host:port/],
    [{ brokers: ["kafka:9092"] }, /topics name the topics, or a topic pattern/],
    [{ brokers: ["kafka:9092"], topicPattern: "orders(" }, /topicPattern is not a valid regular expression/],
    [{ brokers: ["kafka:9092"], topics: ["a b"] }, /topics.0 must be a topic name/],
    [{ brokers: ["kafka:9092"], topics: ["a"], security: { protocol: "sasl_ssl" } }, /security.username SASL needs a username and a password/],
  ])("refuses %j with a message naming the field", (config, message) => {
    expect(() => parseKafkaConfig(config)).toThrow(message);
  });

  it("selects listed topics and whole-name pattern matches, never dead-letter or internal topics", () => {
    const c = parseKafkaConfig({ brokers: ["kafka:9092"], topics: ["audit"], topicPattern: "orders\\.[a-z]+" });
    expect(["audit", "orders.eu", "orders.eu.x", "orders.eu.weir-dlq", "__consumer_offsets", "xorders.eu"].filter((t) => topicSelected(c, t))).toEqual([
      "audit",
      "orders.eu",
    ]);
    expect(deadLetterTopic(c, "orders.eu")).toBe("orders.eu.weir-dlq");
  });

  it("has a spec the form validator accepts, with the SASL password secret", () => {
    expect(validateConfig(KAFKA_SPEC, { brokers: ["kafka:9092"], topics: ["orders"] }).ok).toBe(true);
    expect((KAFKA_SPEC.properties.security as { properties: Record<string, { secret?: boolean }> }).properties.password!.secret).toBe(true);
  });
});
