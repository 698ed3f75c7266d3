/**
 * The Kafka source: a streaming source. `check` lists the topics the
 * credentials see; `discover` proposes each topic's columns from its recent
 * messages; its connections do not run as sync runs but continuously in the
 * workers (`streaming`, consume.ts), every message landing exactly once in
 * its topic's bronze table. See docs/connectors/kafka.md.
 */
import { checkKafka } from "@/connectors/kafka/check";
import { type TKafkaSourceConfig, parseKafkaConfig } from "@/connectors/kafka/config";
import { startKafkaStream } from "@/connectors/kafka/consume";
import { discoverKafka } from "@/connectors/kafka/discover";
import { kafkaPositions } from "@/connectors/kafka/positions";
import { KAFKA_SPEC } from "@/connectors/kafka/spec";
import type { TSourceConnector } from "@/connectors/source-connector";
import { AppError } from "@/lib/app-error";

export type { TKafkaSourceConfig } from "@/connectors/kafka/config";

export const connector: TSourceConnector<TKafkaSourceConfig> = {
  kind: "source",
  name: "kafka",
  title: "Apache Kafka",
  spec: KAFKA_SPEC,
  check: checkKafka,
  discover: (config, ctx) => discoverKafka(parseKafkaConfig(config), ctx),
  // eslint-disable-next-line require-yield
  async *read() {
    throw new AppError("BAD_INPUT", "Kafka is a streaming source: start its connection instead of running a sync.");
  },
  streaming: {
    start: (config, input, ctx) => startKafkaStream(parseKafkaConfig(config), input, ctx),
    positions: (config, group, topics, ctx) => kafkaPositions(parseKafkaConfig(config), group, topics, ctx),
  },
  /** OpenLineage's Kafka naming: kafka://<first bootstrap broker>, the topic. */
  lineageDataset: (config, relation) => ({ namespace: `kafka://${parseKafkaConfig(config).brokers[0]}`, name: relation }),
};
