/**
 * How a warehouse writes the relation `schema.name` in SQL, without
 * connecting to it (for compiled SQL shown before a build): the same
 * function each warehouse's `relation()` uses when it builds.
 */
import { qualified as duckDbQualified } from "@/connectors/duckdb/sql-text";
import { qualified as postgresQualified } from "@/connectors/postgres-destination/identifiers";
import { qualified as snowflakeQualified } from "@/connectors/snowflake/identifiers";

const BY_CONNECTOR: Record<string, (schema: string, name: string) => string> = {
  duckdb: duckDbQualified,
  "postgres-destination": postgresQualified,
  snowflake: snowflakeQualified,
};

/** `relation(schema, name)` for destinations of `connector`. */
export function relationNameFor(connector: string): (schema: string, name: string) => string {
  return BY_CONNECTOR[connector] ?? duckDbQualified;
}
