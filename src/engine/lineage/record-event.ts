/**
 * Stores one OpenLineage RunEvent, from Weir's engine or from any producer on
 * POST /api/v1/lineage, in one transaction: the event as received, its job
 * and run, the datasets it names (created, or updated from their facets:
 * schema, documentation, ownership, output statistics), and on COMPLETE the
 * dataset and column edges it saw, each remembering the first and last run
 * that saw it. An edge the last COMPLETE run of its job did not see is
 * stale. Nothing is half-stored: a failure rolls the whole event back.
 */
import { db } from "@/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/app-error";
import { platformOf } from "@/engine/lineage/dataset-naming";
import type { TDataset, TEventType, TRunEvent, TSchemaField, TWeirDatasetFacet } from "@/engine/lineage/event-types";
import { refreshSearchText } from "@/engine/lineage/search-text";

type Tx = Prisma.TransactionClient;

export type TRecordOptions = {
  /** "weir", or "token:<name>" for an event received on the API. */
  receivedFrom: string;
  /** Weir's own events: their `weir` dataset facet is believed (kind, layer, links). */
  trusted: boolean;
  /** What ran: "sync", "model", or "external". */
  origin?: string;
};

export type TRecordResult = { runId: string; datasets: number; edges: number; columnEdges: number };

const TERMINAL = new Set(["COMPLETE", "FAIL", "ABORT"]);
const key = (d: { namespace: string; name: string }) => `${d.namespace}\u0000${d.name}`;

/** Nested schema fields flattened to dotted names ("address.city"), as column names. */
function flatFields(fields: readonly TSchemaField[], prefix = ""): { name: string; type: string; description: string }[] {
  return fields.flatMap((f) => [
    { name: prefix + f.name, type: f.type ?? "", description: f.description ?? "" },
    ...(f.fields?.length ? flatFields(f.fields, `${prefix}${f.name}.`) : []),
  ]);
}

async function upsertJob(tx: Tx, event: TRunEvent): Promise<{ id: string; lastCompleteAt: Date | null }> {
  const { namespace, name } = event.job;
  return tx.lineageJob.upsert({ where: { namespace_name: { namespace, name } }, create: { namespace, name }, update: {}, select: { id: true, lastCompleteAt: true } });
}

async function upsertRun(tx: Tx, event: TRunEvent, jobId: string, origin: string, at: Date): Promise<void> {
  const state: TEventType = event.eventType ?? "OTHER";
  const existing = await tx.lineageRun.findUnique({ where: { id: event.run.runId }, select: { jobId: true, state: true, startedAt: true } });
  if (existing && existing.jobId !== jobId) {
    throw new AppError("BAD_INPUT", `run.runId: run ${event.run.runId} already belongs to another job; a run id names one run of one job.`);
  }
  const startedAt = state === "START" ? at : (existing?.startedAt ?? null);
  const endedAt = TERMINAL.has(state) ? at : null;
  if (!existing) {
    await tx.lineageRun.create({ data: { id: event.run.runId, jobId, state, startedAt: startedAt ?? at, endedAt, producer: event.producer, origin } });
    return;
  }
  // Events can arrive out of order: a late START or RUNNING does not reopen an ended run.
  const keepState = TERMINAL.has(existing.state) && !TERMINAL.has(state);
  await tx.lineageRun.update({
    where: { id: event.run.runId },
    data: { state: keepState ? existing.state : state, startedAt: startedAt ?? undefined, ...(endedAt && !keepState ? { endedAt } : {}) },
  });
}

async function replaceColumns(tx: Tx, datasetId: string, fields: readonly TSchemaField[]): Promise<void> {
  const columns = flatFields(fields);
  const existing = await tx.datasetColumn.findMany({ where: { datasetId } });
  const byName = new Map(existing.map((c) => [c.name, c]));
  const keep = new Set(columns.map((c) => c.name));
  const gone = existing.filter((c) => !keep.has(c.name)).map((c) => c.id);
  if (gone.length) await tx.datasetColumn.deleteMany({ where: { id: { in: gone } } });
  for (const [position, c] of columns.entries()) {
    const old = byName.get(c.name);
    if (!old) {
      await tx.datasetColumn.create({ data: { datasetId, name: c.name, type: c.type, description: c.description, position } });
    } else {
      const description = old.editedFields.includes("description") || !c.description ? old.description : c.description;
      if (old.type !== c.type || old.position !== position || old.description !== description) {
        await tx.datasetColumn.update({ where: { id: old.id }, data: { type: c.type, position, description } });
      }
    }
  }
}

/**
 * Weir's own dataset under a namespace that changed (a source's host or port,
 * a warehouse file moved): the entry of the same endpoint and name moves to
 * the new namespace, keeping its edits, edges and history, instead of a
 * second entry appearing beside it.
 */
async function movedDataset(tx: Tx, d: TDataset, weir: Partial<TWeirDatasetFacet>) {
  const owner = weir.kind === "source_stream" && weir.sourceId ? { sourceId: weir.sourceId } : weir.destinationId && weir.kind ? { destinationId: weir.destinationId } : null;
  if (!owner || !weir.kind) return null;
  const old = await tx.dataset.findFirst({ where: { ...owner, kind: weir.kind, name: d.name, NOT: { namespace: d.namespace } } });
  return old ? tx.dataset.update({ where: { id: old.id }, data: { namespace: d.namespace } }) : null;
}

/**
 * Creates or updates a dataset's catalog entry from its facets (and, when
 * `trusted`, Weir's own facet); `writtenAt` marks an output of a COMPLETE
 * run: it was updated then, and its row count is known. Edited fields stay.
 */
export async function upsertCatalogEntry(tx: Tx, d: TDataset, opts: { trusted: boolean; writtenAt?: Date }): Promise<string> {
  const facets = d.facets ?? {};
  const weir: Partial<TWeirDatasetFacet> = opts.trusted && facets.weir ? facets.weir : {};
  const at = opts.writtenAt;
  const existing = (await tx.dataset.findUnique({ where: { namespace_name: { namespace: d.namespace, name: d.name } } })) ?? (await movedDataset(tx, d, weir));
  const edited = new Set(existing?.editedFields ?? []);
  const description = facets.documentation?.description;
  const owner = facets.ownership?.owners?.[0]?.name?.replace(/^(user|team):/, "");
  const stats = d.outputFacets?.outputStatistics;
  const data = {
    ...(weir.kind ? { kind: weir.kind, platform: weir.platform ?? platformOf(d.namespace) } : {}),
    ...(weir.layer !== undefined ? { layer: weir.layer } : {}),
    ...(weir.sourceId !== undefined ? { sourceId: weir.sourceId } : {}),
    ...(weir.destinationId !== undefined ? { destinationId: weir.destinationId } : {}),
    ...(weir.connectionId !== undefined ? { connectionId: weir.connectionId, stream: weir.stream ?? null } : {}),
    ...(weir.modelId !== undefined ? { modelId: weir.modelId } : {}),
    ...(description !== undefined && !edited.has("description") ? { description } : {}),
    ...(owner && !edited.has("owner") ? { owner } : {}),
    ...(at ? { lastUpdatedAt: at } : {}),
    // Weir says how many rows its tables hold; another producer's output statistics are the best guess there is.
    ...(typeof weir.rowCount === "number" ? { rowCount: BigInt(weir.rowCount) } : {}),
    ...(at && !weir.kind && typeof stats?.rowCount === "number" ? { rowCount: BigInt(stats.rowCount) } : {}),
    ...(at && typeof stats?.size === "number" ? { sizeBytes: BigInt(stats.size) } : {}),
  };
  const row = existing
    ? await tx.dataset.update({ where: { id: existing.id }, data, select: { id: true } })
    : await tx.dataset.create({ data: { namespace: d.namespace, name: d.name, platform: platformOf(d.namespace), kind: "external", ...data }, select: { id: true } });
  if (facets.schema?.fields) await replaceColumns(tx, row.id, facets.schema.fields);
  return row.id;
}

/** A dataset an event names: its catalog entry, and the run's link to it ("the runs that produced it"). */
async function upsertDataset(tx: Tx, d: TDataset, role: "input" | "output", event: TRunEvent, at: Date, opts: TRecordOptions): Promise<string> {
  const id = await upsertCatalogEntry(tx, d, { trusted: opts.trusted, writtenAt: role === "output" && event.eventType === "COMPLETE" ? at : undefined });
  await tx.lineageRunDataset.upsert({
    where: { runId_datasetId_role: { runId: event.run.runId, datasetId: id, role } },
    create: { runId: event.run.runId, datasetId: id, role, eventTime: at },
    update: { eventTime: at },
  });
  return id;
}

/** The edges of a COMPLETE event: into each output from the inputs its column lineage names (without it, from every input), and the column edges. */
async function recordEdges(tx: Tx, event: TRunEvent, jobId: string, ids: Map<string, string>, at: Date, opts: TRecordOptions): Promise<{ edges: number; columnEdges: number }> {
  const runId = event.run.runId;
  const edgeIds = new Map<string, string>();
  const edgeFor = async (inputId: string, outputId: string, unresolved: Record<string, string>): Promise<string> => {
    const k = `${inputId}>${outputId}`;
    const known = edgeIds.get(k);
    if (known) return known;
    const edge = await tx.lineageEdge.upsert({
      where: { jobId_inputId_outputId: { jobId, inputId, outputId } },
      create: { jobId, inputId, outputId, firstRunId: runId, lastRunId: runId, firstSeenAt: at, lastSeenAt: at, unresolved },
      update: { lastRunId: runId, lastSeenAt: at, unresolved },
      select: { id: true },
    });
    edgeIds.set(k, edge.id);
    return edge.id;
  };
  const datasetId = async (ref: { namespace: string; name: string }): Promise<string> => {
    const known = ids.get(key(ref));
    if (known) return known;
    const created = await tx.dataset.upsert({
      where: { namespace_name: { namespace: ref.namespace, name: ref.name } },
      create: { namespace: ref.namespace, name: ref.name, platform: platformOf(ref.namespace), kind: "external" },
      update: {},
      select: { id: true },
    });
    ids.set(key(ref), created.id);
    return created.id;
  };

  let columnEdges = 0;
  for (const output of event.outputs ?? []) {
    const outputId = ids.get(key(output))!;
    const unresolved = (opts.trusted ? output.facets?.weir?.unresolvedColumns : undefined) ?? {};
    const lineage = output.facets?.columnLineage;
    // With column lineage, the output comes from the datasets it names (a sync of many streams is not all-to-all); without, from every input.
    const from = lineage ? [...Object.values(lineage.fields).flatMap((f) => f.inputFields), ...(lineage.dataset ?? [])] : (event.inputs ?? []);
    for (const input of from) await edgeFor(await datasetId(input), outputId, unresolved);
    for (const [outputColumn, field] of Object.entries(lineage?.fields ?? {})) {
      for (const source of field.inputFields) {
        const edgeId = await edgeFor(await datasetId(source), outputId, unresolved);
        const t = source.transformations?.[0];
        const transformation = t ? `${t.type}/${t.subtype ?? ""}`.replace(/\/$/, "") : (field.transformationType ?? "DIRECT/IDENTITY");
        await tx.columnEdge.upsert({
          where: { edgeId_inputColumn_outputColumn: { edgeId, inputColumn: source.field, outputColumn } },
          create: { edgeId, inputColumn: source.field, outputColumn, transformation, lastRunId: runId, lastSeenAt: at },
          update: { transformation, lastRunId: runId, lastSeenAt: at },
        });
        columnEdges++;
      }
    }
  }
  await propagatePii(tx, runId, (event.outputs ?? []).map((o) => ids.get(key(o))!));
  return { edges: edgeIds.size, columnEdges };
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

/** Two events naming a new dataset at once: one of them meets the other's row (unique violation) or a deadlock, and is tried again. */
function isRace(e: unknown): boolean {
  const text = e instanceof Error ? `${(e as { code?: string }).code ?? ""} ${e.message}` : "";
  return /P2002|P2034|40P01|40001|23505|Unique constraint|deadlock/i.test(text);
}

export async function recordRunEvent(event: TRunEvent, opts: TRecordOptions): Promise<TRecordResult> {
  const at = new Date(event.eventTime);
  if (Number.isNaN(at.getTime())) throw new AppError("BAD_INPUT", `eventTime: "${event.eventTime}" is not a date-time.`);
  for (let attempt = 1; ; attempt++) {
    try {
      return await recordOnce(event, opts, at);
    } catch (e) {
      if (attempt >= 5 || !isRace(e)) throw e;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 30));
    }
  }
}

async function recordOnce(event: TRunEvent, opts: TRecordOptions, at: Date): Promise<TRecordResult> {
  return db().$transaction(
    async (tx) => {
      const job = await upsertJob(tx, event);
      await upsertRun(tx, event, job.id, opts.origin ?? "external", at);
      await tx.lineageEvent.create({
        data: { runId: event.run.runId, eventType: event.eventType ?? "OTHER", eventTime: at, producer: event.producer, payload: event as unknown as Prisma.InputJsonValue, receivedFrom: opts.receivedFrom },
      });
      const ids = new Map<string, string>();
      for (const d of event.inputs ?? []) ids.set(key(d), await upsertDataset(tx, d, "input", event, at, opts));
      for (const d of event.outputs ?? []) ids.set(key(d), await upsertDataset(tx, d, "output", event, at, opts));
      let counts = { edges: 0, columnEdges: 0 };
      if (event.eventType === "COMPLETE") {
        counts = await recordEdges(tx, event, job.id, ids, at, opts);
        if (!job.lastCompleteAt || job.lastCompleteAt <= at) {
          await tx.lineageJob.update({ where: { id: job.id }, data: { lastCompleteRunId: event.run.runId, lastCompleteAt: at } });
        }
      }
      await refreshSearchText(tx, [...new Set(ids.values())]);
      return { runId: event.run.runId, datasets: ids.size, ...counts };
    },
    { timeout: 30_000 },
  );
}
