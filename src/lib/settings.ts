/**
 * Every environment variable Weir reads, with its type and default (a zod
 * schema over the raw text), what it means, and who sets it:
 * - "operator": configuration of a deployment; the README's table lists
 *   exactly these (src/lib/settings.test.ts checks it);
 * - "internal": set by Weir itself for the processes it starts;
 * - "harness": tests and benchmarks only.
 * Read them with `setting(name)` (src/lib/env.ts), never process.env.
 */
import { z } from "zod";

type TAudience = "operator" | "internal" | "harness";
type TSetting = { schema: z.ZodType; meaning: string; audience: TAudience };

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
const onOff = (fallback: "on" | "off") => z.enum(["on", "off"], { message: 'is "on" or "off"' }).default(fallback);
const text = () => z.string().min(1).optional();
const url = () => z.string().url("is not a URL").optional();

const declare = <T extends Record<string, TSetting>>(settings: T) => settings;

export const SETTINGS = declare({
  // ---- the deployment
  NODE_ENV: {
    schema: z.enum(["development", "test", "production"]).default("development"),
    meaning: "Node's mode; test lowers costs (password hashing) and log level",
    audience: "internal",
  },
  DATABASE_URL: { schema: url(), meaning: "PostgreSQL for metadata and the job queue; unset: the embedded PostgreSQL", audience: "operator" },
  WEIR_STATE_DIR: { schema: z.string().default(".weir"), meaning: "state folder (embedded database, generated secrets)", audience: "operator" },
  PORT: { schema: int(1, 65535, 3000), meaning: "port of the web app", audience: "operator" },
  WEIR_HOST: { schema: z.string().default("127.0.0.1"), meaning: "address the web app listens on", audience: "operator" },
  WEIR_PG_PORT: { schema: int(0, 65535, 0), meaning: "port of the embedded PostgreSQL; 0 picks a free one", audience: "operator" },
  WEIR_DB_POOL: { schema: int(1, 1000, 10), meaning: "connections per process to the metadata database", audience: "operator" },
  NEXTAUTH_URL: {
    schema: url(),
    meaning: "where Weir is reached (sign-in callbacks, links in e-mails and alerts); default http://localhost:$PORT",
    audience: "operator",
  },
  NEXTAUTH_SECRET: {
    schema: z.string().min(16, "has at least 16 characters").optional(),
    meaning: "signs session tokens; generated into the state folder when unset",
    audience: "operator",
  },
  WEIR_SECRET_KEY: {
    schema: text(),
    meaning: "32-byte key (base64url) sealing secrets at rest; generated into the state folder when unset",
    audience: "operator",
  },
  WEIR_SECRET_KEY_PREVIOUS: { schema: text(), meaning: "the key before a rotation: still opens what it sealed", audience: "operator" },
  WEIR_ADMIN_EMAIL: { schema: z.string().email().optional(), meaning: "the first admin's e-mail (default admin@weir.local)", audience: "operator" },
  WEIR_ADMIN_PASSWORD: {
    schema: z.string().min(8).optional(),
    meaning: "the first admin's password; with the e-mail it also resets it (default generated)",
    audience: "operator",
  },
  OIDC_ISSUER: { schema: url(), meaning: "single sign-on: the OIDC provider's issuer URL", audience: "operator" },
  OIDC_CLIENT_ID: { schema: text(), meaning: "single sign-on: the client id", audience: "operator" },
  OIDC_CLIENT_SECRET: { schema: text(), meaning: "single sign-on: the client secret", audience: "operator" },
  OIDC_NAME: { schema: z.string().default("Single sign-on"), meaning: "single sign-on: the button's label", audience: "operator" },
  WEIR_SIGNIN_ATTEMPTS: { schema: int(1, 1_000_000, 10), meaning: "sign-in attempts allowed per e-mail and per IP in 15 minutes", audience: "operator" },
  LOG_LEVEL: {
    schema: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
    meaning: "pino log level; logs are JSON lines (default info; warn under tests)",
    audience: "operator",
  },
  WEIR_DEMO: { schema: z.enum(["0", "1"]).default("1"), meaning: "0 turns off the embedded demo", audience: "operator" },
  WEIR_SMTP_URL: {
    schema: text(),
    meaning: "SMTP server for e-mail alerts and links, e.g. smtp://user:pass@mail.example.com:587 (unset: no e-mail)",
    audience: "operator",
  },
  WEIR_SMTP_FROM: { schema: z.string().default("Weir <weir@localhost>"), meaning: "sender of Weir's e-mails", audience: "operator" },
  // ---- workers
  WEIR_WORKER_CONCURRENCY: { schema: int(1, 64, 4), meaning: "jobs one worker process runs at once", audience: "operator" },
  WEIR_WORKER_DEAD_AFTER_MS: {
    schema: int(1_000, 86_400_000, 10_000),
    meaning: "a worker silent this long is dead: its jobs go back to the queue",
    audience: "operator",
  },
  WEIR_WORKER_SHUTDOWN_GRACE_MS: {
    schema: int(0, 86_400_000, 10_000),
    meaning: "on SIGTERM, how long running jobs may finish before they are aborted",
    audience: "operator",
  },
  WEIR_WORKER_STREAMS: { schema: onOff("on"), meaning: "off: this worker runs no streaming connections", audience: "operator" },
  WEIR_WORKER_ALERTS: { schema: onOff("on"), meaning: "off: this worker does not evaluate deadlines and alert rules", audience: "operator" },
  WEIR_SYNC_BATCH_ROWS: {
    schema: z.coerce.number().int().min(1).optional(),
    meaning: "records per staged batch of a sync (default the connector's, 50,000)",
    audience: "operator",
  },
  WEIR_TRANSFORM_CONCURRENCY: { schema: int(1, 64, 4), meaning: "models one transform run builds at once", audience: "operator" },
  WEIR_MODELS_DIR: { schema: text(), meaning: "a project folder of model files to sync in (docs/transform.md)", audience: "operator" },
  WEIR_DBT_VENV: { schema: text(), meaning: "a Python virtualenv with dbt for the dbt fixture and tests", audience: "harness" },
  WEIR_STREAM_SESSION_TIMEOUT_MS: {
    schema: int(1_000, 3_600_000, 10_000),
    meaning: "how long a Kafka consumer group waits for a silent worker before moving its partitions",
    audience: "operator",
  },
  WEIR_STREAM_HOLD_MS: {
    schema: int(1, 3_600_000, 5_000),
    meaning: "how long a streaming worker keeps a warehouse session before giving other workers their turn",
    audience: "operator",
  },
  WEIR_KAFKA_DEBUG: { schema: z.enum(["0", "1"]).default("0"), meaning: "1: kafkajs's own log at debug level, to diagnose a consumer", audience: "operator" },
  WEIR_ALERT_EVALUATE_MS: {
    schema: int(100, 86_400_000, 15_000),
    meaning: "how often each worker evaluates freshness deadlines and alert rules",
    audience: "operator",
  },
  WEIR_HEALTH_LAG_THRESHOLD: {
    schema: int(0, Number.MAX_SAFE_INTEGER, 10_000),
    meaning: "messages of Kafka lag above which the health page counts a stream as lagging",
    audience: "operator",
  },
  // ---- set by Weir for the processes it starts
  WEIR_SERVICE: { schema: z.string().default("weir"), meaning: "the service name in log lines (weir-web, weir-worker)", audience: "internal" },
  WEIR_SUPERVISOR: { schema: z.enum(["0", "1"]).default("0"), meaning: "1 in the supervisor process npm start runs", audience: "internal" },
  WEIR_DEMO_SHOP_URL: { schema: text(), meaning: "the embedded demo shop's database, for the demo's jobs", audience: "internal" },
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: {
    schema: text(),
    meaning: "silences the AWS SDK's Node version warning (Snowflake connector)",
    audience: "internal",
  },
  // ---- tests and benchmarks
  CHROMIUM_PATH: { schema: text(), meaning: "a Chromium binary for Playwright and the benches", audience: "harness" },
  WEIR_KAFKA_HOME: { schema: text(), meaning: "where the test Kafka's jars are cached (default ~/.cache/weir)", audience: "harness" },
  WEIR_FAULT_POINT: { schema: text(), meaning: "a named point where a crash test kills the process", audience: "harness" },
  WEIR_TEST_PG_URL: { schema: text(), meaning: "a PostgreSQL server for the tests' databases (else embedded)", audience: "harness" },
  WEIR_BENCH: { schema: text(), meaning: "set while a benchmark runs vitest", audience: "harness" },
});

export type TSettingName = keyof typeof SETTINGS;

/** The names of one audience, in declaration order. */
export function settingsOf(audience: TAudience): TSettingName[] {
  return (Object.keys(SETTINGS) as TSettingName[]).filter((name) => SETTINGS[name].audience === audience);
}
