/**
 * Stores one OpenLineage RunEvent, from Weir's engine or from any producer on
 * POST /api/v1/lineage, in one transaction: the event as received, its job
 * and run (with their latest facets), the datasets it names (created, or
 * updated from their facets: schema, documentation, ownership, output
 * statistics), and on COMPLETE the dataset and column edges it saw, each
 * remembering the first and last run that saw it. An edge the last COMPLETE
 * run of its job did not see is stale. Nothing is half-stored: a failure
 * rolls the whole event back. The event is planned first (event-plan.ts)
 * and each table is then written in one set-based statement, so an event's
 * cost hardly grows with the number of datasets it names.
 */
import { db } from "@/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/app-error";
import { type TSetter, claimForWeir, isWrittenByWeir } from "@/engine/lineage/catalog-provenance";
import { datasetFact, datasetKey, planEvent } from "@/engine/lineage/event-plan";
import type { TDataset, TEventType, TRunEvent } from "@/engine/lineage/event-types";
import { refreshSearchText } from "@/engine/lineage/search-text";
import { storeColumns, storeDatasets, storeRunLinks } from "@/engine/lineage/store-datasets";
import { storeEdges } from "@/engine/lineage/store-edges";
import { recordReportedResults } from "@/engine/quality/record-reported-results";

type Tx = Prisma.TransactionClient;

export type TRecordOptions = {
  /** "weir", or "token:<name>" for an event received on the API. */
  receivedFrom: string;
  /** Weir's own events: their `weir` dataset facet is believed (kind, layer, links). */
  trusted: boolean;
  /** What ran: "sync", "model", "dbt" (a dbt import's node), or "external". */
  origin?: string;
};

export type TRecordResult = {
  runId: string;
  datasets: number;
  edges: number;
  columnEdges: number;
  /** What of a producer's event was not applied because the catalog entry is Weir's (catalog-provenance.ts). */
  ignored: string[];
};

const TERMINAL = new Set(["COMPLETE", "FAIL", "ABORT"]);

/** Facets merged into what is stored: a facet replaces the one of the same key, a `_deleted` one removes it. */
function mergeFacets(stored: unknown, incoming: Record<string, unknown> | undefined): Prisma.InputJsonObject {
  const out: Record<string, unknown> = stored && typeof stored === "object" && !Array.isArray(stored) ? { ...(stored as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(incoming ?? {})) {
    if (v && typeof v === "object" && (v as { _deleted?: unknown })._deleted === true) delete out[k];
    else out[k] = v;
  }
  return out as Prisma.InputJsonObject;
}

async function upsertJob(tx: Tx, event: TRunEvent): Promise<{ id: string; lastCompleteAt: Date | null }> {
  const { namespace, name } = event.job;
  const existing = await tx.lineageJob.findUnique({ where: { namespace_name: { namespace, name } }, select: { id: true, lastCompleteAt: true, facets: true } });
  if (!existing)
    return tx.lineageJob.create({ data: { namespace, name, facets: mergeFacets({}, event.job.facets) }, select: { id: true, lastCompleteAt: true } });
  // Every event touches the job (updatedAt: when it was last heard of).
  await tx.lineageJob.update({ where: { id: existing.id }, data: { facets: mergeFacets(existing.facets, event.job.facets) } });
  return { id: existing.id, lastCompleteAt: existing.lastCompleteAt };
}

async function upsertRun(tx: Tx, event: TRunEvent, jobId: string, origin: string, at: Date): Promise<void> {
  const state: TEventType = event.eventType ?? "OTHER";
  const existing = await tx.lineageRun.findUnique({ where: { id: event.run.runId }, select: { jobId: true, state: true, startedAt: true, facets: true } });
  if (existing && existing.jobId !== jobId) {
    throw new AppError("BAD_INPUT", `run.runId: run ${event.run.runId} already belongs to another job; a run id names one run of one job.`, {
      field: "run.runId",
    });
  }
  const startedAt = state === "START" ? at : (existing?.startedAt ?? null);
  const endedAt = TERMINAL.has(state) ? at : null;
  if (!existing) {
    await tx.lineageRun.create({
      data: {
        id: event.run.runId,
        jobId,
        state,
        startedAt: startedAt ?? at,
        endedAt,
        producer: event.producer,
        origin,
        facets: mergeFacets({}, event.run.facets),
      },
    });
    return;
  }
  // Events can arrive out of order: a late START or RUNNING does not reopen an ended run.
  const keepState = TERMINAL.has(existing.state) && !TERMINAL.has(state);
  await tx.lineageRun.update({
    where: { id: event.run.runId },
    data: {
      state: keepState ? existing.state : state,
      startedAt: startedAt ?? undefined,
      ...(endedAt && !keepState ? { endedAt } : {}),
      facets: mergeFacets(existing.facets, event.run.facets),
    },
  });
}

/** Two events naming a new dataset at once: one of them meets the other's row (unique violation) or a deadlock, and is tried again. */
function isRace(e: unknown): boolean {
  const text = e instanceof Error ? `${(e as { code?: string }).code ?? ""} ${e.message}` : "";
  return /P2002|P2034|40P01|40001|23505|Unique constraint|deadlock/i.test(text);
}

export async function recordRunEvent(event: TRunEvent, opts: TRecordOptions): Promise<TRecordResult> {
  const at = new Date(event.eventTime);
  if (Number.isNaN(at.getTime())) throw new AppError("BAD_INPUT", `eventTime: "${event.eventTime}" is not a date-time.`, { field: "eventTime" });
  for (let attempt = 1; ; attempt++) {
    try {
      return await recordOnce(event, opts, at);
    } catch (e) {
      if (attempt >= 5 || !isRace(e)) throw e;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 30));
    }
  }
}

/** Who states an event's facts: Weir (or a dbt import it records) for its own events, else the event's producer. */
function setterOf(event: TRunEvent, opts: TRecordOptions): TSetter {
  const job = `${event.job.namespace}/${event.job.name}`;
  if (!opts.trusted) return { by: "producer", name: event.producer, job, at: event.eventTime, via: opts.receivedFrom };
  return { by: opts.origin === "dbt" ? "dbt" : "weir", name: opts.origin === "dbt" ? "dbt import" : "Weir", job, at: event.eventTime };
}

async function recordOnce(event: TRunEvent, opts: TRecordOptions, at: Date): Promise<TRecordResult> {
  const plan = planEvent(event, { trusted: opts.trusted });
  return db().$transaction(
    async (tx) => {
      const job = await upsertJob(tx, event);
      await upsertRun(tx, event, job.id, opts.origin ?? "external", at);
      // The payload goes in as JSON text in one parameter (an event with 5,000 inputs is megabytes).
      await tx.$executeRaw`
        INSERT INTO "LineageEvent" ("runId", "eventType", "eventTime", producer, payload, "receivedFrom")
        VALUES (${event.run.runId}::uuid, ${event.eventType ?? "OTHER"}, ${at}, ${event.producer}, ${JSON.stringify(event)}::jsonb, ${opts.receivedFrom})`;
      const stored = await storeDatasets(tx, [...plan.datasets.values()], { setter: setterOf(event, opts), producer: opts.trusted ? null : event.producer });
      const ids = stored.ids;
      const ignored = [...stored.ignored];
      // A table Weir loads or a model it builds is written by Weir alone: a producer's job is not recorded as writing it.
      const weirWritten = new Set<string>();
      if (!opts.trusted) {
        for (const f of stored.applied) {
          const kind = stored.kinds.get(ids.get(datasetKey(f)) ?? "");
          if (!kind || !isWrittenByWeir(kind) || !(f.roles.includes("output") || plan.edges.some((e) => e.outputKey === datasetKey(f)))) continue;
          weirWritten.add(datasetKey(f));
          ignored.push(
            `${f.namespace} ${f.name} is written by Weir alone (${kind}): this job is not recorded as writing it, and no lineage edge into it is stored.`,
          );
        }
      }
      if (opts.trusted) {
        // Datasets a producer named first that Weir now loads or builds: theirs no longer.
        const claimed = stored.applied.filter((f) => f.kind && isWrittenByWeir(f.kind) && stored.kinds.get(ids.get(datasetKey(f)) ?? "") === "external");
        await claimForWeir(
          tx,
          claimed.map((f) => ids.get(datasetKey(f))!),
        );
      }
      const facts = stored.applied.map((f) => (weirWritten.has(datasetKey(f)) ? { ...f, roles: f.roles.filter((r) => r !== "output") } : f));
      await storeColumns(tx, facts, stored);
      await storeRunLinks(tx, event.run.runId, at, facts, ids);
      let counts = { edges: 0, columnEdges: 0 };
      if (event.eventType === "COMPLETE") {
        const edges = plan.edges.filter((e) => !weirWritten.has(e.outputKey));
        const columnEdges = plan.columnEdges.filter((e) => !weirWritten.has(e.outputKey));
        counts = await storeEdges(tx, { jobId: job.id, runId: event.run.runId, at }, edges, columnEdges, ids);
        if (!job.lastCompleteAt || job.lastCompleteAt <= at) {
          await tx.lineageJob.update({ where: { id: job.id }, data: { lastCompleteRunId: event.run.runId, lastCompleteAt: at } });
        }
      }
      // A producer's dataQualityAssertions become results of checks it reports (Weir's own events carry none).
      if (!opts.trusted) await recordReportedResults(tx, { producer: event.producer, runId: event.run.runId, at }, plan.assertions, ids);
      await refreshSearchText(tx, [...stored.changed]);
      return { runId: event.run.runId, datasets: facts.filter((f) => f.roles.length).length, ...counts, ignored };
    },
    { timeout: 30_000 },
  );
}

/**
 * Catalog entries outside a run (a discover's source streams): created, or
 * updated from their facets, as an event's datasets are. Returns the ids of
 * those that were created or changed (their search text needs refreshing).
 */
export async function storeCatalogEntries(tx: Tx, datasets: readonly TDataset[], opts: { trusted: boolean }): Promise<string[]> {
  const facts = new Map(datasets.map((d) => [`${d.namespace}\u0000${d.name}`, datasetFact(d, opts)]));
  const setter: TSetter = { by: "weir", name: "Weir", job: null, at: new Date().toISOString() };
  const stored = await storeDatasets(tx, [...facts.values()], { setter, producer: null });
  await storeColumns(tx, stored.applied, stored);
  return [...stored.changed];
}
