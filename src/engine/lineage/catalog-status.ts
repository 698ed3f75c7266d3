/**
 * What checks tell the catalog: a dataset's quality status (the worst
 * latest result of its enabled checks, those Weir runs in its warehouse and
 * those a producer reports) and freshness (its freshness checks), and which
 * of its columns are PII, so check samples mask them.
 */
import { db } from "@/db/client";
import { ZCheckKind } from "@/engine/quality/check-definition";

/** The catalog entry of `schema.table` in a destination's warehouse (named `schema.table` or `database.schema.table`). */
export async function warehouseDatasetId(destinationId: string, schema: string, table: string): Promise<string | null> {
  const relation = `${schema}.${table}`;
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT id FROM "Dataset"
    WHERE "destinationId" = ${destinationId}::uuid AND (name = ${relation} OR right(name, ${relation.length + 1}) = ${`.${relation}`})
    ORDER BY (kind = 'model') DESC LIMIT 1`;
  return rows[0]?.id ?? null;
}

export async function piiColumns(destinationId: string, schema: string, table: string): Promise<string[]> {
  return (await knownPiiColumns(destinationId, schema, table)) ?? [];
}

/** The PII columns of `schema.table`, or null when the catalog does not know the dataset (then nothing says its columns are safe to show). */
export async function knownPiiColumns(destinationId: string, schema: string, table: string): Promise<string[] | null> {
  const id = await warehouseDatasetId(destinationId, schema, table);
  if (!id) return null;
  return (await db().datasetColumn.findMany({ where: { datasetId: id, pii: true }, select: { name: true } })).map((c) => c.name);
}

export type TQualitySummary = { qualityStatus: "passed" | "warn" | "failed" | null; freshnessStatus: "fresh" | "stale" | null };

/** From the latest result of each enabled check: failed if an error check failed, warn if a warn check did, passed if all passed. */
export function summarizeQuality(
  latest: readonly { severity: "warn" | "error"; status: "passed" | "failed" | "error"; freshness: boolean }[],
): TQualitySummary {
  const bad = latest.filter((r) => r.status !== "passed");
  const qualityStatus = !latest.length ? null : bad.some((r) => r.severity === "error") ? "failed" : bad.length ? "warn" : "passed";
  const freshness = latest.filter((r) => r.freshness);
  const freshnessStatus = !freshness.length ? null : freshness.every((r) => r.status === "passed") ? "fresh" : "stale";
  return { qualityStatus, freshnessStatus };
}

type TClient = Pick<ReturnType<typeof db>, "check" | "dataset">;

/**
 * A dataset's quality from the latest result of each enabled check on it:
 * the checks Weir runs on its warehouse relation (when it has one) and the
 * checks a producer reports on the catalog entry itself.
 */
async function refreshQualityOf(client: TClient, dataset: { id: string; destinationId: string | null; name: string }): Promise<void> {
  const parts = dataset.name.split(".");
  const relation =
    dataset.destinationId && parts.length >= 2
      ? { destinationId: dataset.destinationId, datasetSchema: parts[parts.length - 2]!, datasetTable: parts[parts.length - 1]! }
      : null;
  const checks = await client.check.findMany({
    where: { enabled: true, OR: [{ datasetId: dataset.id }, ...(relation ? [relation] : [])] },
    select: { severity: true, definition: true, results: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true } } },
  });
  const latest = checks.flatMap((c) => {
    const result = c.results[0];
    if (!result) return [];
    const kind = ZCheckKind.safeParse(c.definition);
    const reported = c.definition as { kind?: unknown; assertion?: unknown };
    const freshness = kind.success ? kind.data.kind === "freshness" : reported.kind === "reported" && reported.assertion === "freshness";
    return [{ severity: c.severity, status: result.status, freshness }];
  });
  await client.dataset.update({ where: { id: dataset.id }, data: summarizeQuality(latest) });
}

export async function refreshQualityStatus(destinationId: string, schema: string, table: string): Promise<void> {
  const id = await warehouseDatasetId(destinationId, schema, table);
  if (!id) return;
  await refreshQualityOf(db(), { id, destinationId, name: `${schema}.${table}` });
}

/** After reported results: the quality of each dataset they are on (inside the caller's transaction). */
export async function refreshReportedQuality(client: TClient, datasetIds: readonly string[]): Promise<void> {
  const datasets = await client.dataset.findMany({ where: { id: { in: [...datasetIds] } }, select: { id: true, destinationId: true, name: true } });
  for (const d of datasets) await refreshQualityOf(client, d);
}
