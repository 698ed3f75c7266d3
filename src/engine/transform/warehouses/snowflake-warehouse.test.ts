/**
 * Model builds and quality checks in Snowflake, as the emulator serves it
 * (fakesnow behind the real snowflake-sdk): the same suites DuckDB and
 * PostgreSQL pass, on a fresh database.
 */
import { parseSnowflakeConfig } from "@/connectors/snowflake/config";
import { createSnowflakeFixture } from "@/connectors/snowflake/snowflake-fixture";
import { describeChecks } from "@/engine/quality/check-suite";
import { openSnowflakeWarehouse } from "@/engine/transform/warehouses/snowflake-warehouse";
import type { TWarehouseTarget } from "@/engine/transform/warehouses/warehouse-suite";
import { describeWarehouse } from "@/engine/transform/warehouses/warehouse-suite";
import { logger } from "@/lib/logger";

const sorted = (rows: (string | null)[][]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

async function target(): Promise<TWarehouseTarget> {
  const fx = await createSnowflakeFixture();
  return {
    open: () => openSnowflakeWarehouse(parseSnowflakeConfig(fx.config), { log: logger, attribution: { kind: "model", run: "test-run" } }),
    exec: async (sql) => void (await fx.query(sql)),
    rows: async (sql) => sorted((await fx.query(sql)).map((r) => Object.values(r).map((v) => (v === null ? null : String(v))))),
    teardown: () => fx.teardown(),
  };
}

// The emulator runs SQL re-written by sqlglot on one line, so its errors cannot name the model's line (Snowflake's do: "error line N at position M").
describeWarehouse("Snowflake (emulator)", target, { errorLines: false });
describeChecks("Snowflake (emulator)", target);
