/**
 * OpenLineage names of the datasets Weir reads and writes. The connector
 * names them by OpenLineage's conventions when it can (lineageDataset), so
 * an Airflow or Spark event about the same table meets Weir's node; else the
 * dataset is named after the Weir endpoint (weir://source/<name>).
 */
import { destinationConnector, sourceConnector } from "@/connectors/registry";
import { unsealConfig } from "@/connectors/spec";
import type { TLineageDatasetName } from "@/connectors/types";

export type TEndpoint = { connector: string; name: string; config: unknown };

/** OpenLineage namespace of Weir's own jobs. */
export const WEIR_JOB_NAMESPACE = "weir";

export const syncJobName = (connectionName: string) => `weir.sync.${connectionName}`;
export const modelJobName = (modelName: string) => `weir.model.${modelName}`;

function named(kind: "source" | "destination", endpoint: TEndpoint, relation: string): TLineageDatasetName {
  const connector = kind === "source" ? sourceConnector(endpoint.connector) : destinationConnector(endpoint.connector);
  if (connector.lineageDataset) {
    try {
      return connector.lineageDataset(unsealConfig(connector.spec, endpoint.config), relation);
    } catch {
      // a configuration the connector cannot read names the dataset after the endpoint instead
    }
  }
  return { namespace: `weir://${kind}/${encodeURIComponent(endpoint.name)}`, name: relation };
}

/** A source's stream, e.g. postgres://db:5432 + shop.public.orders. */
export const sourceStreamName = (source: TEndpoint, stream: string) => named("source", source, stream);

/** A relation in a destination's warehouse, e.g. duckdb:///…/warehouse.duckdb + gold.daily_revenue. */
export const warehouseRelationName = (destination: TEndpoint, schema: string, table: string) => named("destination", destination, `${schema}.${table}`);

/** The platform shown in the catalog: the namespace's scheme (postgres, duckdb, s3, weir…). */
export function platformOf(namespace: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(namespace)?.[1]?.toLowerCase();
  if (!scheme) return "other";
  if (scheme === "postgresql") return "postgres";
  return scheme;
}

/** The last dot-separated part of a dataset name, or its last path segment. */
export function shortNameOf(name: string): string {
  const parts = name.includes("/") ? name.split("/") : name.split(".");
  return parts.filter(Boolean).at(-1) ?? name;
}
