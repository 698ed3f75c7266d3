/**
 * Opens the warehouse of a destination (its stored, sealed configuration),
 * for model builds and quality checks. `attribution` says what the queries
 * are for (warehouses that tag queries, Snowflake, record it).
 */
import { databasePath, parseDuckDbConfig } from "@/connectors/duckdb/config";
import { parsePostgresDestinationConfig } from "@/connectors/postgres-destination/config";
import { parseSnowflakeConfig } from "@/connectors/snowflake/config";
import { destinationConnector } from "@/connectors/registry";
import { unsealConfig } from "@/connectors/spec";
import { openDuckDbWarehouse } from "@/engine/transform/warehouses/duckdb-warehouse";
import { openPostgresWarehouse } from "@/engine/transform/warehouses/postgres-warehouse";
import { openSnowflakeWarehouse } from "@/engine/transform/warehouses/snowflake-warehouse";
import type { TWarehouse } from "@/engine/transform/warehouses/warehouse";
import { AppError } from "@/lib/app-error";
import type { TRunAttribution } from "@/connectors/types";
import type { Logger } from "@/lib/logger";

export async function openWarehouse(destination: { connector: string; name: string; config: unknown }, opts: { log: Logger; signal?: AbortSignal; attribution?: TRunAttribution }): Promise<TWarehouse> {
  const config = unsealConfig(destinationConnector(destination.connector).spec, destination.config);
  switch (destination.connector) {
    case "duckdb": {
      const parsed = parseDuckDbConfig(config);
      return openDuckDbWarehouse(databasePath(parsed), { signal: opts.signal, threads: parsed.threads, memoryLimit: parsed.memoryLimit });
    }
    case "postgres-destination":
      return openPostgresWarehouse(parsePostgresDestinationConfig(config), opts);
    case "snowflake":
      return openSnowflakeWarehouse(parseSnowflakeConfig(config), opts);
    default:
      throw new AppError("BAD_INPUT", `"${destination.name}" (${destination.connector}) is not a warehouse Weir can build models or run checks in.`);
  }
}
