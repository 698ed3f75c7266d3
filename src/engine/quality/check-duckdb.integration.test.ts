import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { openDatabase } from "@/connectors/duckdb/open-database";
import { destinationConnector } from "@/connectors/registry";
import { describeChecks } from "@/engine/quality/check-suite";
import { logger } from "@/lib/logger";

describeChecks("DuckDB", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "weir-duckdb-checks-"));
  const file = path.join(dir, "warehouse.duckdb");
  return {
    open: () => destinationConnector("duckdb").warehouse!.open({ path: file }, { log: logger }),
    exec: async (sql) => {
      const db = await openDatabase(file);
      try {
        await db.run(sql);
      } finally {
        await db.close();
      }
    },
    teardown: () => rm(dir, { recursive: true, force: true }),
  };
});
