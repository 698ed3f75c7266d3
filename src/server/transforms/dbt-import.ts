/**
 * Imports a dbt project's artifacts into Weir. Its models, seeds, snapshots
 * and sources become DbtNodes (shown beside Weir's models) and catalog
 * datasets named as their relations in the chosen warehouse, with their
 * docs and lineage (engine/dbt/dbt-catalog.ts); its tests become checks on
 * those datasets (dbt-checks.ts), run by Weir where it reaches the relations
 * and dbt-run only elsewhere; run_results.json's results become their
 * results, once per invocation. Re-importing updates what is there and
 * marks what the project no longer has as removed.
 */
import { z } from "zod";
import { zJsonValue } from "@/lib/input-rules";

import { db } from "@/db/client";
import { readDbtArtifacts } from "@/engine/dbt/dbt-artifacts";
import { recordDbtCatalog } from "@/engine/dbt/dbt-catalog";
import { catalogNodes } from "@/engine/dbt/dbt-datasets";
import { reachDbtRelations } from "@/engine/dbt/dbt-warehouse";
import { refreshCatalogQuality } from "@/engine/quality/record-check-results";
import { AppError } from "@/lib/app-error";
import { childLogger } from "@/lib/logger";
import { type TAuditActor, writeAudit } from "@/db/write-audit";
import { packageOf, recordDbtResults, removeDbtChecks, upsertDbtChecks } from "@/server/transforms/dbt-checks";
import { nodeRows, removeDbtNodes, storeDbtNodes } from "@/server/transforms/dbt-nodes";
import { warehouseDestination } from "@/server/transforms/model-store";

/** Artifacts are large; 50 MB of JSON is a big project. */
const MAX_ARTIFACT_CHARS = 50 * 1024 * 1024;

export const ZDbtImportInput = z.object({
  destinationId: z.string().uuid("is not a destination id"),
  /** manifest.json, parsed. */
  manifest: zJsonValue().refine((v) => v !== undefined && v !== null, "is required: upload target/manifest.json"),
  /** run_results.json, parsed; optional. */
  runResults: zJsonValue().optional(),
});

export const ZDbtImportOutput = z.object({
  importId: z.string(),
  project: z.string().nullable(),
  dbtVersion: z.string(),
  models: z.number(),
  sources: z.number(),
  checks: z.number(),
  /** Results stored by this import. */
  results: z.number(),
  /** Results of run_results.json already stored by an earlier import of the same invocation, not stored again. */
  repeatedResults: z.number(),
  /** dbt tests Weir could not turn into checks (kind unknown and not compiled), by name. */
  skippedTests: z.array(z.string()),
  /** Checks Weir cannot run (their relations are not in the warehouse Weir reaches): dbt-run only. */
  dbtRunOnlyChecks: z.number(),
  /** Catalog datasets the project's nodes name. */
  datasets: z.number(),
  /** Lineage edges (dataset and column) this import recorded; 0 when the same manifest was imported before. */
  edges: z.number(),
  columnEdges: z.number(),
  /** What earlier imports of the project had and this manifest no longer has. */
  removed: z.object({ nodes: z.number(), checks: z.number(), datasets: z.number() }),
});

export async function importDbtProject(
  input: z.output<typeof ZDbtImportInput>,
  actor: TAuditActor,
  requestId?: string,
): Promise<z.output<typeof ZDbtImportOutput>> {
  if (JSON.stringify(input.manifest).length > MAX_ARTIFACT_CHARS) throw new AppError("BAD_INPUT", "manifest.json is larger than 50 MB.");
  const artifacts = readDbtArtifacts(input.manifest, input.runResults);
  const destination = await warehouseDestination(input.destinationId, "dbt tests run as checks");
  const log = childLogger({ requestId: requestId ?? "-", dbtProject: artifacts.project ?? "-" });
  const nodes = catalogNodes(artifacts);
  const targets = artifacts.tests.flatMap((t) => (t.check?.kind === "relationships" ? [`${t.check.toSchema}.${t.check.toTable}`] : []));
  const reach = await reachDbtRelations(destination, [...nodes.map((n) => n.relation), ...targets], log);

  const rows = nodeRows(artifacts);
  const current = new Set(rows.map((n) => n.uniqueId));

  const { importId, checks, removedNodes, removedChecks } = await db().$transaction(
    async (tx) => {
      const created = await tx.dbtImport.create({
        data: {
          project: artifacts.project,
          dbtVersion: artifacts.dbtVersion,
          destinationId: destination.id,
          resultsAt: artifacts.resultsAt,
          importedById: actor.id,
        },
      });
      await storeDbtNodes(tx, created.id, rows, artifacts, input.runResults !== undefined);
      const gone = await removeDbtNodes(tx, artifacts.project, destination.id, current);
      const packages = new Set([...current, ...gone.map((n) => n.uniqueId)].map(packageOf));
      const checks = await upsertDbtChecks(tx, artifacts, destination, reach);
      const removedChecks = await removeDbtChecks(tx, destination.id, packages, artifacts.tests);
      await writeAudit(tx, {
        actor,
        action: "dbt.import",
        targetType: "dbt_import",
        targetId: created.id,
        requestId,
        diff: {
          project: { from: null, to: artifacts.project },
          models: { from: null, to: artifacts.models.length },
          tests: { from: null, to: checks.checkIds.size },
          removed: { from: null, to: gone.length + removedChecks.length },
        },
      });
      return { importId: created.id, checks, removedNodes: gone, removedChecks };
    },
    { timeout: 60_000 },
  );

  const removed = removedNodes.map((n) => {
    const parts = n.relation.split(".");
    const [schema, table] = [parts.at(-2) ?? "main", parts.at(-1)!];
    return { uniqueId: n.uniqueId, kind: n.kind, schema, table, relation: `${schema}.${table}`.toLowerCase() };
  });
  const catalog = await recordDbtCatalog({ artifacts, destination, reach, removed });
  const recorded = await recordDbtResults(artifacts, checks.checkIds);
  await refreshCatalogQuality([...recorded.recorded, ...removedChecks]);
  return {
    importId,
    project: artifacts.project,
    dbtVersion: artifacts.dbtVersion,
    models: artifacts.models.length,
    sources: artifacts.sources.length,
    checks: checks.checkIds.size,
    results: recorded.recorded.length,
    repeatedResults: recorded.repeated,
    skippedTests: checks.skippedTests,
    dbtRunOnlyChecks: checks.runOnly,
    datasets: catalog.datasets,
    edges: catalog.edges,
    columnEdges: catalog.columnEdges,
    removed: { nodes: removedNodes.length, checks: removedChecks.length, datasets: catalog.removedDatasets },
  };
}
