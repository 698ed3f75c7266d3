/**
 * The JSON Schema of the Kafka source's configuration, rendered as a form
 * (config.ts validates at run time and applies the defaults).
 */
import { BROKER, SASL_MECHANISMS, SECURITY_PROTOCOLS, START_POSITIONS, TOPIC_NAME, VALUE_FORMATS } from "@/connectors/kafka/config";
import type { TConnectorSpec } from "@/connectors/types";

export const KAFKA_SPEC: TConnectorSpec = {
  type: "object",
  title: "Apache Kafka",
  required: ["brokers"],
  additionalProperties: false,
  properties: {
    brokers: {
      type: "array",
      title: "Bootstrap brokers",
      description: "host:port of one or more brokers, e.g. kafka-1:9092.",
      minItems: 1,
      items: { type: "string", pattern: BROKER.source },
    },
    security: {
      type: "object",
      title: "Security",
      additionalProperties: false,
      properties: {
        protocol: {
          type: "string",
          title: "Protocol",
          enum: [...SECURITY_PROTOCOLS],
          default: "plaintext",
          description: "plaintext, TLS (ssl), SASL over plaintext or SASL over TLS",
        },
        saslMechanism: { type: "string", title: "SASL mechanism (SASL)", enum: [...SASL_MECHANISMS], default: "plain" },
        username: { type: "string", title: "Username (SASL)" },
        password: { type: "string", title: "Password (SASL)", secret: true },
        caCertificate: {
          type: "string",
          title: "CA certificate (TLS)",
          description: "PEM of the CA that signed the brokers' certificates; the system's CAs when empty.",
        },
      },
    },
    topics: {
      type: "array",
      title: "Topics",
      items: { type: "string", pattern: TOPIC_NAME.source },
      default: [],
      description: "Topics to read; or leave empty and give a pattern.",
    },
    topicPattern: {
      type: "string",
      title: "Topic pattern",
      description: "A regular expression matched against whole topic names, e.g. orders\\..* (dead-letter and internal topics are never matched).",
    },
    consumerGroup: {
      type: "string",
      title: "Consumer group id",
      description: "Default: one group per connection (weir-<connection>). Set it only when one connection reads this source.",
    },
    startFrom: { type: "string", title: "Start position of a new group", enum: [...START_POSITIONS], default: "earliest" },
    valueFormat: {
      type: "string",
      title: "Value format",
      enum: [...VALUE_FORMATS],
      default: "json",
      description: "JSON objects (Avro with a schema registry is planned).",
    },
    schemas: {
      type: "array",
      title: "JSON Schema per topic",
      description: "Messages that do not satisfy their topic's schema go to the dead-letter topic.",
      default: [],
      items: {
        type: "object",
        required: ["topic", "jsonSchema"],
        additionalProperties: false,
        properties: {
          topic: { type: "string", title: "Topic", pattern: TOPIC_NAME.source },
          jsonSchema: { type: "string", title: "JSON Schema (JSON text)", minLength: 2 },
        },
      },
    },
    maxBatchRecords: { type: "integer", title: "Micro-batch: max records", minimum: 1, maximum: 1_000_000, default: 50_000 },
    maxBatchBytes: { type: "integer", title: "Micro-batch: max bytes", minimum: 1024, default: 33_554_432 },
    maxWaitMs: {
      type: "integer",
      title: "Micro-batch: max wait (ms)",
      minimum: 10,
      maximum: 600_000,
      default: 500,
      description: "A micro-batch lands at the latest this long after its first message.",
    },
    maxMessageBytes: {
      type: "integer",
      title: "Largest message value (bytes)",
      minimum: 1,
      default: 1_048_576,
      description: "Larger values go to the dead-letter topic.",
    },
    deadLetterSuffix: { type: "string", title: "Dead-letter topic suffix", default: ".weir-dlq", pattern: "^[A-Za-z0-9._-]{1,60}$" },
  },
};
