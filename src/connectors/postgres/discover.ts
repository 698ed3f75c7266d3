/**
 * discover: one stream per readable table and view in the included schemas,
 * named "schema.table", with columns (Weir types, nullability, the source's
 * own type, the conversion rule where values do not arrive exactly), primary
 * key in key order, cursor candidates and the planner's row estimate.
 * Relations the user may not read are left out and logged.
 */
import type pg from "pg";

import { type TPgColumn, type TPgRelation, isIncrementalRelation, listColumns, listPrimaryKeys, listRelations } from "@/connectors/postgres/catalog";
import { closeClient, openClient } from "@/connectors/postgres/connect";
import { toConnectorError } from "@/connectors/postgres/errors";
import { type TPostgresSourceConfig, parsePostgresConfig } from "@/connectors/postgres/spec";
import { cursorCandidates, describePostgresType } from "@/connectors/postgres/type-mapping";
import type { TCatalog, TColumn, TConnectorContext, TStreamDescriptor } from "@/connectors/types";

export const DISCOVER_CONNECT_TIMEOUT_MS = 30_000;

export function toColumn(column: TPgColumn): TColumn {
  const { type, conversion } = describePostgresType(column.type);
  return { name: column.name, type, nullable: !column.notNull, sourceType: column.sourceType, ...(conversion ? { conversion } : {}) };
}

/** A relation's stream descriptor. Views (and materialized views) are read in full only. */
export function toStreamDescriptor(relation: TPgRelation, columns: readonly TPgColumn[], primaryKey: readonly string[]): TStreamDescriptor {
  const weirColumns = columns.map(toColumn);
  const incremental = isIncrementalRelation(relation.kind);
  const candidates = incremental ? cursorCandidates(weirColumns) : [];
  return {
    name: `${relation.schema}.${relation.name}`,
    namespace: relation.schema,
    columns: weirColumns,
    // A key column the user may not read cannot key anything it loads.
    primaryKey: primaryKey.every((k) => columns.some((c) => c.name === k)) ? [...primaryKey] : [],
    cursorCandidates: candidates,
    supportsIncremental: incremental && candidates.length > 0,
    ...(relation.estimatedRows === null ? {} : { estimatedRows: relation.estimatedRows }),
  };
}

export async function discoverCatalog(client: pg.Client, schemas: readonly string[], ctx: TConnectorContext): Promise<TCatalog> {
  const { readable, unreadable } = await listRelations(client, schemas);
  if (unreadable.length)
    ctx.log.warn({ relations: unreadable.slice(0, 50), count: unreadable.length }, "postgres source: relations without SELECT privilege are not offered");
  const oids = readable.map((r) => r.oid);
  const [columns, keys] = await Promise.all([listColumns(client, oids), listPrimaryKeys(client, oids)]);
  return { streams: readable.map((r) => toStreamDescriptor(r, columns.get(r.oid) ?? [], keys.get(r.oid) ?? [])) };
}

export async function discover(rawConfig: TPostgresSourceConfig, ctx: TConnectorContext): Promise<TCatalog> {
  const config = parsePostgresConfig(rawConfig);
  const target = { host: config.host, port: config.port, database: config.database, user: config.user, password: config.password };
  let client: pg.Client | undefined;
  let connected = false;
  try {
    client = await openClient(config, { log: ctx.log, connectTimeoutMs: DISCOVER_CONNECT_TIMEOUT_MS, statementTimeoutMs: 30_000, signal: ctx.signal });
    connected = true;
    return await discoverCatalog(client, config.schemas, ctx);
  } catch (e) {
    ctx.signal.throwIfAborted();
    throw toConnectorError(e, target, connected ? "reading the catalog (discover)" : "discover", { connectTimeoutMs: DISCOVER_CONNECT_TIMEOUT_MS, connected });
  } finally {
    if (client) await closeClient(client);
  }
}
