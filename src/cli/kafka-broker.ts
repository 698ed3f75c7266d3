/**
 * Test support: a real single-node Apache Kafka broker (KRaft, broker and
 * controller in one JVM, no ZooKeeper) on loopback.
 *
 * `startKafkaBroker` formats a data folder and runs `kafka.Kafka` from the
 * jars kafka-jars.ts fetches. The broker logs to `server.log` in its data
 * folder; the JVM's own output goes to `broker.out` there. Besides PLAINTEXT
 * it has a SASL_PLAINTEXT listener (PLAIN, TEST_SASL_USER) for tests of
 * credentials.
 *
 *   const kafka = await startKafkaBroker();
 *   // kafka.brokers === "127.0.0.1:PORT"
 *   await kafka.stop();
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { ensureKafkaJars } from "@/cli/kafka-jars";

export { KAFKA_VERSION, ensureKafkaJars } from "@/cli/kafka-jars";

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;
/** Tests send a 5 MB message that must reach the broker and be rejected by Weir, not by Kafka. */
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

const LOG4J = `log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=\${kafka.logs.dir}/server.log
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

export type TKafkaBrokerOptions = {
  /** Where the broker keeps its config, data and logs; default a new temporary folder, removed when this process exits. */
  dataDir?: string;
  /** The PLAINTEXT port on 127.0.0.1; default a free one. */
  port?: number;
  /** Progress lines (jar fetch, start time); default silent. */
  say?: (line: string) => void;
};

export type TKafkaBroker = {
  /** Bootstrap address for clients, `127.0.0.1:PORT`: set it as WEIR_TEST_KAFKA_BROKERS. */
  brokers: string;
  /** A SASL_PLAINTEXT listener (mechanism PLAIN, user TEST_SASL_USER): set it as WEIR_TEST_KAFKA_SASL_BROKERS. */
  saslBrokers: string;
  port: number;
  dataDir: string;
  /** Graceful shutdown (SIGTERM, SIGKILL after 20 s); resolves once the JVM has exited. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash; does not wait. */
  kill(): void;
  /** Starts the broker again on the same ports and data (stopping it first if it runs). */
  restart(): Promise<void>;
};

/** Formats a data folder, starts the broker and resolves once clients can use it. */
export async function startKafkaBroker(opts: TKafkaBrokerOptions = {}): Promise<TKafkaBroker> {
  const say = opts.say ?? (() => undefined);
  const libs = ensureKafkaJars(say);
  const ownDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "weir-test-kafka-"));
  mkdirSync(dataDir, { recursive: true });
  const [port, controllerPort, saslPort] = (await freePorts(3, opts.port)) as [number, number, number];
  const brokers = `127.0.0.1:${port}`;
  writeFileSync(path.join(dataDir, "server.properties"), serverProperties(dataDir, port, controllerPort, saslPort));
  writeFileSync(path.join(dataDir, "log4j.properties"), LOG4J);
  formatStorage(libs, dataDir);

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const killNow = () => void child?.kill("SIGKILL");

  const launch = async () => {
    const started = Date.now();
    const logsFrom = logOffsets(dataDir);
    const out = openSync(path.join(dataDir, "broker.out"), "a");
    const proc = spawn("java", [...jvmArgs(libs, dataDir), "kafka.Kafka", path.join(dataDir, "server.properties")], {
      cwd: dataDir,
      stdio: ["ignore", out, out],
    });
    closeSync(out);
    child = proc;
    const watchdog = killWhenOrphaned(proc);
    process.on("exit", killNow);
    exited = new Promise((resolve) => {
      const gone = () => {
        process.off("exit", killNow);
        watchdog?.kill("SIGKILL");
        if (child === proc) child = undefined;
        resolve();
      };
      proc.once("exit", gone);
      proc.once("error", gone); // could not start: no 'exit' follows
    });
    try {
      await waitUntilReady(proc, brokers, dataDir, logsFrom);
    } catch (e) {
      proc.kill("SIGKILL");
      await exited;
      throw e;
    }
    say(`Kafka broker ready on ${brokers} in ${seconds(started)} s`);
  };

  const stop = async () => {
    const proc = child;
    if (!proc) return exited;
    proc.kill("SIGTERM");
    const timer = setTimeout(() => proc.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  if (ownDir) {
    process.once("exit", () => {
      killNow();
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
    });
  }
  await launch();
  return {
    brokers,
    saslBrokers: `127.0.0.1:${saslPort}`,
    port,
    dataDir,
    stop,
    kill: killNow,
    restart: async () => {
      await stop();
      await launch();
    },
  };
}

/** The user of the SASL listener, for tests of credentials. */
export const TEST_SASL_USER = { username: "weir", password: "weir-test-secret" };

function serverProperties(dataDir: string, port: number, controllerPort: number, saslPort: number): string {
  const { username, password } = TEST_SASL_USER;
  const props: Record<string, string | number> = {
    "process.roles": "broker,controller",
    "node.id": 1,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort},SASL_PLAINTEXT://127.0.0.1:${saslPort}`,
    "advertised.listeners": `PLAINTEXT://127.0.0.1:${port},SASL_PLAINTEXT://127.0.0.1:${saslPort}`,
    "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
    "sasl.enabled.mechanisms": "PLAIN",
    "listener.name.sasl_plaintext.plain.sasl.jaas.config": `org.apache.kafka.common.security.plain.PlainLoginModule required username="${username}" password="${password}" user_${username}="${password}";`,
    "controller.listener.names": "CONTROLLER",
    "inter.broker.listener.name": "PLAINTEXT",
    "controller.quorum.voters": `1@127.0.0.1:${controllerPort}`,
    "log.dirs": path.join(dataDir, "kraft-logs"),
    "auto.create.topics.enable": "true",
    "num.partitions": 1,
    "offsets.topic.replication.factor": 1,
    // One partition each: the internal topics are created on first use, and 50 take longer.
    "offsets.topic.num.partitions": 1,
    "transaction.state.log.num.partitions": 1,
    "transaction.state.log.replication.factor": 1,
    "transaction.state.log.min.isr": 1,
    "group.initial.rebalance.delay.ms": 0,
    "auto.leader.rebalance.enable": "false",
    // After a kill() the restarted broker cannot register until its previous
    // session expires: 9 s by default, which with registration back-off made a
    // restart take 15 s.
    "broker.heartbeat.interval.ms": 1000,
    "broker.session.timeout.ms": 3000,
    "message.max.bytes": MAX_MESSAGE_BYTES,
    "replica.fetch.max.bytes": MAX_MESSAGE_BYTES,
    // The default 128 MB would take a quarter of the small heap.
    "log.cleaner.dedupe.buffer.size": 16 * 1024 * 1024,
  };
  return `${Object.entries(props)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n")}\n`;
}

function jvmArgs(libs: string, dataDir: string): string[] {
  return [
    "-Xmx512m",
    "-Xms256m",
    "-XX:+UseG1GC",
    "-XX:MaxGCPauseMillis=20",
    "-Djava.awt.headless=true",
    `-Dlog4j.configuration=file:${path.join(dataDir, "log4j.properties")}`,
    `-Dkafka.logs.dir=${dataDir}`,
    "-cp",
    `${libs}/*`,
  ];
}

/** `kafka-storage format` with a fresh cluster id; a folder formatted before is kept as it is. */
function formatStorage(libs: string, dataDir: string): void {
  let clusterId = randomBytes(16).toString("base64url"); // Kafka's Uuid text form
  while (clusterId.startsWith("-")) clusterId = randomBytes(16).toString("base64url");
  const args = [
    ...jvmArgs(libs, dataDir),
    "kafka.tools.StorageTool",
    "format",
    "--ignore-formatted",
    "-t",
    clusterId,
    "-c",
    path.join(dataDir, "server.properties"),
  ];
  const res = spawnSync("java", args, { encoding: "utf8", cwd: dataDir });
  if (res.error) throw new Error(`The Kafka broker needs Java 17 (\`java\`), which could not run: ${res.error.message}`);
  if (res.status !== 0) throw new Error(`Kafka's StorageTool could not format ${dataDir} (exit ${res.status}):\n${tail(res.stdout + res.stderr, 30)}`);
}

/** Polls until the broker accepts connections and answers a metadata request; fails early if the JVM exits. */
async function waitUntilReady(proc: ChildProcess, brokers: string, dataDir: string, logsFrom: TLogOffsets): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exit: string | undefined;
  proc.once("exit", (code, signal) => (exit = signal ? `was killed by ${signal}` : `exited with code ${code}`));
  proc.once("error", (e) => (exit = `could not start (${e.message}; is Java 17 installed?)`));
  const admin = new Kafka({
    clientId: "weir-test-ready",
    brokers: [brokers],
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  }).admin();
  let lastError = "";
  while (!exit && Date.now() < deadline) {
    try {
      await admin.connect();
      await admin.listTopics();
      await admin.disconnect();
      return;
    } catch (e) {
      lastError = e instanceof Error ? e.message : String(e);
      await admin.disconnect().catch(() => undefined);
    }
    await sleep(200);
  }
  const why = exit
    ? `The Kafka broker ${exit}`
    : `The Kafka broker on ${brokers} was not ready within ${READY_TIMEOUT_MS / 1000} s${lastError ? ` (last error: ${lastError})` : ""}`;
  throw new Error(`${why} (data folder ${dataDir}).\n${logReport(dataDir, logsFrom)}`);
}

/**
 * Two distinct free loopback ports (broker, controller; the broker's may be
 * given), below the kernel's ephemeral range: a restart needs them again, and
 * a client connection made while the broker is down could take an ephemeral one.
 */
async function freePorts(count: number, port?: number): Promise<number[]> {
  const low = ephemeralPortsFrom();
  const taken = port === undefined ? [] : [port];
  for (let tries = 0; taken.length < count; tries++) {
    const candidate = low > 11_000 && tries < 50 ? 10_000 + randomInt(low - 10_000) : 0;
    const bound = await listenOnce(candidate);
    if (bound && !taken.includes(bound)) taken.push(bound);
  }
  return taken;
}

/** Binds 127.0.0.1:port (0: any) and releases it; the port bound, or 0 if it was in use. */
function listenOnce(port: number): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(0));
    server.listen(port, "127.0.0.1", () => {
      const bound = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(bound));
    });
  });
}

function ephemeralPortsFrom(): number {
  try {
    return Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768; // not Linux: 32768 is below the usual ranges elsewhere too
  }
}

/**
 * A process 'exit' hook cannot run when this process is killed by a signal
 * (vitest stops its workers with one): a small shell watches both pids and
 * SIGKILLs the broker once this process is gone.
 */
function killWhenOrphaned(proc: ChildProcess): ChildProcess | undefined {
  if (!proc.pid || process.platform === "win32") return undefined;
  const script = 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; kill -0 "$1" 2>/dev/null || kill -9 "$2" 2>/dev/null';
  const watchdog = spawn("/bin/sh", ["-c", script, "sh", String(process.pid), String(proc.pid)], { stdio: "ignore", detached: true });
  watchdog.on("error", () => undefined);
  watchdog.unref();
  return watchdog;
}

type TLogOffsets = Record<"server.log" | "broker.out", number>;

function logOffsets(dataDir: string): TLogOffsets {
  const size = (name: string) => (existsSync(path.join(dataDir, name)) ? statSync(path.join(dataDir, name)).size : 0);
  return { "server.log": size("server.log"), "broker.out": size("broker.out") };
}

/** What this launch logged (from `from` on): the JVM's own output, the broker's first errors, then its last lines. */
function logReport(dataDir: string, from: TLogOffsets): string {
  const read = (name: keyof TLogOffsets) => {
    const file = path.join(dataDir, name);
    return existsSync(file) ? readFileSync(file).subarray(from[name]).toString("utf8").trim() : "";
  };
  const lines = read("server.log").split("\n");
  const errors = lines.flatMap((line, i) => {
    if (!/^\[[^\]]*\] (ERROR|FATAL) /.test(line)) return [];
    const cause = lines[i + 1] ?? "";
    return cause && !cause.startsWith("[") && !cause.startsWith("\t") ? [line, `    ${cause}`] : [line];
  });
  return [
    ["broker.out", read("broker.out")],
    ["errors in server.log", errors.slice(0, 16).join("\n")],
    ["last lines of server.log", tail(lines.join("\n"), 15)],
  ]
    .filter(([, text]) => text)
    .map(([title, text]) => `--- ${title} ---\n${tail(text!, 30)}`)
    .join("\n");
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
