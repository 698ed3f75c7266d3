/**
 * `npm test`: everything, with nothing to start by hand. Starts a throwaway
 * Kafka broker (for both tiers) and embedded PostgreSQL for the integration
 * tests, checks that layers point one way (`npm run lint:deps`,
 * dependency-cruiser), runs vitest (unit + integration), builds the app, runs the
 * Playwright specs in Chromium (they start Weir with its own start command;
 * the fuzz tier, e2e/fuzz/, is among them), and prints one summary line.
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

async function main(): Promise<number> {
  const started = Date.now();
  // "unit" or "e2e" to run one tier; after it, files or filters for that tier's runner. "fuzz" is the
  // fuzz tier alone (e2e/fuzz/: hostile inputs to every procedure and route), which `e2e` includes.
  const tier = process.argv[2];
  const only = tier === "fuzz" ? "e2e" : tier;
  const filters = tier === "fuzz" && process.argv.length === 3 ? ["e2e/fuzz/"] : process.argv.slice(3);
  const outDir = mkdtempSync(path.join(os.tmpdir(), "weir-test-"));
  const counts: TCounts = { passed: 0, failed: 0 };
  let code = 0;
  // Tests that seal connector secrets need a key; each run gets a fresh one.
  const env: NodeJS.ProcessEnv = { WEIR_SECRET_KEY: randomBytes(32).toString("base64url"), ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.DATABASE_URL;

  // Both tiers need Kafka; a broker that cannot start fails the run (see the error's log tail).
  const kafka = await startKafkaBroker({ say });
  env.WEIR_TEST_KAFKA_BROKERS = kafka.brokers;
  env.WEIR_TEST_KAFKA_SASL_BROKERS = kafka.saslBrokers;
  // There is no Snowflake here: its tests talk to fakesnow through the real snowflake-sdk (docs/connectors/snowflake.md).
  const snowflake = await startSnowflakeEmulator({ say }).catch(async (e: unknown) => {
    await kafka.stop();
    throw e;
  });
  env.WEIR_TEST_SNOWFLAKE_URL = snowflake.url;
  try {
    if (only !== "e2e") {
      // Layers point one way and nothing imports in a circle (.dependency-cruiser.cjs); a run for chosen files skips it.
      if (filters.length === 0) {
        const layersCode = await run("npm", ["run", "--silent", "lint:deps"], env);
        code ||= layersCode;
        counts[layersCode === 0 ? "passed" : "failed"] += 1;
      }
      const pg = await startTestServer();
      try {
        const vitestJson = path.join(outDir, "vitest.json");
        // Run, then fold into the exit code: `code ||= run(…)` would skip the call once a tier has failed.
        const vitestCode = await run(
          bin("vitest"),
          ["run", "--config", "src/vitest.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`, ...filters],
          {
            ...env,
            WEIR_TEST_PG_URL: pg.url,
            DOCKER_COMPOSE_PATH: ensureDockerCompose(say),
          },
        );
        code ||= vitestCode;
        const v = readJson<{ numPassedTests: number; numFailedTests: number }>(vitestJson);
        counts.passed += v?.numPassedTests ?? 0;
        counts.failed += v?.numFailedTests ?? 0;
      } finally {
        await pg.stop();
      }
    }

    if (only !== "unit") {
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
    await Promise.all([kafka.stop(), snowflake.stop()]);
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
