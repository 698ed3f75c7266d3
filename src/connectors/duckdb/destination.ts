/**
 * The DuckDB destination: Weir's embedded default warehouse, one database
 * file. Batches are spooled as files, read by DuckDB's CSV reader at the
 * commit and applied to the target, with its DDL, the cursor boundary and
 * the ledger entry, in one transaction.
 * See docs/connectors/duckdb.md.
 */
import { checkDuckDb } from "@/connectors/duckdb/check";
import { DUCKDB_SPEC, type TDuckDbConfig, databasePath, parseDuckDbConfig } from "@/connectors/duckdb/config";
import { openDuckDbSession } from "@/connectors/duckdb/session";
import { describeDuckDbType } from "@/connectors/duckdb/type-mapping";
import { duckDbWarehouse } from "@/connectors/duckdb/warehouse";
import type { TDestinationConnector } from "@/connectors/types";

export type { TDuckDbConfig } from "@/connectors/duckdb/config";

export const connector: TDestinationConnector<TDuckDbConfig> = {
  kind: "destination",
  name: "duckdb",
  title: "DuckDB",
  warehouse: duckDbWarehouse,
  spec: DUCKDB_SPEC,
  check: checkDuckDb,
  open: openDuckDbSession,
  describeType: describeDuckDbType,
  /** duckdb://<absolute file path>, schema.table (DuckDB has no OpenLineage convention yet; this mirrors the file-based ones). */
  lineageDataset: (config, relation) => ({ namespace: `duckdb://${databasePath(parseDuckDbConfig(config))}`, name: relation }),
};
