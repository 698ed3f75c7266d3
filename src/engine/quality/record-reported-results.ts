/**
 * Quality results an external producer reports: each assertion of an
 * OpenLineage `dataQualityAssertions` input facet (Great Expectations, dbt,
 * Soda…) becomes a result of a check on that catalog dataset, stored as
 * Weir's own check results are (Check, CheckResult, the incident a failed
 * error-severity result opens or a pass closes, the dataset's quality
 * status), so it shows on the dataset's page and in the quality views. The
 * check is named as reported (origin "openlineage:<producer>", definition
 * kind "reported"): Weir never runs it. Written set-based, in the event's
 * transaction.
 */
import type { Prisma } from "@/generated/prisma/client";
import { refreshReportedQuality } from "@/engine/lineage/catalog-status";
import type { TAssertionFact } from "@/engine/lineage/event-plan";

type Tx = Prisma.TransactionClient;

export type TReportedBy = { producer: string; runId: string; at: Date };

/** The check's name: the assertion's own name, else its kind and column, e.g. "not_null(order_id)". */
const checkName = (a: TAssertionFact) => (a.name ?? (a.column ? `${a.assertion}(${a.column})` : a.assertion)).slice(0, 200);

function message(a: TAssertionFact, producer: string): string {
  const what = `${a.assertion}${a.column ? ` on ${a.column}` : ""}`;
  const values = [a.expected !== null ? `expected ${a.expected}` : "", a.actual !== null ? `actual ${a.actual}` : ""].filter(Boolean).join(", ");
  return `Reported by ${producer}: ${what} ${a.success ? "passed" : "failed"}${values ? ` (${values})` : ""}.`.slice(0, 2_000);
}

export async function recordReportedResults(
  tx: Tx,
  by: TReportedBy,
  assertions: readonly TAssertionFact[],
  datasetIds: ReadonlyMap<string, string>,
): Promise<number> {
  if (!assertions.length) return 0;
  const rows = new Map<string, Record<string, unknown>>();
  for (const a of assertions) {
    const datasetId = datasetIds.get(a.datasetKey);
    if (!datasetId) continue;
    const name = checkName(a);
    const parts = a.datasetKey.split("\u0000")[1]!.split(".");
    rows.set(`${datasetId}\u0000${name}`, {
      datasetId,
      name,
      datasetSchema: parts.length > 1 ? parts[parts.length - 2] : "",
      datasetTable: parts[parts.length - 1],
      severity: a.severity,
      definition: {
        kind: "reported",
        assertion: a.assertion,
        ...(a.column ? { column: a.column } : {}),
        ...(a.description ? { description: a.description } : {}),
        ...(a.expected !== null ? { expected: a.expected } : {}),
      },
      status: a.success ? "passed" : "failed",
      message: message(a, by.producer),
    });
  }
  const list = [...rows.values()];
  const param = JSON.stringify(list);
  const checks = await tx.$queryRaw<{ id: string; datasetId: string; name: string; severity: string }[]>`
    INSERT INTO "Check" (id, name, "datasetId", "datasetSchema", "datasetTable", definition, severity, origin, "updatedAt")
    SELECT gen_random_uuid(), r.name, r."datasetId", r."datasetSchema", r."datasetTable", r.definition, r.severity::"CheckSeverity", ${`openlineage:${by.producer}`.slice(0, 500)}, now()
    FROM jsonb_to_recordset(${param}::jsonb) AS r(name text, "datasetId" uuid, "datasetSchema" text, "datasetTable" text, definition jsonb, severity text)
    ORDER BY r."datasetId", r.name
    ON CONFLICT ("datasetId", name) DO UPDATE SET definition = EXCLUDED.definition, severity = EXCLUDED.severity, origin = EXCLUDED.origin, "updatedAt" = now()
    RETURNING id, "datasetId", name, severity::text`;
  const checkId = new Map(checks.map((c) => [`${c.datasetId}\u0000${c.name}`, c.id]));
  const results = list.map((r) => ({ checkId: checkId.get(`${String(r.datasetId)}\u0000${String(r.name)}`)!, status: r.status, message: r.message }));
  await tx.$executeRaw`
    INSERT INTO "CheckResult" (id, "checkId", status, message, "durationMs", "createdAt")
    SELECT gen_random_uuid(), r."checkId", r.status::"CheckStatus", r.message, 0, ${by.at}
    FROM jsonb_to_recordset(${JSON.stringify(results)}::jsonb) AS r("checkId" uuid, status text, message text)
    -- A producer that sends the same event again (a retry after a timeout) reports nothing new: one result per check and event time.
    WHERE NOT EXISTS (SELECT 1 FROM "CheckResult" x WHERE x."checkId" = r."checkId" AND x."createdAt" = ${by.at})`;
  // Incidents as gating.ts decides them for Weir's own results: a failed error check opens one unless one is unresolved; a pass closes it.
  const failedErrors = results.filter((r, i) => r.status === "failed" && list[i]!.severity === "error").map((r) => r.checkId);
  const passed = results.filter((r) => r.status === "passed").map((r) => r.checkId);
  if (failedErrors.length) {
    await tx.$executeRaw`
      INSERT INTO "Incident" (id, "checkId") SELECT gen_random_uuid(), c.id FROM unnest(${failedErrors}::uuid[]) AS c(id)
      WHERE NOT EXISTS (SELECT 1 FROM "Incident" i WHERE i."checkId" = c.id AND i.status <> 'resolved')`;
  }
  if (passed.length) {
    await tx.$executeRaw`
      UPDATE "Incident" SET status = 'resolved', "resolvedAt" = now(), resolution = ${`The producer reported the assertion passing (${by.producer.slice(0, 300)}).`}, "autoResolved" = true
      WHERE "checkId" = ANY(${passed}::uuid[]) AND status <> 'resolved'`;
  }
  await refreshReportedQuality(tx, [...new Set(list.map((r) => String(r.datasetId)))]);
  return results.length;
}
