/**
 * Model builds and quality checks in Snowflake, as the emulator serves it
 * (fakesnow behind the real snowflake-sdk): the same suites DuckDB and
 * PostgreSQL pass, on a fresh database.
 */
import { createSnowflakeFixture } from "@/connectors/snowflake/snowflake-fixture";
import { snowflakeWarehouse } from "@/connectors/snowflake/warehouse";
import { type TWarehouseTarget, describeWarehouse } from "@/connectors/testing/warehouse-suite";
import { describeChecks } from "@/engine/quality/check-suite";
import { logger } from "@/lib/logger";

const sorted = (rows: (string | null)[][]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

async function target(): Promise<TWarehouseTarget> {
  const fx = await createSnowflakeFixture();
  return {
    open: () => snowflakeWarehouse.open(fx.config, { log: logger, attribution: { kind: "model", run: "test-run" } }),
    exec: async (sql) => void (await fx.query(sql)),
    rows: async (sql) => sorted((await fx.query(sql)).map((r) => Object.values(r).map((v) => (v === null ? null : String(v))))),
    teardown: () => fx.teardown(),
  };
}

// The emulator runs SQL re-written by sqlglot on one line, so its errors cannot name the model's line (Snowflake's do: "error line N at position M").
describeWarehouse("Snowflake (emulator)", target, { errorLines: false });
describeChecks("Snowflake (emulator)", target);
