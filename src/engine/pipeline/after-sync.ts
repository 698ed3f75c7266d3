/**
 * What follows a successful sync (the pipeline sync → silver → gold): the
 * quality checks on the datasets the connection loads run and are stored
 * with the sync run (their results gate the models that read those
 * datasets), then one transform run starts for the models that read the
 * connection through source() and everything downstream of them.
 */
import { db } from "@/db/client";
import { runAndRecordChecks } from "@/engine/quality/record-check-results";
import { readModelTemplate } from "@/engine/transform/model-template";
import { openWarehouse } from "@/engine/transform/warehouses/open-warehouse";
import { enqueueJob } from "@/jobs/registry";
import type { Logger } from "@/lib/logger";

export type TAfterSyncInput = {
  runId: string;
  connection: { id: string; name: string; destination: { connector: string; name: string; config: unknown } };
  log: Logger;
  /** Lines for the run's log, which people read on the run page. */
  runLog: { info(message: string): Promise<void> };
};

/** Names of the models whose SQL reads the connection with source(). */
export async function modelsReading(connectionName: string): Promise<string[]> {
  const models = await db().model.findMany({ select: { name: true, sql: true } });
  return models
    .filter((m) => {
      try {
        return readModelTemplate(m.name, m.sql).sources.some((s) => s.connection === connectionName);
      } catch {
        return false; // a broken template is reported when the model runs
      }
    })
    .map((m) => m.name)
    .sort();
}

export async function afterSyncSucceeded(input: TAfterSyncInput): Promise<void> {
  const { runId, connection, log, runLog } = input;
  const checks = await db().check.findMany({ where: { connectionId: connection.id, enabled: true } });
  if (checks.length) {
    const warehouse = await openWarehouse(connection.destination, { log, attribution: { kind: "check", run: runId, connection: connection.id } });
    try {
      const results = await runAndRecordChecks(warehouse, checks, { syncRunId: runId }, log);
      const failed = [...results.values()].filter((r) => r.status !== "passed").length;
      await runLog.info(`Quality: ${checks.length} check(s) ran, ${failed ? `${failed} did not pass` : "all passed"}.`);
    } finally {
      await warehouse.close();
    }
  }
  const readers = await modelsReading(connection.name);
  if (readers.length) {
    const selector = readers.map((name) => `${name}+`).join(" ");
    const transformRun = await db().transformRun.create({ data: { selector, trigger: "upstream", upstreamRunId: runId } });
    await enqueueJob("transform.run", { transformRunId: transformRun.id });
    await runLog.info(`Started models downstream: ${selector} (transform run ${transformRun.id}).`);
  }
}
