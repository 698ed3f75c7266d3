/**
 * The Snowflake destination: wire batches gzipped into files of a bounded
 * size, PUT to a per-attempt staging table's stage and loaded with COPY INTO,
 * then applied to the target by sync mode (INSERT, MERGE, or the table
 * replaced by CREATE OR REPLACE TABLE … AS SELECT) with the stream's ledger
 * row and cursor boundary. See docs/connectors/snowflake.md.
 */
import { checkDestination } from "@/connectors/snowflake/check";
import { describeSnowflakeType } from "@/connectors/snowflake/describe-type";
import { SNOWFLAKE_SPEC, type TSnowflakeConfig, parseSnowflakeConfig } from "@/connectors/snowflake/config";
import { fold } from "@/connectors/snowflake/identifiers";
import { openSession } from "@/connectors/snowflake/session";
import { snowflakeWarehouse } from "@/connectors/snowflake/warehouse";
import type { TDestinationConnector } from "@/connectors/types";

export type { TSnowflakeConfig } from "@/connectors/snowflake/config";

export const connector: TDestinationConnector<TSnowflakeConfig> = {
  kind: "destination",
  name: "snowflake",
  title: "Snowflake",
  spec: SNOWFLAKE_SPEC,
  warehouse: snowflakeWarehouse,
  check: checkDestination,
  describeType: describeSnowflakeType,
  open: (config, ctx) => openSession(parseSnowflakeConfig(config), ctx),
  // OpenLineage's naming: snowflake://<account> + DATABASE.SCHEMA.TABLE as Snowflake stores them.
  lineageDataset: (config, relation) => {
    const c = parseSnowflakeConfig(config);
    const dot = relation.indexOf(".");
    const [schema, table] = dot < 0 ? [c.schema, relation] : [relation.slice(0, dot), relation.slice(dot + 1)];
    return { namespace: `snowflake://${c.account.toLowerCase()}`, name: `${fold(c.database)}.${fold(schema)}.${fold(table)}` };
  },
};
