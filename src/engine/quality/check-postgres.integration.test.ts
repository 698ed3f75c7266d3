import { createPgFixture } from "@/connectors/postgres-destination/postgres-destination-fixture";
import { destinationConnector } from "@/connectors/registry";
import { describeChecks } from "@/engine/quality/check-suite";
import { logger } from "@/lib/logger";

describeChecks("PostgreSQL", async () => {
  const fx = await createPgFixture();
  return {
    open: () => destinationConnector("postgres-destination").warehouse!.open(fx.config, { log: logger }),
    exec: async (sql) => void (await fx.query(sql)),
    teardown: () => fx.drop(),
  };
});
