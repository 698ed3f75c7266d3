/**
 * Runs one transform run (the `transform.run` job): the models its selector
 * picks, in dependency order, independent ones in parallel. For each model:
 * the gate (an error check failing on a dataset it reads blocks it), the
 * build in its warehouse, then the checks on the dataset it built, whose
 * results gate what is downstream. Every model's outcome is a ModelRun row;
 * the run fails when a model failed or was blocked, saying which.
 */
import { db } from "@/db/client";
import { type TModelLineage, modelCompleted, modelFailed, modelStarted } from "@/engine/lineage/model-lineage";
import { ZCheckKind } from "@/engine/quality/check-definition";
import { gateModel, type TLatestCheckResult } from "@/engine/quality/gating";
import { runAndRecordChecks } from "@/engine/quality/record-check-results";
import { ModelGraph } from "@/engine/transform/model-graph";
import { readModelTemplate, renderModelTemplate } from "@/engine/transform/model-template";
import { runModelDag, type TModelOutcome } from "@/engine/transform/run-dag";
import { sourceDataset } from "@/engine/transform/source-relation";
import { openWarehouse } from "@/engine/transform/warehouses/open-warehouse";
import type { TWarehouse } from "@/connectors/warehouse-types";
import type { Logger } from "@/lib/logger";
import { scrubSecrets } from "@/lib/secret-scrub";
import { setting } from "@/lib/env";

/** Models built at once; WEIR_TRANSFORM_CONCURRENCY changes it. */
export const DEFAULT_CONCURRENCY = 4;

export type TRunTransformInput = { transformRunId: string; log: Logger; signal: AbortSignal; concurrency?: number };

/** A dataset in a warehouse: what a model reads and what checks are on. */
type TDataset = { destinationId: string; datasetSchema: string; datasetTable: string };

/** The models a selector picks: `*` for all, else space-separated dbt selectors (`m`, `+m`, `m+`). */
export function selectModels(graph: ModelGraph, selector: string, all: readonly string[]): Set<string> {
  const parts = selector.trim().split(/\s+/).filter(Boolean);
  if (!parts.length || parts.includes("*")) return new Set(all);
  return new Set(parts.flatMap((part) => [...graph.select(part)]));
}

/** The latest result of every enabled check on the given datasets, for the gate. */
async function latestResults(datasets: readonly TDataset[]): Promise<TLatestCheckResult[]> {
  if (!datasets.length) return [];
  const checks = await db().check.findMany({ where: { enabled: true, OR: [...datasets] }, include: { results: { orderBy: { createdAt: "desc" }, take: 1 } } });
  return checks
    .filter((c) => c.results[0])
    .map((c) => ({ checkId: c.id, checkName: c.name, dataset: `${c.datasetSchema}.${c.datasetTable}`, severity: c.severity, status: c.results[0]!.status }));
}

/**
 * The graph runs are scheduled on: the models' refs, plus, as dbt does for
 * its tests, an edge to every model a model's relationships checks point at,
 * so those checks run once both tables are built. Those extra edges are left
 * out if they would close a cycle (the refs alone never do).
 */
async function schedulingGraph(models: readonly { id: string; name: string; refs: string[]; schema: string; destinationId: string }[]): Promise<ModelGraph> {
  const byDataset = new Map(models.map((m) => [`${m.destinationId}\u0000${m.schema}.${m.name}`, m.name]));
  const checks = await db().check.findMany({
    where: { enabled: true, modelId: { not: null } },
    select: { modelId: true, destinationId: true, definition: true },
  });
  const extra = new Map<string, string[]>();
  for (const c of checks) {
    const kind = ZCheckKind.safeParse(c.definition);
    if (!kind.success || kind.data.kind !== "relationships") continue;
    const target = byDataset.get(`${c.destinationId}\u0000${kind.data.toSchema}.${kind.data.toTable}`);
    const owner = models.find((m) => m.id === c.modelId);
    if (target && owner && target !== owner.name) extra.set(owner.name, [...(extra.get(owner.name) ?? []), target]);
  }
  const plain = models.map((m) => ({ name: m.name, refs: m.refs }));
  if (!extra.size) return ModelGraph.build(plain);
  try {
    return ModelGraph.build(models.map((m) => ({ name: m.name, refs: [...new Set([...m.refs, ...(extra.get(m.name) ?? [])])] })));
  } catch {
    return ModelGraph.build(plain);
  }
}

export async function runTransform(input: TRunTransformInput): Promise<void> {
  const { transformRunId, log, signal } = input;
  const existing = await db().transformRun.findUniqueOrThrow({ where: { id: transformRunId } });
  if (existing.finishedAt) return; // a retried job whose run already ended
  // A retry after a crash starts over: the crashed attempt's model rows go (each build was one transaction; the retry rebuilds).
  await db().modelRun.deleteMany({ where: { transformRunId } });
  const run = await db().transformRun.update({ where: { id: transformRunId }, data: { status: "running", startedAt: new Date(), error: null } });
  const models = await db().model.findMany({ include: { destination: true } });
  const byName = new Map(models.map((m) => [m.name, m]));
  try {
    const graph = await schedulingGraph(models);
    const selected = selectModels(
      graph,
      run.selector,
      models.map((m) => m.name),
    );
    const modelRuns = new Map<string, string>();
    for (const name of selected) modelRuns.set(name, (await db().modelRun.create({ data: { transformRunId, modelId: byName.get(name)!.id } })).id);
    const connections = new Map(
      (await db().connection.findMany({ include: { streams: { select: { stream: true, selected: true } }, source: { select: { catalog: true } } } })).map(
        (c) => [c.name, c],
      ),
    );

    const buildOne = async (name: string): Promise<TModelOutcome> => {
      const model = byName.get(name)!;
      const modelRunId = modelRuns.get(name)!;
      const declared = readModelTemplate(model.name, model.sql);
      const inputs: TDataset[] = [
        ...declared.refs.map((ref) => ({ destinationId: byName.get(ref)!.destinationId, datasetSchema: byName.get(ref)!.schema, datasetTable: ref })),
        ...declared.sources.flatMap((s) => {
          try {
            const d = sourceDataset(connections.get(s.connection), s.connection, s.stream);
            return [{ destinationId: d.destinationId, datasetSchema: d.schema, datasetTable: d.table }];
          } catch {
            return []; // the render below names the problem
          }
        }),
      ];
      const gate = gateModel(
        inputs.map((d) => `${d.datasetSchema}.${d.datasetTable}`),
        await latestResults(inputs),
      );
      if (gate.blocked) {
        await db().modelRun.update({ where: { id: modelRunId }, data: { status: "blocked", reason: gate.reason, finishedAt: new Date() } });
        log.warn({ model: name }, `${name}: ${gate.reason}`);
        return { status: "blocked", reason: gate.reason };
      }
      const startedAt = new Date();
      await db().modelRun.update({ where: { id: modelRunId }, data: { status: "running", startedAt } });
      const lineage: TModelLineage = {
        modelRunId,
        model,
        destination: model.destination,
        declaredInputs: inputs.map((d) => `${d.datasetSchema}.${d.datasetTable}`),
        log,
      };
      await modelStarted(lineage);
      // A connection of its own per build: builds run in parallel, each in its own transaction.
      let warehouse: TWarehouse | undefined;
      try {
        warehouse = await openWarehouse(model.destination, { log, signal, attribution: { kind: "model", run: transformRunId, model: name } });
        const built = warehouse;
        const result = await warehouse.build({
          model: name,
          schema: model.schema,
          name,
          materialization: model.materialization,
          uniqueKey: model.uniqueKey,
          render: (isIncremental) =>
            renderModelTemplate(name, model.sql, {
              isIncremental,
              self: built.relation(model.schema, name),
              ref: (ref) => {
                const parent = byName.get(ref)!;
                if (parent.destinationId !== model.destinationId)
                  throw new Error(`ref('${ref}'): "${ref}" is built in another warehouse (${parent.destination.name})`);
                return built.relation(parent.schema, ref);
              },
              source: (connectionName, stream) => {
                const d = sourceDataset(connections.get(connectionName), connectionName, stream);
                if (d.destinationId !== model.destinationId)
                  throw new Error(`source('${connectionName}', '${stream}'): the connection loads into another warehouse`);
                return built.relation(d.schema, d.table);
              },
            }),
        });
        const finishedAt = new Date();
        await db().modelRun.update({
          where: { id: modelRunId },
          data: {
            status: "succeeded",
            incremental: result.incremental,
            compiledSql: result.sql,
            rows: result.rows === null ? null : BigInt(result.rows),
            finishedAt,
            durationMs: finishedAt.getTime() - startedAt.getTime(),
          },
        });
        await modelCompleted(lineage, warehouse, result.sql, result.rows);
        log.info(
          { model: name, rows: result.rows },
          `${name}: built (${model.materialization}${result.incremental ? ", incremental" : ""})${result.rows === null ? "" : `, ${result.rows} rows`}.`,
        );
        const checks = await db().check.findMany({ where: { modelId: model.id, enabled: true } });
        if (checks.length) await runAndRecordChecks(warehouse, checks, { transformRunId }, log);
        const queryIds = warehouse.takeQueryIds?.() ?? [];
        if (queryIds.length) await db().modelRun.update({ where: { id: modelRunId }, data: { queryIds } });
        return { status: "succeeded" };
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        const finishedAt = new Date();
        await db().modelRun.update({
          where: { id: modelRunId },
          data: { status: "failed", error, finishedAt, durationMs: finishedAt.getTime() - startedAt.getTime() },
        });
        log.error({ model: name }, `${name}: ${error}`);
        await modelFailed(lineage, error);
        return { status: "failed", error };
      } finally {
        await warehouse?.close();
      }
    };

    const concurrency = input.concurrency ?? setting("WEIR_TRANSFORM_CONCURRENCY");
    const outcomes = await runModelDag({ graph, models: selected, concurrency, run: buildOne, signal });
    for (const [name, outcome] of outcomes) {
      if (outcome.status === "skipped")
        await db().modelRun.update({
          where: { id: modelRuns.get(name)! },
          data: { status: signal.aborted ? "cancelled" : "skipped", reason: outcome.reason, finishedAt: new Date() },
        });
    }
    const problems = [...outcomes].filter(([, o]) => o.status === "failed" || o.status === "blocked").map(([name, o]) => `${name} ${o.status}`);
    await db().transformRun.update({
      where: { id: transformRunId },
      data: {
        status: signal.aborted ? "cancelled" : problems.length ? "failed" : "succeeded",
        error: problems.length ? `${problems.join(", ")}.` : null,
        finishedAt: new Date(),
      },
    });
  } catch (e) {
    await db().transformRun.update({
      where: { id: transformRunId },
      data: { status: "failed", error: scrubSecrets(e instanceof Error ? e.message : String(e)), finishedAt: new Date() },
    });
    throw e;
  }
}
