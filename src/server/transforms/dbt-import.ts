/**
 * Imports a dbt project's artifacts into Weir: its models, seeds, snapshots
 * and sources become DbtNodes (shown beside Weir's models; the catalog
 * reads them too), its generic tests become checks on the same datasets in
 * the chosen warehouse (origin "dbt:<unique id>"), and the results of
 * run_results.json become their results, opening and closing incidents as
 * Weir's own results do. Re-importing updates what is there.
 */
import { z } from "zod";
import { zJsonValue } from "@/lib/input-rules";

import { db } from "@/db/client";
import { readDbtArtifacts } from "@/engine/dbt/dbt-artifacts";
import { recordCheckResult, refreshCatalogQuality } from "@/engine/quality/record-check-results";
import type { TCheckStatus } from "@/engine/quality/run-check";
import { AppError } from "@/lib/app-error";
import { type TAuditActor, writeAudit } from "@/server/audit/write-audit";
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
  results: z.number(),
  /** dbt tests Weir could not turn into checks (kind unknown and not compiled), by name. */
  skippedTests: z.array(z.string()),
});

const STATUS: Record<string, TCheckStatus> = { pass: "passed", fail: "failed", warn: "failed", error: "error" };

/** `db.schema.table` (or `schema.table`) → schema and table. */
function datasetOf(relation: string): { schema: string; table: string } {
  const parts = relation.split(".");
  return { schema: parts.at(-2) ?? "main", table: parts.at(-1)! };
}

export async function importDbtProject(input: z.output<typeof ZDbtImportInput>, actor: TAuditActor, requestId?: string): Promise<z.output<typeof ZDbtImportOutput>> {
  if (JSON.stringify(input.manifest).length > MAX_ARTIFACT_CHARS) throw new AppError("BAD_INPUT", "manifest.json is larger than 50 MB.");
  const artifacts = readDbtArtifacts(input.manifest, input.runResults);
  const destination = await warehouseDestination(input.destinationId, "dbt tests run as checks");

  const results = new Map(artifacts.results.map((r) => [r.uniqueId, r]));
  const relations = new Map([...artifacts.models.map((m) => [m.uniqueId, m.relation] as const), ...artifacts.sources.map((s) => [s.uniqueId, s.relation] as const)]);
  const skippedTests: string[] = [];
  const checkIds = new Map<string, string>();

  const importId = await db().$transaction(async (tx) => {
    const created = await tx.dbtImport.create({ data: { project: artifacts.project, dbtVersion: artifacts.dbtVersion, destinationId: destination.id, resultsAt: artifacts.resultsAt, importedById: actor.id } });
    const nodes = [
      ...artifacts.models.map((m) => ({ uniqueId: m.uniqueId, kind: m.kind, name: m.name, relation: m.relation, materialization: m.materialization, description: m.description, owner: m.owner, sql: m.sql, path: m.path, upstream: m.upstream, columns: m.columns })),
      ...artifacts.sources.map((s) => ({ uniqueId: s.uniqueId, kind: "source", name: `${s.sourceName}.${s.name}`, relation: s.relation, materialization: null, description: s.description, owner: null, sql: null, path: null, upstream: [], columns: s.columns })),
    ];
    for (const node of nodes) {
      const result = results.get(node.uniqueId);
      const data = { ...node, importId: created.id, lastStatus: result?.status ?? null, lastRunSeconds: result?.seconds ?? null };
      await tx.dbtNode.upsert({ where: { uniqueId: node.uniqueId }, create: data, update: data });
    }
    for (const test of artifacts.tests) {
      const relation = test.attachedTo ? relations.get(test.attachedTo) : undefined;
      if (!test.check || !relation) {
        skippedTests.push(test.name);
        continue;
      }
      const { schema, table } = datasetOf(relation);
      const data = { destinationId: destination.id, datasetSchema: schema, datasetTable: table, name: test.name, definition: test.check, severity: test.severity, origin: `dbt:${test.uniqueId}` };
      const check = await tx.check.upsert({
        where: { destinationId_datasetSchema_datasetTable_name: { destinationId: destination.id, datasetSchema: schema, datasetTable: table, name: test.name } },
        create: data,
        update: data,
      });
      checkIds.set(test.uniqueId, check.id);
    }
    await writeAudit(tx, {
      actor, action: "dbt.import", targetType: "dbt_import", targetId: created.id, requestId,
      diff: { project: { from: null, to: artifacts.project }, models: { from: null, to: artifacts.models.length }, tests: { from: null, to: checkIds.size } },
    });
    return created.id;
  });

  const recordedChecks: { destinationId: string | null; datasetSchema: string; datasetTable: string }[] = [];
  for (const [uniqueId, checkId] of checkIds) {
    const result = results.get(uniqueId);
    const status = result && STATUS[result.status];
    if (!result || !status) continue;
    const check = await db().check.findUniqueOrThrow({ where: { id: checkId } });
    await recordCheckResult(check, {
      status,
      observed: result.failures,
      failingRows: result.failures,
      totalRows: null,
      sample: [],
      message: `dbt: ${result.message ?? result.status}`,
      durationMs: Math.round(result.seconds * 1000),
    }, {});
    recordedChecks.push(check);
  }
  await refreshCatalogQuality(recordedChecks);
  return {
    importId,
    project: artifacts.project,
    dbtVersion: artifacts.dbtVersion,
    models: artifacts.models.length,
    sources: artifacts.sources.length,
    checks: checkIds.size,
    results: recordedChecks.length,
    skippedTests,
  };
}

/** The imported dbt nodes, for the models page. */
export async function listDbtNodes() {
  return db().dbtNode.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }], select: { uniqueId: true, kind: true, name: true, relation: true, materialization: true, description: true, owner: true, upstream: true, lastStatus: true, updatedAt: true } });
}
