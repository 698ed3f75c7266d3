/**
 * The PostgreSQL source: tables and views of the included schemas as
 * streams, read in full or incrementally by a cursor column with COPY … TO
 * STDOUT, PostgreSQL itself writing Weir's wire format. See
 * docs/connectors/postgres.md.
 */
import { check } from "@/connectors/postgres/check";
import { discover } from "@/connectors/postgres/discover";
import { readStreams } from "@/connectors/postgres/read";
import { POSTGRES_SPEC, type TPostgresSourceConfig, parsePostgresConfig } from "@/connectors/postgres/spec";
import type { TSourceConnector } from "@/connectors/source-connector";

export type { TPostgresSourceConfig } from "@/connectors/postgres/spec";
export { ZPostgresSourceConfig } from "@/connectors/postgres/spec";
export { DEFAULT_MAX_BATCH_BYTES, DEFAULT_MAX_BATCH_ROWS } from "@/connectors/postgres/read";
export { describePostgresType, mapPostgresType } from "@/connectors/postgres/type-mapping";

export const connector: TSourceConnector<TPostgresSourceConfig> = {
  kind: "source",
  name: "postgres",
  title: "PostgreSQL",
  spec: POSTGRES_SPEC,
  check,
  discover,
  read: readStreams,
  lineageDataset: (config, relation) => {
    const c = parsePostgresConfig(config);
    return { namespace: `postgres://${c.host}:${c.port}`, name: `${c.database}.${relation}` };
  },
};
