/**
 * The PostgreSQL destination: loads wire batches with COPY into per-attempt
 * UNLOGGED staging tables and applies them to the target, with the stream's
 * ledger row, in one transaction per stream. See
 * docs/connectors/postgres-destination.md.
 */
import { checkDestination } from "@/connectors/postgres-destination/check";
import { describePostgresType } from "@/connectors/postgres-destination/describe-type";
import { POSTGRES_DESTINATION_SPEC, type TPostgresDestinationConfig, parsePostgresDestinationConfig } from "@/connectors/postgres-destination/config";
import { openSession } from "@/connectors/postgres-destination/session";
import { postgresWarehouse } from "@/connectors/postgres-destination/warehouse";
import type { TDestinationConnector } from "@/connectors/types";

export type { TPostgresDestinationConfig } from "@/connectors/postgres-destination/config";

export const connector: TDestinationConnector<TPostgresDestinationConfig> = {
  kind: "destination",
  name: "postgres-destination",
  title: "PostgreSQL",
  warehouse: postgresWarehouse,
  spec: POSTGRES_DESTINATION_SPEC,
  check: checkDestination,
  describeType: describePostgresType,
  open: (config, ctx) => openSession(parsePostgresDestinationConfig(config), ctx),
  lineageDataset: (config, relation) => {
    const c = parsePostgresDestinationConfig(config);
    return { namespace: `postgres://${c.host}:${c.port}`, name: `${c.database}.${relation}` };
  },
};
