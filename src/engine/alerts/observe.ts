/**
 * What each rule kind sees now: the targets whose condition holds, each
 * with a stable key (the alert's identity for de-duplication), a label, a
 * link, a message and what it needs for scoping. A target not in the list
 * has recovered. The snapshot is read once per evaluation and shared by
 * every rule (engine/health/health-queries.ts).
 */
import { type TRuleParams, type TTargetFacts } from "@/lib/alert-rule-definition";
import {
  type TFailingCheck,
  type TFailingConnection,
  type TFailingModel,
  type TOpenBreach,
  type TRecentRuns,
  type TStreamLag,
  datasetsOfChecks,
  datasetsOfConnections,
  failingChecks,
  failingConnections,
  failingModels,
  liveWorkerCount,
  openBreaches,
  recentRuns,
  streamLags,
} from "@/engine/health/health-queries";

export type TObservation = { targetKey: string; label: string; href: string; message: string; facts: TTargetFacts };

/** Runs read for the duration rule: the latest and the ones its median is taken over. */
export const MEDIAN_OVER_RUNS = 20;
const MIN_RUNS_FOR_MEDIAN = 5;

export type TSnapshot = {
  failingConnections: TFailingConnection[];
  failingModels: TFailingModel[];
  failingChecks: TFailingCheck[];
  breaches: TOpenBreach[];
  streams: TStreamLag[];
  workers: number;
  /** Only read when a rule needs it (consecutive failures, durations). */
  recentRuns?: TRecentRuns[];
  connectionDatasets: Map<string, { ids: string[]; tags: string[] }>;
  checkDatasets: Map<string, { id: string; name: string; tags: string[] }>;
};

export async function readSnapshot(opts: { withRecentRuns: boolean }): Promise<TSnapshot> {
  const [connections, models, checks, breaches, streams, workers, runs] = await Promise.all([
    failingConnections(),
    failingModels(),
    failingChecks(),
    openBreaches(),
    streamLags(),
    liveWorkerCount(),
    opts.withRecentRuns ? recentRuns(MEDIAN_OVER_RUNS + 1) : Promise.resolve(undefined),
  ]);
  const connectionIds = new Set([...connections.map((c) => c.connectionId), ...streams.map((s) => s.connectionId), ...(runs ?? []).map((r) => r.connectionId)]);
  const [connectionDatasets, checkDatasets] = await Promise.all([datasetsOfConnections([...connectionIds]), datasetsOfChecks(checks)]);
  return {
    failingConnections: connections,
    failingModels: models,
    failingChecks: checks,
    breaches,
    streams,
    workers,
    recentRuns: runs,
    connectionDatasets,
    checkDatasets,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const seconds = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms < 600_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

function connectionFacts(s: TSnapshot, connectionId: string): TTargetFacts {
  const datasets = s.connectionDatasets.get(connectionId);
  return { connectionId, datasetIds: datasets?.ids ?? [], tags: datasets?.tags ?? [] };
}

/** The targets whose condition holds under this rule's parameters. Pure given the snapshot. */
export function observe(params: TRuleParams, s: TSnapshot): TObservation[] {
  switch (params.kind) {
    case "run_failed":
      return [
        ...s.failingConnections.map((c) => ({
          targetKey: `connection:${c.connectionId}`,
          label: c.name,
          href: `/runs/${c.runId}`,
          message: `The latest run of ${c.name} failed${c.error ? `: ${c.error}` : "."}`,
          facts: connectionFacts(s, c.connectionId),
        })),
        ...s.failingModels.map((m) => ({
          targetKey: `model:${m.modelId}`,
          label: `model ${m.name}`,
          href: `/models/runs/${m.transformRunId}`,
          message: `The latest build of model ${m.name} failed${m.error ? `: ${m.error}` : "."}`,
          facts: {},
        })),
      ];
    case "consecutive_failures":
      return (s.recentRuns ?? [])
        .filter((c) => c.runs.length >= params.count && c.runs.slice(0, params.count).every((r) => r.status === "failed"))
        .map((c) => ({
          targetKey: `connection:${c.connectionId}`,
          label: c.name,
          href: `/runs/${c.runs[0]!.id}`,
          message: `The last ${params.count} runs of ${c.name} failed.`,
          facts: connectionFacts(s, c.connectionId),
        }));
    case "duration_above_median":
      return (s.recentRuns ?? []).flatMap((c) => {
        const [latest, ...before] = c.runs;
        const durations = before.flatMap((r) => (r.durationMs === null ? [] : [r.durationMs]));
        if (!latest || latest.durationMs === null || durations.length < MIN_RUNS_FOR_MEDIAN) return [];
        const typical = median(durations);
        if (typical <= 0 || latest.durationMs <= params.factor * typical) return [];
        return [
          {
            targetKey: `connection:${c.connectionId}`,
            label: c.name,
            href: `/runs/${latest.id}`,
            message: `The latest run of ${c.name} took ${seconds(latest.durationMs)}, ${(latest.durationMs / typical).toFixed(1)}× its median of ${seconds(typical)} (limit ${params.factor}×).`,
            facts: connectionFacts(s, c.connectionId),
          },
        ];
      });
    case "freshness_breach":
      return s.breaches.map((b) => ({
        targetKey: `dataset:${b.datasetId}`,
        label: b.datasetName,
        href: `/catalog/${b.datasetId}`,
        message: `${b.datasetName} is past its freshness deadline (due ${b.dueAt.toISOString()}; last updated ${b.lastUpdatedAt ? b.lastUpdatedAt.toISOString() : "never"}).`,
        facts: { connectionId: b.connectionId, datasetIds: [b.datasetId], tags: b.tags },
      }));
    case "check_failed":
      return s.failingChecks.map((c) => {
        const dataset = s.checkDatasets.get(c.checkId);
        return {
          targetKey: `check:${c.checkId}`,
          label: `${c.name} on ${c.datasetSchema}.${c.datasetTable}`,
          href: `/quality/checks/${c.checkId}`,
          message: `Check "${c.name}" on ${c.datasetSchema}.${c.datasetTable} ${c.status === "error" ? "could not run" : "failed"}: ${c.message}`,
          facts: { connectionId: c.connectionId, datasetIds: dataset ? [dataset.id] : [], tags: dataset?.tags ?? [] },
        };
      });
    case "stream_lag":
      return s.streams
        .filter((c) => c.lag > params.messages)
        .map((c) => ({
          targetKey: `connection:${c.connectionId}`,
          label: c.name,
          href: `/connections/${c.connectionId}`,
          message: `${c.name} is ${c.lag.toLocaleString("en-US")} messages behind (limit ${params.messages.toLocaleString("en-US")}).`,
          facts: connectionFacts(s, c.connectionId),
        }));
    case "workers_below":
      return s.workers >= params.workers
        ? []
        : [
            {
              targetKey: "workers",
              label: "workers",
              href: "/health#workers",
              message: `${s.workers} worker${s.workers === 1 ? "" : "s"} alive (at least ${params.workers} wanted).`,
              facts: {},
            },
          ];
  }
}
