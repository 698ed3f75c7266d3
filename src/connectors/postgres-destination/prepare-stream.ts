/**
 * `prepareStream`: creates this attempt's artifacts and nothing else. The
 * target is only read: creating its schema or table, adding columns and
 * changing types happen in the commit's transaction (commit-stream.ts), so a
 * failed run leaves the destination as it was, DDL included.
 *
 * The artifacts: an UNLOGGED staging table of text columns, or for a direct
 * load (resolve-plan.ts) the new table the commit swaps in, shaped like the
 * target with the plan's columns and types. They live beside the target; while
 * the target schema does not exist they wait in `_weir` (created here under
 * the DDL lock when missing: it is Weir's bookkeeping, not the target).
 */
import type pg from "pg";

import { createSchemaSql, createStageSql, setWeirDefaultsSql } from "@/connectors/postgres-destination/ddl-sql";
import { LEDGER_SCHEMA } from "@/connectors/postgres-destination/identifiers";
import { type TResolvedPlan, parkArtifacts } from "@/connectors/postgres-destination/resolve-plan";
import { lockDdl, readCatalog } from "@/connectors/postgres-destination/target-catalog";
import { overwriteCopyDdl } from "@/connectors/postgres-destination/target-ddl";

async function inTransaction(client: pg.Client, work: () => Promise<void>): Promise<void> {
  await client.query("BEGIN");
  try {
    await work();
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  }
}

/** Creates the attempt's staging (or direct load's new table); returns the plan with where they are. */
export async function prepareStream(client: pg.Client, r: TResolvedPlan): Promise<TResolvedPlan> {
  const catalog = await readCatalog(client, r);
  const placed = catalog.schemaExists ? r : parkArtifacts(r);
  await inTransaction(client, async () => {
    if (!catalog.schemaExists && !catalog.weirSchemaExists) {
      await lockDdl(client);
      await client.query(createSchemaSql(LEDGER_SCHEMA));
    }
    if (placed.directLoad) {
      for (const sql of overwriteCopyDdl(placed, placed.copySchema, placed.overwriteCopy, catalog.columns)) await client.query(sql);
      await client.query(setWeirDefaultsSql(placed.copySchema, placed.overwriteCopy, r.plan.runId, r.plan.stream));
    } else {
      await client.query(createStageSql(placed.stageSchema, placed.stage, r.columns.length, r.stagedOrder));
    }
  });
  return placed;
}
