/**
 * Writes the edges of a COMPLETE event's plan set-based: every dataset edge
 * in one statement, every column edge in another, each remembering the
 * last run that saw it (an edge the job's last COMPLETE run did not see is
 * stale), then carries PII along the column edges this run saw.
 */
import type { Prisma } from "@/generated/prisma/client";
import type { TColumnEdgeFact, TEdgeFact } from "@/engine/lineage/event-plan";

type Tx = Pick<Prisma.TransactionClient, "$executeRaw" | "$queryRaw">;

export type TEdgeRun = { jobId: string; runId: string; at: Date };

export async function storeEdges(
  tx: Tx,
  run: TEdgeRun,
  edges: readonly TEdgeFact[],
  columnEdges: readonly TColumnEdgeFact[],
  ids: ReadonlyMap<string, string>,
): Promise<{ edges: number; columnEdges: number }> {
  if (!edges.length) return { edges: 0, columnEdges: 0 };
  const rows = edges.map((e) => ({ inputId: ids.get(e.inputKey)!, outputId: ids.get(e.outputKey)!, unresolved: e.unresolved }));
  rows.sort((a, b) => (a.inputId + a.outputId < b.inputId + b.outputId ? -1 : 1));
  const stored = await tx.$queryRaw<{ id: string; inputId: string; outputId: string }[]>`
    INSERT INTO "LineageEdge" (id, "jobId", "inputId", "outputId", "firstRunId", "lastRunId", "firstSeenAt", "lastSeenAt", unresolved)
    SELECT gen_random_uuid(), ${run.jobId}::uuid, r."inputId", r."outputId", ${run.runId}::uuid, ${run.runId}::uuid, ${run.at}, ${run.at}, r.unresolved
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r("inputId" uuid, "outputId" uuid, unresolved jsonb)
    ON CONFLICT ("jobId", "inputId", "outputId") DO UPDATE SET "lastRunId" = EXCLUDED."lastRunId", "lastSeenAt" = EXCLUDED."lastSeenAt", unresolved = EXCLUDED.unresolved
    RETURNING id, "inputId", "outputId"`;
  const edgeId = new Map(stored.map((e) => [`${e.inputId}>${e.outputId}`, e.id]));
  if (columnEdges.length) {
    const columnRows = columnEdges.map((c) => ({
      edgeId: edgeId.get(`${ids.get(c.inputKey)}>${ids.get(c.outputKey)}`)!,
      inputColumn: c.inputColumn,
      outputColumn: c.outputColumn,
      transformation: c.transformation,
    }));
    await tx.$executeRaw`
      INSERT INTO "ColumnEdge" (id, "edgeId", "inputColumn", "outputColumn", transformation, "lastRunId", "lastSeenAt")
      SELECT gen_random_uuid(), r."edgeId", r."inputColumn", r."outputColumn", r.transformation, ${run.runId}::uuid, ${run.at}
      FROM jsonb_to_recordset(${JSON.stringify(columnRows)}::jsonb) AS r("edgeId" uuid, "inputColumn" text, "outputColumn" text, transformation text)
      ORDER BY r."edgeId", r."inputColumn", r."outputColumn"
      ON CONFLICT ("edgeId", "inputColumn", "outputColumn") DO UPDATE SET transformation = EXCLUDED.transformation, "lastRunId" = EXCLUDED."lastRunId", "lastSeenAt" = EXCLUDED."lastSeenAt"`;
  }
  await propagatePii(tx, run.runId, [...new Set(rows.map((r) => r.outputId))]);
  return { edges: stored.length, columnEdges: columnEdges.length };
}

/**
 * A column copied or transformed from a PII column is PII too (an aggregate
 * of one is not), unless a person decided otherwise on that column.
 */
async function propagatePii(tx: Tx, runId: string, outputIds: readonly string[]): Promise<void> {
  if (!outputIds.length) return;
  await tx.$executeRaw`
    UPDATE "DatasetColumn" oc SET pii = true
    FROM "ColumnEdge" c
    JOIN "LineageEdge" e ON e.id = c."edgeId"
    JOIN "DatasetColumn" ic ON ic."datasetId" = e."inputId" AND ic.name = c."inputColumn"
    WHERE e."outputId" = ANY(${outputIds as string[]}::uuid[]) AND c."lastRunId" = ${runId}::uuid AND ic.pii
      AND c.transformation IN ('DIRECT/IDENTITY', 'DIRECT/TRANSFORMATION')
      AND oc."datasetId" = e."outputId" AND oc.name = c."outputColumn" AND NOT oc.pii AND NOT ('pii' = ANY(oc."editedFields"))`;
}
