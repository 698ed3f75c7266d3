/**
 * Configuration of the Kafka source: brokers, security (plaintext, TLS with
 * an optional CA, SASL PLAIN / SCRAM), the topics (a list or a regex), the
 * consumer group, where a new group starts, the value format, an optional
 * JSON Schema per topic, micro-batch bounds and the dead-letter topic. The
 * zod schema validates at run time and applies the defaults; the JSON
 * Schema the UI renders is in spec.ts.
 */
import { z } from "zod";

import { AppError } from "@/lib/app-error";

export const SECURITY_PROTOCOLS = ["plaintext", "ssl", "sasl_plaintext", "sasl_ssl"] as const;
export const SASL_MECHANISMS = ["plain", "scram-sha-256", "scram-sha-512"] as const;
/** JSON now; the place for Avro with a schema registry (value decoders are looked up by this name). */
export const VALUE_FORMATS = ["json"] as const;
export const START_POSITIONS = ["earliest", "latest"] as const;

/** host:port, as Kafka's bootstrap.servers takes it. */
export const BROKER = /^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/;
/** Kafka's legal topic characters. */
export const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

const ZTopicSchema = z.object({
  topic: z.string().regex(TOPIC_NAME, "must be a topic name"),
  /** A JSON Schema (as JSON text) every message value of the topic must satisfy. */
  jsonSchema: z.string().min(2),
});

export const ZKafkaConfig = z
  .object({
    brokers: z.array(z.string().regex(BROKER, "must be host:port, e.g. kafka-1:9092")).min(1, "name at least one broker"),
    security: z
      .object({
        protocol: z.enum(SECURITY_PROTOCOLS).default("plaintext"),
        saslMechanism: z.enum(SASL_MECHANISMS).default("plain"),
        username: z.string().optional(),
        password: z.string().optional(),
        /** PEM of the CA that signed the brokers' certificates; the system's CAs otherwise. */
        caCertificate: z.string().optional(),
      })
      .default({ protocol: "plaintext", saslMechanism: "plain" })
      .refine((s) => !s.protocol.startsWith("sasl") || (s.username && s.password), { message: "SASL needs a username and a password", path: ["username"] }),
    topics: z.array(z.string().regex(TOPIC_NAME, "must be a topic name (letters, digits, . _ -)")).default([]),
    topicPattern: z.string().optional(),
    consumerGroup: z.string().min(1).max(200).optional(),
    startFrom: z.enum(START_POSITIONS).default("earliest"),
    valueFormat: z.enum(VALUE_FORMATS).default("json"),
    schemas: z.array(ZTopicSchema).default([]),
    maxBatchRecords: z.number().int().min(1).max(1_000_000).default(50_000),
    maxBatchBytes: z
      .number()
      .int()
      .min(1024)
      .max(512 * 1024 * 1024)
      .default(32 * 1024 * 1024),
    maxWaitMs: z.number().int().min(10).max(600_000).default(500),
    /** A message value larger than this goes to the dead-letter topic. */
    maxMessageBytes: z
      .number()
      .int()
      .min(1)
      .max(100 * 1024 * 1024)
      .default(1024 * 1024),
    /** Dead letters of topic T go to T + this suffix. */
    deadLetterSuffix: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,60}$/, "letters, digits, . _ - only")
      .default(".weir-dlq"),
  })
  .refine((c) => c.topics.length > 0 || c.topicPattern, { message: "name the topics, or a topic pattern", path: ["topics"] })
  .refine((c) => c.topicPattern === undefined || isRegex(c.topicPattern), { message: "is not a valid regular expression", path: ["topicPattern"] });

export type TKafkaConfig = z.infer<typeof ZKafkaConfig>;
export type TKafkaSourceConfig = z.input<typeof ZKafkaConfig>;

function isRegex(text: string): boolean {
  try {
    new RegExp(text);
    return true;
  } catch {
    return false;
  }
}

export function parseKafkaConfig(config: unknown): TKafkaConfig {
  const parsed = ZKafkaConfig.safeParse(config);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new AppError("BAD_INPUT", `Kafka source: ${issue.path.join(".") || "config"} ${issue.message}.`);
}

/** Whether a topic is one the configuration reads (its list, or its pattern; never a dead-letter or internal topic). */
export function topicSelected(config: TKafkaConfig, topic: string): boolean {
  if (topic.startsWith("__") || topic.endsWith(config.deadLetterSuffix)) return false;
  if (config.topics.includes(topic)) return true;
  return config.topicPattern !== undefined && new RegExp(`^(?:${config.topicPattern})$`).test(topic);
}

export function deadLetterTopic(config: TKafkaConfig, topic: string): string {
  return `${topic}${config.deadLetterSuffix}`.slice(0, 249);
}
