/**
 * Test support: the Apache Kafka broker's jars. No Debian or npm package
 * ships a broker, so Maven fetches them from Maven Central into a cache
 * outside the work tree (`~/.cache/weir/kafka-3.9.1`, or WEIR_KAFKA_HOME),
 * reused once complete. Pinned to Kafka 3.9: kafkajs 2.2.4 speaks protocol
 * versions that Kafka 4 removed. The jars come without an slf4j binding (the
 * distribution adds one), so reload4j is fetched too.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setting } from "@/lib/env";

export const KAFKA_VERSION = "3.9.1";

const POM = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>weir.test</groupId><artifactId>kafka-broker-jars</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
    <dependency><groupId>ch.qos.reload4j</groupId><artifactId>reload4j</artifactId><version>1.2.25</version></dependency>
  </dependencies>
  <build><plugins><plugin>
    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.6.1</version>
  </plugin></plugins></build>
</project>
`;

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);
const tail = (text: string, lines: number) => text.trim().split("\n").slice(-lines).join("\n");

function kafkaHome(): string {
  return setting("WEIR_KAFKA_HOME") ?? path.join(os.homedir(), ".cache", "weir", `kafka-${KAFKA_VERSION}`);
}

/**
 * The folder holding the broker's jars (a classpath of `<dir>/*`), fetching
 * them first when missing. Parallel test processes share one fetch: the first
 * takes a lock folder, the others wait for its marker.
 */
export function ensureKafkaJars(say: (line: string) => void = () => undefined): string {
  const home = kafkaHome();
  const libs = path.join(home, "libs");
  const marker = path.join(home, ".weir-complete");
  if (existsSync(marker)) return libs;
  mkdirSync(home, { recursive: true });
  const lock = path.join(home, ".lock");
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, "pid"), String(process.pid));
      break;
    } catch {
      if (existsSync(marker)) return libs;
      if (!lockHolderAlive(lock)) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new Error(`Waited 10 minutes for another process fetching the Kafka jars into ${home} (remove ${lock} if none is).`);
      else sleepSync(500);
    }
  }
  try {
    if (existsSync(marker)) return libs;
    const started = Date.now();
    say(`Fetching the Apache Kafka ${KAFKA_VERSION} broker jars from Maven Central into ${home} (once)…`);
    rmSync(libs, { recursive: true, force: true });
    writeFileSync(path.join(home, "pom.xml"), POM);
    const args = ["-q", "-B", "-f", path.join(home, "pom.xml"), "dependency:copy-dependencies", `-DoutputDirectory=${libs}`, "-DincludeScope=runtime"];
    const mvn = spawnSync("mvn", args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (mvn.error)
      throw new Error(
        `Fetching the Kafka jars needs Maven (\`mvn\`), which could not run: ${mvn.error.message}. Install it with \`sudo apt-get install -y maven\`.`,
      );
    if (mvn.status !== 0)
      throw new Error(`mvn could not fetch the Kafka ${KAFKA_VERSION} jars into ${libs} (exit ${mvn.status}):\n${tail(mvn.stdout + mvn.stderr, 40)}`);
    writeFileSync(marker, `${new Date().toISOString()}\n`);
    say(`Fetched the Kafka jars in ${seconds(started)} s.`);
    return libs;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function lockHolderAlive(lock: string): boolean {
  try {
    process.kill(Number(readFileSync(path.join(lock, "pid"), "utf8")), 0);
    return true;
  } catch (e) {
    // No pid file yet (its holder is between mkdir and write): treat as alive.
    return (e as NodeJS.ErrnoException).code !== "ESRCH";
  }
}
