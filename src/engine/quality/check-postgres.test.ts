import { parsePostgresDestinationConfig } from "@/connectors/postgres-destination/config";
import { createPgFixture } from "@/connectors/postgres-destination/postgres-destination-fixture";
import { describeChecks } from "@/engine/quality/check-suite";
import { openPostgresWarehouse } from "@/engine/transform/warehouses/postgres-warehouse";
import { logger } from "@/lib/logger";

describeChecks("PostgreSQL", async () => {
  const fx = await createPgFixture();
  return {
    open: () => openPostgresWarehouse(parsePostgresDestinationConfig(fx.config), { log: logger }),
    exec: async (sql) => void (await fx.query(sql)),
    teardown: () => fx.drop(),
  };
});
