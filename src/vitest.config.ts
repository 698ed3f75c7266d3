// Unit and integration tests (vitest), as two projects. A unit test touches nothing outside its own process: no
// socket, no child process, no database engine (DuckDB included); src/lib/testing/unit-guard.ts makes any of them
// fail at once in the `unit` project. Every other test is an integration test, named `*.integration.test.ts`: it
// gets a real PostgreSQL server from `npm test` (WEIR_TEST_PG_URL, where it creates its own databases), Kafka and the
// Snowflake emulator. `vitest run --project unit` needs nothing running; `npm test -- unit|integration` picks one.
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(__dirname, "..");
const tests = ["src/**/*.test.{ts,tsx}", "workers/**/*.test.{ts,tsx}"];
const integrationTests = ["src/**/*.integration.test.{ts,tsx}", "workers/**/*.integration.test.{ts,tsx}"];
const exclude = ["node_modules/**", ".next/**", "e2e/**"];
// What waits on servers (PostgreSQL, Kafka, the Snowflake emulator, child processes) gets long timeouts.
const serverTests = { pool: "forks", testTimeout: 120_000, hookTimeout: 120_000 } as const;

export default defineConfig({
  root,
  resolve: { alias: { "@": path.join(root, "src") } },
  test: {
    environment: "node",
    // Most integration tests wait on servers, so three test files at a time on two cores halve the tier's wall
    // time (measured: 667 s → 360 s) with the same results. Workers are shared by the projects of one run.
    maxWorkers: 3,
    minWorkers: 1,
    env: { NODE_ENV: "test", LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" },
    projects: process.env.WEIR_BENCH
      ? // Benchmarks written with vitest (*.bench-test.ts) run only through `npm run bench:connectors`.
        [{ extends: true, test: { name: "bench", include: ["src/**/*.bench-test.ts"], exclude, ...serverTests } }]
      : [
          {
            extends: true,
            test: {
              name: "unit",
              include: tests,
              exclude: [...exclude, ...integrationTests],
              setupFiles: ["src/lib/testing/unit-guard.ts"],
              pool: "forks",
              testTimeout: 30_000,
              hookTimeout: 30_000,
            },
          },
          { extends: true, test: { name: "integration", include: integrationTests, exclude, ...serverTests } },
        ],
  },
});
