/**
 * The embedded demo: a `shop` database beside Weir's own in the embedded
 * PostgreSQL, a source for it, the DuckDB warehouse as destination, and the
 * connection `shop → warehouse` every five minutes, and the silver and gold
 * models built on it (demo-models.ts). Idempotent: on every
 * start it only fixes what changed (the embedded server's port).
 */
import path from "node:path";
import pg from "pg";
import { withDatabase } from "@/db/database-url";
import { ensureDatabase } from "@/db/embedded-postgres";
import { db } from "@/db/client";
import { ensureDemoModels } from "@/demo/demo-models";
import { SHOP_SCHEMA_SQL, SHOP_SEED_SQL } from "@/demo/shop-schema";
import { discoverSource } from "@/server/endpoints/check-endpoint";
import { createEndpoint, updateEndpoint } from "@/server/endpoints/endpoint-store";
import { createConnection } from "@/server/connections/connection-store";

const SYSTEM = { id: null, email: "demo" } as const;
export const DEMO_SOURCE = "Demo shop";
export const DEMO_DESTINATION = "Warehouse";
export const DEMO_CONNECTION = "shop → warehouse";

async function seedShop(shopUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: shopUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'customers'");
    if (rows[0]?.n !== "0") return false;
    await client.query("BEGIN");
    await client.query(SHOP_SCHEMA_SQL);
    await client.query(SHOP_SEED_SQL);
    await client.query("COMMIT");
    return true;
  } finally {
    await client.end();
  }
}

/** Makes sure the demo exists; returns the demo connection's id and whether it has never run. */
export async function ensureDemo(serverUrl: string, stateDir: string): Promise<{ connectionId: string; neverRan: boolean; shopUrl: string }> {
  const shopUrl = await ensureDatabase(serverUrl, "shop");
  await seedShop(shopUrl);
  const url = new URL(shopUrl);
  const sourceConfig = {
    host: url.hostname,
    port: Number(url.port),
    database: "shop",
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    sslMode: "disable",
    schemas: ["public"],
  };
  const existingSource = await db().source.findUnique({ where: { name: DEMO_SOURCE } });
  const source = existingSource
    ? await updateEndpoint("source", { id: existingSource.id, config: sourceConfig }, SYSTEM)
    : await createEndpoint("source", { name: DEMO_SOURCE, connector: "postgres", config: sourceConfig }, SYSTEM);
  const destination =
    (await db().destination.findUnique({ where: { name: DEMO_DESTINATION } })) ??
    (await createEndpoint("destination", { name: DEMO_DESTINATION, connector: "duckdb", config: { path: path.join(stateDir, "warehouse.duckdb") } }, SYSTEM));
  const existing = await db().connection.findUnique({ where: { name: DEMO_CONNECTION }, include: { runs: { take: 1 } } });
  await ensureDemoModels(destination.id);
  if (existing) return { connectionId: existing.id, neverRan: existing.runs.length === 0, shopUrl };
  await discoverSource(source.id, SYSTEM);
  // Customers' e-mail addresses and names are personal data; lineage carries the tag to the tables built from them.
  await db().datasetColumn.updateMany({
    where: { dataset: { sourceId: source.id, name: { endsWith: ".public.customers" } }, name: { in: ["email", "full_name"] } },
    data: { pii: true },
  });
  const dedup = (stream: string) => ({ stream, selected: true, syncMode: "incremental_dedup" as const, cursorField: "updated_at", primaryKey: ["id"] });
  const connection = await createConnection(
    {
      name: DEMO_CONNECTION,
      sourceId: source.id,
      destinationId: destination.id,
      namespace: "bronze",
      tablePrefix: "shop_",
      schedule: "*/5 * * * *",
      schemaChangePolicy: "propagate",
      streams: [
        dedup("public.customers"),
        { stream: "public.products", selected: true, syncMode: "full_refresh_overwrite", primaryKey: ["id"] },
        dedup("public.orders"),
        dedup("public.order_items"),
      ],
    },
    SYSTEM,
  );
  return { connectionId: connection.id, neverRan: true, shopUrl: withDatabase(serverUrl, "shop") };
}
