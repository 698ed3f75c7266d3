/**
 * The top of the health page: what is broken now, counted and listed, from
 * the same queries the alert rules read (engine/health/health-queries.ts),
 * plus open incidents, firing alerts and live workers. Lists are capped;
 * counts are not.
 */
import { z } from "zod";

import { db } from "@/db/client";
import { failingChecks, failingConnections, failingModels, openBreaches, streamLags } from "@/engine/health/health-queries";
import { formatDuration, runDurationMs } from "@/lib/run-format";
import { listLiveWorkers } from "@/jobs/workers-status";
import { setting } from "@/lib/env";

/** Lag above which a streaming connection counts as lagging on the health page (WEIR_HEALTH_LAG_THRESHOLD). */
export function lagThreshold(): number {
  const n = setting("WEIR_HEALTH_LAG_THRESHOLD");
  return Number.isFinite(n) && n >= 0 ? n : 10_000;
}

const LIST_LIMIT = 50;

const ZProblem = z.object({
  /** Stable key: "connection:<id>", "model:<id>", "check:<id>", "incident:<id>", "dataset:<id>". */
  key: z.string(),
  label: z.string(),
  detail: z.string(),
  href: z.string(),
  at: z.date().nullable(),
  /** What an operator can do from here (the UI mirrors the role the server asks). */
  actions: z.array(
    z.object({
      kind: z.enum([
        "retry_run",
        "cancel_run",
        "pause_connection",
        "resume_connection",
        "pause_stream",
        "resume_stream",
        "rerun_model",
        "acknowledge_incident",
        "run_check",
      ]),
      id: z.string(),
    }),
  ),
});

export const ZHealthSummary = z.object({
  counts: z.object({
    failingConnections: z.number(),
    failingModels: z.number(),
    failingChecks: z.number(),
    openIncidents: z.number(),
    freshnessBreaches: z.number(),
    laggingStreams: z.number(),
    workersAlive: z.number(),
    firingAlerts: z.number(),
  }),
  lagThreshold: z.number(),
  failingConnections: z.array(ZProblem),
  failingModels: z.array(ZProblem),
  failingChecks: z.array(ZProblem),
  openIncidents: z.array(ZProblem),
  freshnessBreaches: z.array(ZProblem),
  laggingStreams: z.array(ZProblem),
  /** Batch runs running now, longest first (not problems; here to cancel one that is stuck). */
  runningRuns: z.array(ZProblem),
  workers: z.array(z.object({ id: z.string(), hostname: z.string(), pid: z.number(), lastSeenAt: z.date(), jobs: z.number() })),
  at: z.date(),
});
export type THealthSummary = z.output<typeof ZHealthSummary>;
type TProblem = z.output<typeof ZProblem>;

export async function healthSummary(): Promise<THealthSummary> {
  const [connections, models, checks, breaches, streams, workers, incidentCount, incidents, firing, paused, running] = await Promise.all([
    failingConnections(),
    failingModels(),
    failingChecks(),
    openBreaches(),
    streamLags(),
    listLiveWorkers(),
    db().incident.count({ where: { status: { not: "resolved" } } }),
    db().incident.findMany({
      where: { status: { not: "resolved" } },
      orderBy: { openedAt: "desc" },
      take: LIST_LIMIT,
      include: { check: { select: { name: true, datasetSchema: true, datasetTable: true } } },
    }),
    db().alert.count({ where: { status: "firing" } }),
    db().connection.findMany({ where: { status: "paused" }, select: { id: true } }),
    db().run.findMany({
      where: { status: "running", windowStart: null },
      orderBy: { startedAt: "asc" },
      take: LIST_LIMIT,
      select: { id: true, startedAt: true, finishedAt: true, rows: true, rowsRead: true, cancelRequestedAt: true, connection: { select: { name: true } } },
    }),
  ]);
  const now = Date.now();
  const pausedIds = new Set(paused.map((p) => p.id));
  const threshold = lagThreshold();
  const lagging = streams.filter((s) => s.lag > threshold);
  const problems = {
    failingConnections: connections.slice(0, LIST_LIMIT).map((c): TProblem => ({
      key: `connection:${c.connectionId}`,
      label: c.name,
      detail: c.error ?? "The latest run failed.",
      href: `/runs/${c.runId}`,
      at: c.finishedAt,
      actions: [
        { kind: "retry_run", id: c.runId },
        pausedIds.has(c.connectionId) ? { kind: "resume_connection", id: c.connectionId } : { kind: "pause_connection", id: c.connectionId },
      ],
    })),
    failingModels: models.slice(0, LIST_LIMIT).map((m): TProblem => ({
      key: `model:${m.modelId}`,
      label: m.name,
      detail: m.error ?? "The latest build failed.",
      href: `/models/runs/${m.transformRunId}`,
      at: m.finishedAt,
      actions: [{ kind: "rerun_model", id: m.name }],
    })),
    failingChecks: checks.slice(0, LIST_LIMIT).map((c): TProblem => ({
      key: `check:${c.checkId}`,
      label: `${c.name} on ${c.datasetSchema}.${c.datasetTable}`,
      detail: c.message,
      href: `/quality/checks/${c.checkId}`,
      at: c.resultAt,
      actions: [{ kind: "run_check", id: c.checkId }],
    })),
    openIncidents: incidents.map((i): TProblem => ({
      key: `incident:${i.id}`,
      label: `${i.check.name} on ${i.check.datasetSchema}.${i.check.datasetTable}`,
      detail: i.status === "acknowledged" ? "Acknowledged." : "Open.",
      href: `/quality/incidents/${i.id}`,
      at: i.openedAt,
      actions: i.status === "open" ? [{ kind: "acknowledge_incident", id: i.id }] : [],
    })),
    freshnessBreaches: breaches.slice(0, LIST_LIMIT).map((b): TProblem => ({
      key: `dataset:${b.datasetId}`,
      label: b.datasetName,
      detail: `Due ${b.dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC; last updated ${b.lastUpdatedAt ? b.lastUpdatedAt.toISOString().slice(0, 16).replace("T", " ") : "never"}.`,
      href: `/catalog/${b.datasetId}`,
      at: b.openedAt,
      actions: [],
    })),
    laggingStreams: lagging.slice(0, LIST_LIMIT).map((s): TProblem => ({
      key: `connection:${s.connectionId}`,
      label: s.name,
      detail: `${s.lag.toLocaleString("en-US")} messages behind over ${s.partitions} partition(s).`,
      href: `/connections/${s.connectionId}`,
      at: s.updatedAt,
      actions: [s.state === "paused" ? { kind: "resume_stream", id: s.connectionId } : { kind: "pause_stream", id: s.connectionId }],
    })),
    runningRuns: running.map((r): TProblem => ({
      key: `run:${r.id}`,
      label: r.connection.name,
      detail: `${r.cancelRequestedAt ? "Cancel requested; " : ""}running for ${formatDuration(runDurationMs(r, now))}, ${Number(r.rowsRead ?? r.rows).toLocaleString("en-US")} rows read so far.`,
      href: `/runs/${r.id}`,
      at: r.startedAt,
      actions: r.cancelRequestedAt ? [] : [{ kind: "cancel_run", id: r.id }],
    })),
  };
  return {
    counts: {
      failingConnections: connections.length,
      failingModels: models.length,
      failingChecks: checks.length,
      openIncidents: incidentCount,
      freshnessBreaches: breaches.length,
      laggingStreams: lagging.length,
      workersAlive: workers.length,
      firingAlerts: firing,
    },
    lagThreshold: threshold,
    ...problems,
    workers: workers.map((w) => ({ id: w.id, hostname: w.hostname, pid: w.pid, lastSeenAt: w.lastSeenAt, jobs: w.currentJobs.length })),
    at: new Date(),
  };
}
