/**
 * Handler of `demo.mutate-shop`: keeps the demo shop changing a little, so
 * incremental syncs have something to load. A no-op unless the start command
 * set WEIR_DEMO_SHOP_URL (embedded default with the demo on).
 */
import pg from "pg";
import { SHOP_MUTATE_SQL } from "@/demo/shop-schema";
import type { TJobHandler } from "../job-context";
import { setting } from "@/lib/env";

export const handleDemoMutateShop: TJobHandler<"demo.mutate-shop"> = async (_payload, ctx) => {
  const url = setting("WEIR_DEMO_SHOP_URL");
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(SHOP_MUTATE_SQL);
    ctx.log.debug("demo shop changed");
  } finally {
    await client.end();
  }
};
