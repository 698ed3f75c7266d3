/**
 * `npm test`: every test, with nothing to start by hand, and one summary line (`N passed, N failed`).
 *
 *   npm test                          the checks (`npm run lint:deps`: layers point one way, dependency-cruiser;
 *                                     `npm run lint`: eslint and prettier --check), then the unit and integration
 *                                     tests in one vitest run, then the Playwright specs
 *   npm test -- unit [files]          the unit tests only: vitest's `unit` project; it starts no service
 *   npm test -- integration [files]   the integration tests only (`*.integration.test.ts`): the `integration` project
 *   npm test -- e2e [files]           the Playwright specs in Chromium (they start Weir with its own start command)
 *   npm test -- fuzz [files]          the fuzz tier alone (e2e/fuzz/: hostile inputs to every procedure and route)
 *
 * The integration tests and the Playwright specs get a throwaway Kafka broker and the Snowflake emulator; the
 * integration tests also an embedded PostgreSQL server (WEIR_TEST_PG_URL). The split is in src/vitest.config.ts.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIfStale } from "@/cli/build-if-stale";
import { ensureChromium } from "@/cli/ensure-chromium";
import { ensureDockerCompose } from "@/cli/ensure-docker-compose";
import { startKafkaBroker } from "@/cli/kafka-broker";
import { startSnowflakeEmulator } from "@/cli/snowflake-emulator";
import { startTestServer } from "@/db/test-database";

const root = path.resolve(__dirname, "..", "..");
const say = (line: string) => process.stdout.write(`${line}\n`);
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

type TCounts = { passed: number; failed: number };

/**
 * Runs a tier and resolves with its exit code. Asynchronously, never with
 * spawnSync: the embedded PostgreSQL of the tests writes its log into a pipe
 * this process drains, and a blocked event loop lets that pipe fill until
 * PostgreSQL backends hang writing an error message.
 */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: "inherit", env });
    child.once("error", () => resolve(1));
    child.once("exit", (code) => resolve(code ?? 1));
  });
}

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null;
}

const TIERS = ["unit", "integration", "e2e", "fuzz"] as const;
type TTier = (typeof TIERS)[number];

/** Kafka and the Snowflake emulator, started side by side; a service that cannot start fails the run (see its error's log tail). */
async function startServices(env: NodeJS.ProcessEnv): Promise<() => Promise<void>> {
  const [kafka, snowflake] = await Promise.allSettled([
    startKafkaBroker({ say }),
    // There is no Snowflake here: its tests talk to fakesnow through the real snowflake-sdk (docs/connectors/snowflake.md).
    startSnowflakeEmulator({ say }),
  ]);
  const stop = () =>
    Promise.all([kafka.status === "fulfilled" && kafka.value.stop(), snowflake.status === "fulfilled" && snowflake.value.stop()]).then(() => undefined);
  if (kafka.status === "rejected" || snowflake.status === "rejected") {
    await stop();
    throw kafka.status === "rejected" ? kafka.reason : (snowflake as PromiseRejectedResult).reason;
  }
  env.WEIR_TEST_KAFKA_BROKERS = kafka.value.brokers;
  env.WEIR_TEST_KAFKA_SASL_BROKERS = kafka.value.saslBrokers;
  env.WEIR_TEST_SNOWFLAKE_URL = snowflake.value.url;
  return stop;
}

async function main(): Promise<number> {
  const started = Date.now();
  const arg = process.argv[2];
  if (arg !== undefined && !(TIERS as readonly string[]).includes(arg)) {
    throw new Error(`unknown tier "${arg}": run \`npm test\` for everything, or \`npm test -- ${TIERS.join("|")} [files]\` for one tier`);
  }
  const tier = arg as TTier | undefined;
  const filters = tier === "fuzz" && process.argv.length === 3 ? ["e2e/fuzz/"] : process.argv.slice(3);
  const vitestProjects = tier === undefined ? ["unit", "integration"] : tier === "unit" || tier === "integration" ? [tier] : [];
  const playwright = tier === undefined || tier === "e2e" || tier === "fuzz";
  const outDir = mkdtempSync(path.join(os.tmpdir(), "weir-test-"));
  const counts: TCounts = { passed: 0, failed: 0 };
  let code = 0;
  // Run, then fold into the exit code and the counts: `code ||= run(…)` would skip the call once a step has failed.
  const check = (exitCode: number) => {
    code ||= exitCode;
    counts[exitCode === 0 ? "passed" : "failed"] += 1;
  };
  // Tests that seal connector secrets need a key; each run gets a fresh one.
  const env: NodeJS.ProcessEnv = { WEIR_SECRET_KEY: randomBytes(32).toString("base64url"), ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.DATABASE_URL;

  // The checks, each counted as one: side by side, while the services start; reported before any test runs.
  const checks =
    tier === undefined
      ? Promise.all([run("npm", ["run", "--silent", "lint:deps"], env), run("npm", ["run", "--silent", "lint"], env)]).then((codes) => codes.forEach(check))
      : Promise.resolve();
  // The unit tier touches nothing outside its process (src/lib/testing/unit-guard.ts): it needs no service.
  const needsServices = playwright || vitestProjects.includes("integration");
  let stopServices = async (): Promise<void> => undefined;
  if (needsServices) {
    try {
      stopServices = await startServices(env);
    } catch (e) {
      await checks;
      throw e;
    }
  }
  try {
    await checks;
    if (vitestProjects.length > 0) {
      const pg = vitestProjects.includes("integration") ? await startTestServer() : undefined;
      try {
        const vitestJson = path.join(outDir, "vitest.json");
        const vitestCode = await run(
          bin("vitest"),
          [
            "run",
            "--config",
            "src/vitest.config.ts",
            ...vitestProjects.flatMap((name) => ["--project", name]),
            "--reporter=default",
            "--reporter=json",
            `--outputFile.json=${vitestJson}`,
            ...filters,
          ],
          pg ? { ...env, WEIR_TEST_PG_URL: pg.url, DOCKER_COMPOSE_PATH: ensureDockerCompose(say) } : env,
        );
        code ||= vitestCode;
        const v = readJson<{ numPassedTests: number; numFailedTests: number }>(vitestJson);
        counts.passed += v?.numPassedTests ?? 0;
        counts.failed += v?.numFailedTests ?? 0;
      } finally {
        await pg?.stop();
      }
    }

    if (playwright) {
      env.CHROMIUM_PATH = ensureChromium(say);
      buildIfStale(root, say);
      const pwJson = path.join(root, "e2e", ".output", "results.json");
      rmSync(pwJson, { force: true });
      const playwrightCode = await run(bin("playwright"), ["test", "--config", "e2e/playwright.config.ts", ...filters], env);
      code ||= playwrightCode;
      const p = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(pwJson);
      counts.passed += (p?.stats.expected ?? 0) + (p?.stats.flaky ?? 0);
      counts.failed += p?.stats.unexpected ?? 0;
    }
  } finally {
    await stopServices();
  }

  rmSync(outDir, { recursive: true, force: true });
  if (counts.passed + counts.failed === 0) code ||= 1;
  say(`\nnpm test took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  say(`${counts.passed} passed, ${counts.failed} failed`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`npm test could not run: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
