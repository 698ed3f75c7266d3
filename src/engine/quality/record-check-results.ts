/**
 * Runs the enabled checks of a dataset and stores what they found: one
 * CheckResult per check, and the incident each result opens or closes
 * (gating.ts decides). The check row is locked while its incident is
 * decided, so two runs of the same check never open two incidents.
 */
import type { CheckSeverity } from "@/generated/prisma/client";
import { db } from "@/db/client";
import { knownPiiColumns, refreshQualityStatus } from "@/engine/lineage/catalog-status";
import { splitRelation } from "@/engine/lineage/describe-relations";
import { ZCheckKind } from "@/engine/quality/check-definition";
import { incidentAfterResult } from "@/engine/quality/gating";
import { type TCheckResult, runCheck } from "@/engine/quality/run-check";
import type { TWarehouse } from "@/connectors/warehouse-types";
import type { Logger } from "@/lib/logger";

/** A stored check; one without a warehouse (destinationId null) is reported by a producer and never run here. */
export type TStoredCheck = {
  id: string;
  name: string;
  destinationId: string | null;
  datasetSchema: string;
  datasetTable: string;
  definition: unknown;
  severity: CheckSeverity;
  mostly: number | null;
};
type TRunnableCheck = TStoredCheck & { destinationId: string };

/** What the result belongs to; a result imported from dbt names its invocation, and the same invocation's result is stored once. */
export type TCheckRunRef = { transformRunId?: string; syncRunId?: string; dbtInvocationId?: string };

/** Stores the result and opens or closes the check's incident; false when the check has this dbt invocation's result already. */
export async function recordCheckResult(check: TStoredCheck, result: TCheckResult, ref: TCheckRunRef): Promise<boolean> {
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Check" WHERE id = ${check.id}::uuid FOR UPDATE`;
    if (ref.dbtInvocationId && (await tx.checkResult.findFirst({ where: { checkId: check.id, dbtInvocationId: ref.dbtInvocationId }, select: { id: true } })))
      return false;
    await tx.checkResult.create({
      data: {
        checkId: check.id,
        status: result.status,
        observed: result.observed,
        failingRows: result.failingRows === null ? null : BigInt(result.failingRows),
        totalRows: result.totalRows === null ? null : BigInt(result.totalRows),
        sample: JSON.parse(JSON.stringify(result.sample, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as object,
        message: result.message,
        durationMs: result.durationMs,
        transformRunId: ref.transformRunId,
        syncRunId: ref.syncRunId,
        dbtInvocationId: ref.dbtInvocationId,
      },
    });
    const current = await tx.incident.findFirst({ where: { checkId: check.id, status: { not: "resolved" } }, orderBy: { openedAt: "desc" } });
    const action = incidentAfterResult(check.severity, result.status, current && { status: current.status });
    if (action.do === "open") await tx.incident.create({ data: { checkId: check.id } });
    if (action.do === "close" && current) {
      await tx.incident.update({
        where: { id: current.id },
        data: { status: "resolved", resolvedAt: new Date(), resolution: action.resolution, autoResolved: true },
      });
    }
    return true;
  });
}

type TDatasetOf = Pick<TStoredCheck, "destinationId" | "datasetSchema" | "datasetTable">;
const datasetKey = (c: TDatasetOf) => `${c.destinationId}\u0000${c.datasetSchema}\u0000${c.datasetTable}`;

/** After results are recorded: the catalog's quality badge of each warehouse dataset they are on, once per dataset; a catalog problem never loses a result. */
export async function refreshCatalogQuality(checks: readonly TDatasetOf[]): Promise<void> {
  const datasets = new Map(checks.map((c) => [datasetKey(c), c]));
  for (const c of datasets.values()) if (c.destinationId) await refreshQualityStatus(c.destinationId, c.datasetSchema, c.datasetTable).catch(() => undefined);
}

/** Runs and records every enabled check of `checks` on the warehouse; returns the results by check id. */
export async function runAndRecordChecks(
  warehouse: TWarehouse,
  checks: readonly TStoredCheck[],
  ref: TCheckRunRef,
  log: Logger,
): Promise<Map<string, TCheckResult>> {
  const results = new Map<string, TCheckResult>();
  // PII flags per relation of a destination, read once for all the checks of this call.
  const known = new Map<string, Promise<string[] | null>>();
  // The lineage parser names relations in lower case; the check's own dataset is looked up as it is spelled.
  const piiIn = (check: TRunnableCheck) => (relation: string) => {
    const own = `${check.datasetSchema}.${check.datasetTable}`;
    const { schema, table } = relation === own.toLowerCase() ? { schema: check.datasetSchema, table: check.datasetTable } : splitRelation(relation);
    const key = `${check.destinationId}\u0000${schema}.${table}`;
    if (!known.has(key)) known.set(key, knownPiiColumns(check.destinationId, schema, table));
    return known.get(key)!;
  };
  const runnable = checks.filter((c): c is TRunnableCheck => c.destinationId !== null);
  for (const check of runnable) {
    const kind = ZCheckKind.safeParse(check.definition);
    const piiOf = piiIn(check);
    const pii = kind.success ? ((await piiOf(`${check.datasetSchema}.${check.datasetTable}`.toLowerCase())) ?? []) : [];
    const result: TCheckResult = kind.success
      ? await runCheck({
          warehouse,
          piiOf,
          dataset: { schema: check.datasetSchema, table: check.datasetTable, piiColumns: pii },
          definition: { name: check.name, severity: check.severity, check: kind.data, ...(check.mostly === null ? {} : { mostly: check.mostly }) },
        })
      : {
          status: "error",
          observed: null,
          failingRows: null,
          totalRows: null,
          sample: [],
          message: `The check's definition is not valid: ${kind.error.issues[0]?.message}.`,
          durationMs: 0,
        };
    await recordCheckResult(check, result, ref);
    log.info(
      { check: check.name, dataset: `${check.datasetSchema}.${check.datasetTable}`, status: result.status },
      `Check "${check.name}" ${result.status}: ${result.message}`,
    );
    results.set(check.id, result);
  }
  await refreshCatalogQuality(runnable);
  return results;
}
