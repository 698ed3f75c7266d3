/**
 * Opens the warehouse of a destination (its stored, sealed configuration),
 * for model builds, quality checks, previews and lineage reads, through the
 * destination connector's `warehouse` capability (src/connectors/types.ts).
 * `attribution` says what the queries are for (warehouses that tag queries,
 * Snowflake, record it).
 */
import { destinationConnector } from "@/connectors/registry";
import { unsealConfig } from "@/connectors/spec";
import type { TWarehouseContext } from "@/connectors/types";
import type { TWarehouse } from "@/connectors/warehouse-types";
import { AppError } from "@/lib/app-error";

export async function openWarehouse(destination: { connector: string; name: string; config: unknown }, opts: TWarehouseContext): Promise<TWarehouse> {
  const connector = destinationConnector(destination.connector);
  const config = unsealConfig(connector.spec, destination.config);
  if (!connector.warehouse)
    throw new AppError("BAD_INPUT", `"${destination.name}" (${destination.connector}) is not a warehouse Weir can build models or run checks in.`);
  return connector.warehouse.open(config, opts);
}
