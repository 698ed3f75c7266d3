"use client";
/**
 * Rows committed per run (what reached the destination, not what was read),
 * oldest to newest, as a small bar chart coloured by status.
 */
import { StatusBarChart } from "@/components/ui/StatusBarChart";
import type { TRun } from "@/components/runs/RunTable";

const COLOURS: Record<string, string> = { succeeded: "#10b981", failed: "#ef4444", cancelled: "#f59e0b", running: "#0ea5e9", queued: "#94a3b8" };

export function RowsPerRunChart({ runs }: { runs: TRun[] }) {
  const bars = [...runs]
    .reverse()
    .slice(-30)
    .map((r) => ({
      id: r.id,
      label: r.queuedAt.toLocaleString("en-GB", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }),
      value: r.rows,
      status: r.status,
    }));
  return <StatusBarChart bars={bars} colours={COLOURS} valueName={() => "rows committed"} testId="rows-per-run-chart" />;
}
