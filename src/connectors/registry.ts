/**
 * Every connector Weir ships, by name. A connector is one folder under
 * src/connectors/ exporting `connector`; adding one means adding its folder
 * and its line here.
 */
import { connector as duckdb } from "@/connectors/duckdb/destination";
import { connector as files } from "@/connectors/files/source";
import { connector as http } from "@/connectors/http/source";
import { connector as kafka } from "@/connectors/kafka/source";
import { connector as postgresDestination } from "@/connectors/postgres-destination/destination";
import { connector as postgres } from "@/connectors/postgres/source";
import { connector as snowflake } from "@/connectors/snowflake/destination";
import type { TSourceConnector } from "@/connectors/source-connector";
import type { TDestinationConnector } from "@/connectors/types";
import { AppError } from "@/lib/app-error";

export const SOURCES: readonly TSourceConnector<never>[] = [postgres, files, http, kafka] as unknown as TSourceConnector<never>[];
export const DESTINATIONS: readonly TDestinationConnector<never>[] = [duckdb, postgresDestination, snowflake] as unknown as TDestinationConnector<never>[];

export function sourceConnector(name: string): TSourceConnector<unknown> {
  const found = SOURCES.find((c) => c.name === name);
  if (!found) throw new AppError("NOT_FOUND", `There is no source connector named "${name}". Known: ${SOURCES.map((c) => c.name).join(", ")}.`);
  return found as unknown as TSourceConnector<unknown>;
}

export function destinationConnector(name: string): TDestinationConnector<unknown> {
  const found = DESTINATIONS.find((c) => c.name === name);
  if (!found) throw new AppError("NOT_FOUND", `There is no destination connector named "${name}". Known: ${DESTINATIONS.map((c) => c.name).join(", ")}.`);
  return found as unknown as TDestinationConnector<unknown>;
}
