/**
 * The counts at the top of the health page, red when something is wrong;
 * each opens the list of what it counts.
 */
import Link from "next/link";
import type { RouterOutputs } from "@/components/trpc/trpc-react";

export type TSummary = RouterOutputs["health"]["summary"];
export type TShow = "failing-connections" | "failing-models" | "failing-checks" | "open-incidents" | "freshness" | "lagging-streams" | "workers" | "alerts";

type TTile = { show: TShow; label: string; count: number; bad: boolean; hint?: string };

export function tilesOf(s: TSummary): TTile[] {
  const c = s.counts;
  return [
    { show: "failing-connections", label: "Failing connections", count: c.failingConnections, bad: c.failingConnections > 0 },
    { show: "failing-models", label: "Failing models", count: c.failingModels, bad: c.failingModels > 0 },
    { show: "failing-checks", label: "Failing error checks", count: c.failingChecks, bad: c.failingChecks > 0 },
    { show: "open-incidents", label: "Open incidents", count: c.openIncidents, bad: c.openIncidents > 0 },
    { show: "freshness", label: "Past freshness deadline", count: c.freshnessBreaches, bad: c.freshnessBreaches > 0 },
    {
      show: "lagging-streams",
      label: "Lagging streams",
      count: c.laggingStreams,
      bad: c.laggingStreams > 0,
      hint: `lag above ${s.lagThreshold.toLocaleString("en-US")} messages`,
    },
    { show: "workers", label: "Workers alive", count: c.workersAlive, bad: c.workersAlive === 0 },
    { show: "alerts", label: "Firing alerts", count: c.firingAlerts, bad: c.firingAlerts > 0 },
  ];
}

export function HealthCounters({ summary, show }: { summary: TSummary; show: TShow | null }) {
  return (
    <nav aria-label="What is wrong" className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="health-counters">
      {tilesOf(summary).map((t) => (
        <Link
          key={t.show}
          href={show === t.show ? "/health" : `/health?show=${t.show}`}
          scroll={false}
          aria-current={show === t.show ? "true" : undefined}
          title={t.hint}
          className={`rounded-lg border px-4 py-3 hover:shadow-sm ${t.bad ? "border-red-300 bg-red-50" : "border-slate-200 bg-white"} ${show === t.show ? "ring-2 ring-slate-900" : ""}`}
          data-testid={`health-count-${t.show}`}
          data-count={t.count}
        >
          <span className={`block text-2xl font-semibold tabular-nums ${t.bad ? "text-red-800" : "text-slate-900"}`}>{t.count.toLocaleString("en-US")}</span>
          <span className="text-sm text-slate-600">{t.label}</span>
        </Link>
      ))}
    </nav>
  );
}
