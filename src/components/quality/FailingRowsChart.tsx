"use client";
/**
 * Failing rows per result, oldest to newest, as a small bar chart coloured by
 * status; a passed result shows as an empty slot.
 */
import { StatusBarChart } from "@/components/ui/StatusBarChart";

const COLOURS: Record<string, string> = { passed: "#10b981", failed: "#ef4444", error: "#f59e0b" };

type TResult = { id: string; status: string; failingRows: number | null; createdAt: Date };

export function FailingRowsChart({ results }: { results: TResult[] }) {
  const bars = [...results].reverse().map((r) => ({
    id: r.id,
    label: r.createdAt.toLocaleString("en-GB", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" }),
    value: r.failingRows ?? 0,
    status: r.status,
  }));
  return (
    <StatusBarChart
      bars={bars}
      colours={COLOURS}
      valueName={(b) => `failing rows (${b.status})`}
      testId="failing-rows-chart"
      heightClass="h-36"
      yAxisWidth={48}
      maxBarSize={28}
      minPointSize={2}
    />
  );
}
