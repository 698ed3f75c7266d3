// Unit and integration tests (vitest). Integration tests get a real PostgreSQL
// server from `npm test` (WEIR_TEST_PG_URL) and create their own databases.
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(__dirname, "..");

export default defineConfig({
  root,
  resolve: { alias: { "@": path.join(root, "src") } },
  test: {
    // Benchmarks written with vitest (*.bench-test.ts) run only through `npm run bench:connectors`.
    include: process.env.WEIR_BENCH ? ["src/**/*.bench-test.ts"] : ["src/**/*.test.ts", "workers/**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", "e2e/**"],
    environment: "node",
    pool: "forks",
    // Most integration tests wait on servers (PostgreSQL, Kafka, the Snowflake emulator, child processes), so three
    // test files at a time on two cores halve the tier's wall time (measured: 667 s → 360 s) with the same results.
    maxWorkers: 3,
    minWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: "test", LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" },
  },
});
