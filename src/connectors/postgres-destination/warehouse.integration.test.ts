import { createPgFixture } from "@/connectors/postgres-destination/postgres-destination-fixture";
import { postgresWarehouse } from "@/connectors/postgres-destination/warehouse";
import { describeWarehouse } from "@/connectors/testing/warehouse-suite";
import { logger } from "@/lib/logger";

const sorted = (rows: (string | null)[][]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describeWarehouse("PostgreSQL", async () => {
  const fx = await createPgFixture();
  return {
    open: () => postgresWarehouse.open(fx.config, { log: logger }),
    exec: async (sql) => void (await fx.query(sql)),
    rows: async (sql) => sorted((await fx.query(sql)).map((r) => Object.values(r).map((v) => (v === null ? null : String(v))))),
    teardown: () => fx.drop(),
  };
});
