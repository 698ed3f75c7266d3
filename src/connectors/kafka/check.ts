/**
 * `check`: connects with the configuration's brokers and credentials and
 * lists the topics it can see (and, when the configuration names topics or a
 * pattern, that at least one of them exists). Everything fits in 10 s; a
 * failure names the cause.
 */
import { parseKafkaConfig, topicSelected } from "@/connectors/kafka/config";
import { kafkaClient, kafkaErrorMessage } from "@/connectors/kafka/client";
import type { TCheckResult, TConnectorContext } from "@/connectors/types";
import { isAppError } from "@/lib/app-error";

export const CHECK_TIME_LIMIT_MS = 10_000;

/** The topics the credentials can see, without internal ones; throws kafkajs errors. */
export async function listVisibleTopics(
  config: ReturnType<typeof parseKafkaConfig>,
  ctx: TConnectorContext,
  timeLimitMs = CHECK_TIME_LIMIT_MS,
): Promise<string[]> {
  const admin = kafkaClient(config, { log: ctx.log, retries: 1, connectionTimeoutMs: 3_000, requestTimeoutMs: 5_000 }).admin();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeLimitMs / 1000} s`)), timeLimitMs);
  });
  try {
    return await Promise.race([
      (async () => {
        await admin.connect();
        return (await admin.listTopics()).filter((t) => !t.startsWith("__")).sort();
      })(),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => undefined);
  }
}

export async function checkKafka(raw: unknown, ctx: TConnectorContext): Promise<TCheckResult> {
  let config;
  try {
    config = parseKafkaConfig(raw);
  } catch (e) {
    return { ok: false, message: isAppError(e) ? e.message : String(e) };
  }
  try {
    const topics = await listVisibleTopics(config, ctx);
    const wanted = topics.filter((t) => topicSelected(config, t));
    const missing = config.topics.filter((t) => !topics.includes(t));
    if (missing.length && !wanted.length) {
      return {
        ok: false,
        message: `Connected, but the topic${missing.length > 1 ? "s" : ""} ${missing.join(", ")} ${missing.length > 1 ? "do" : "does"} not exist or ${missing.length > 1 ? "are" : "is"} not visible to these credentials. Visible: ${topics.slice(0, 20).join(", ") || "none"}.`,
      };
    }
    const shown = topics.slice(0, 30).join(", ");
    return {
      ok: true,
      message: `Connected. ${topics.length} topic${topics.length === 1 ? "" : "s"} visible${topics.length ? `: ${shown}${topics.length > 30 ? ", …" : ""}` : ""}; this source reads ${wanted.length}.`,
    };
  } catch (e) {
    return { ok: false, message: `Kafka: ${kafkaErrorMessage(e, config)}` };
  }
}
