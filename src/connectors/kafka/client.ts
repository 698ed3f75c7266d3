/**
 * kafkajs clients for a Kafka source configuration: brokers, TLS (with the
 * configured CA) and SASL, kafkajs's own logging routed into Weir's logger
 * (warnings and errors only; it is chatty; WEIR_KAFKA_DEBUG=1 routes all of
 * it at debug, to diagnose a consumer), and errors turned into messages
 * that name the cause.
 */
import { Kafka, type KafkaConfig, logLevel, type SASLOptions } from "kafkajs";

import type { TKafkaConfig } from "@/connectors/kafka/config";
import type { Logger } from "@/lib/logger";
import { setting } from "@/lib/env";

export type TClientOptions = {
  clientId?: string;
  log?: Logger;
  /** Retries of one request before kafkajs gives up (consumers retry forever on top, see consume.ts). */
  retries?: number;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
};

function sasl(config: TKafkaConfig): SASLOptions | undefined {
  const { protocol, saslMechanism, username = "", password = "" } = config.security;
  if (!protocol.startsWith("sasl")) return undefined;
  switch (saslMechanism) {
    case "plain":
      return { mechanism: "plain", username, password };
    case "scram-sha-256":
      return { mechanism: "scram-sha-256", username, password };
    case "scram-sha-512":
      return { mechanism: "scram-sha-512", username, password };
  }
}

export function kafkaClient(config: TKafkaConfig, opts: TClientOptions = {}): Kafka {
  const { protocol, caCertificate } = config.security;
  const tls = protocol === "ssl" || protocol === "sasl_ssl";
  const log = opts.log;
  const kafkaConfig: KafkaConfig = {
    clientId: opts.clientId ?? "weir",
    brokers: config.brokers,
    ssl: tls ? (caCertificate ? { ca: [caCertificate] } : true) : false,
    sasl: sasl(config),
    connectionTimeout: opts.connectionTimeoutMs ?? 3_000,
    requestTimeout: opts.requestTimeoutMs ?? 30_000,
    retry: { retries: opts.retries ?? 5, initialRetryTime: 300, maxRetryTime: 5_000 },
    logLevel: setting("WEIR_KAFKA_DEBUG") === "1" ? logLevel.DEBUG : logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }) => {
        if (!log) return;
        const { message, ...rest } = entry as { message: string } & Record<string, unknown>;
        const fields = { kafka: { namespace: entry.namespace, ...rest } };
        if (level === logLevel.ERROR) log.warn(fields, `kafka: ${message}`);
        else log.debug(fields, `kafka: ${message}`);
      },
  };
  return new Kafka(kafkaConfig);
}

/** A kafkajs error as a sentence naming the cause (the broker list, the credentials, the certificate…). */
export function kafkaErrorMessage(error: unknown, config: TKafkaConfig): string {
  const e = error as { name?: string; message?: string; cause?: unknown; originalError?: unknown };
  const inner = (e.originalError ?? e.cause) as { message?: string; name?: string } | undefined;
  const text = `${e.message ?? String(error)}${inner?.message && inner.message !== e.message ? ` (${inner.message})` : ""}`;
  const brokers = config.brokers.join(", ");
  if (e.name === "KafkaJSSASLAuthenticationError" || /SASL|authenticat/i.test(text))
    return `the brokers refused the credentials (${text}). Check the username, password and SASL mechanism.`;
  if (/ECONNREFUSED/.test(text))
    return `no broker accepts connections at ${brokers} (connection refused). Check the host names and ports, and that Kafka is running.`;
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return `a broker host name in ${brokers} does not resolve (${text}).`;
  if (/certificate|SSL|TLS|self.signed|unable to verify/i.test(text))
    return `the TLS handshake with ${brokers} failed (${text}). Check the protocol and the CA certificate.`;
  if (/timed? ?out|ETIMEDOUT|Broker not connected/i.test(text)) {
    return `the brokers at ${brokers} did not answer in time (${text}). Check that the port is a Kafka listener and that the protocol (plaintext, TLS, SASL) matches it.`;
  }
  return `${text} (brokers: ${brokers})`;
}
