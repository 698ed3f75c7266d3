/**
 * An attempt's staged rows: the batch files spooled so far (batch-files.ts)
 * and, once the commit needs them, the TEMP relation reading them as wire
 * text (`stageRef(name)`). For full refreshes and appends that is a TEMP
 * VIEW over the files, so the typed insert is one pass of DuckDB's parallel
 * CSV reader and no row is held in memory; for incremental_dedup, whose
 * merge orders rows by arrival, a TEMP table loaded batch by batch.
 *
 * The relation is made before the commit's transaction, so that after a
 * failed commit it is still there for the diagnosis that names the refused
 * value (data-rejection.ts); `dropStage` then removes it with the files.
 * Temporary objects are private to the session's connection and die with it.
 */
import type { TWritePlan } from "@/connectors/types";
import { removeBatchFiles } from "@/connectors/duckdb/batch-files";
import type { TDuckDbHandle } from "@/connectors/duckdb/open-database";
import { ident } from "@/connectors/duckdb/sql-text";
import { type TSpooledBatch, spooledRowsSql } from "@/connectors/duckdb/spool-sql";
import { createStageSql, loadStageSql, stageRef } from "@/connectors/duckdb/stage-sql";
import { AppError } from "@/lib/app-error";

/** An attempt's staging: its name (unique in the session), the batches spooled so far, and the relation made over them. */
export type TStage = { name: string; batches: TSpooledBatch[]; created?: "view" | "table" };

/**
 * Makes the staged rows readable as `stageRef(stage.name)`: a view over the
 * spooled files, or (dedup, or nothing spooled) a TEMP table loaded batch
 * by batch, each batch's row count checked.
 */
export async function materializeStage(db: TDuckDbHandle, plan: TWritePlan, stage: TStage): Promise<void> {
  if (stage.created) return;
  if (plan.mode !== "incremental_dedup" && stage.batches.length) {
    await db.run(`CREATE OR REPLACE TEMP VIEW ${ident(stage.name)} AS ${spooledRowsSql(plan, stage.batches)}`);
    stage.created = "view";
    return;
  }
  await db.run(createStageSql(plan, stage.name));
  stage.created = "table";
  for (const batch of stage.batches) {
    const loaded = await db.run(loadStageSql(stage.name, batch.indexes, batch.file, batch.bytes, batch.extractedAt));
    if (loaded !== batch.rows) {
      throw new AppError("CONNECTOR_ERROR", `DuckDB destination: a batch of ${plan.stream} announced ${batch.rows} rows but its CSV held ${loaded}.`);
    }
  }
}

/** Drops the stage's view or table (when made) and removes its files. */
export async function dropStage(db: TDuckDbHandle, stage: TStage): Promise<void> {
  if (stage.created) await db.run(`DROP ${stage.created === "view" ? "VIEW" : "TABLE"} IF EXISTS ${stageRef(stage.name)}`);
  stage.created = undefined;
  await removeBatchFiles(stage.batches.map((b) => b.file));
}
