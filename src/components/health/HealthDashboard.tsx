"use client";
/**
 * The health page for on-call: what is broken (counters, each opening its
 * list, with the actions to take), firing alerts, what the failures block,
 * the run timeline and the trends. Everything refreshes every few seconds
 * without a reload.
 */
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { BlockedPanel } from "@/components/health/BlockedPanel";
import { FiringAlerts } from "@/components/health/FiringAlerts";
import { HealthCharts } from "@/components/health/HealthCharts";
import { HealthCounters, type TShow } from "@/components/health/HealthCounters";
import { ProblemSections } from "@/components/health/ProblemSections";
import { RunTimeline } from "@/components/health/RunTimeline";
import { OVERVIEW_ITEMS } from "@/components/health/useFirstItems";
import { WorkersPanel } from "@/components/health/WorkersPanel";
import { trpc } from "@/components/trpc/trpc-react";

/** How often the page asks again. */
export const REFRESH_MS = 5_000;

export function HealthDashboard({ canAct, show }: { canAct: boolean; show: TShow | null }) {
  const utils = trpc.useUtils();
  const summary = trpc.health.summary.useQuery(undefined, { refetchInterval: REFRESH_MS });
  const changed = () => void Promise.all([utils.health.invalidate(), utils.alert.invalidate()]);
  return (
    <div className="space-y-5" data-testid="health-dashboard" data-updated-at={summary.data?.at.toISOString() ?? ""}>
      <ErrorAlert message={summary.error?.message ?? null} />
      {summary.data ? <HealthCounters summary={summary.data} show={show} /> : <p className="text-sm text-slate-500">Loading…</p>}
      {show === "alerts" || show === null ? (
        <FiringAlerts canAct={canAct} refreshMs={REFRESH_MS} total={summary.data?.counts.firingAlerts} limit={show === "alerts" ? null : OVERVIEW_ITEMS} />
      ) : null}
      {summary.data && show !== "workers" && show !== "alerts" ? (
        <ProblemSections summary={summary.data} show={show} canAct={canAct} onChanged={changed} />
      ) : null}
      {show === null ? <BlockedPanel refreshMs={REFRESH_MS} /> : null}
      {show === null ? <RunTimeline refreshMs={REFRESH_MS} /> : null}
      {show === null ? <HealthCharts refreshMs={REFRESH_MS * 6} /> : null}
      <div id="workers">{show === null || show === "workers" ? <WorkersPanel /> : null}</div>
    </div>
  );
}
