"use client";
/**
 * Rows committed per run (what reached the destination, not what was read),
 * oldest to newest, as a small bar chart coloured by status (recharts).
 */
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatRows } from "@/lib/run-format";
import type { TRun } from "@/components/runs/RunTable";

const COLOURS: Record<string, string> = { succeeded: "#10b981", failed: "#ef4444", cancelled: "#f59e0b", running: "#0ea5e9", queued: "#94a3b8" };

export function RowsPerRunChart({ runs }: { runs: TRun[] }) {
  const data = [...runs]
    .reverse()
    .slice(-30)
    .map((r) => ({
      id: r.id,
      label: r.queuedAt.toLocaleString("en-GB", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }),
      rows: r.rows,
      status: r.status,
    }));
  if (data.length === 0) return null;
  return (
    <div className="h-40 w-full" data-testid="rows-per-run-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <XAxis dataKey="label" tick={{ fontSize: 10 }} interval="preserveStartEnd" />
          <YAxis tick={{ fontSize: 10 }} width={56} tickFormatter={(v: number) => formatRows(v)} />
          <Tooltip formatter={(v) => [formatRows(Number(v)), "rows committed"]} />
          <Bar dataKey="rows" isAnimationActive={false} maxBarSize={32}>
            {data.map((d) => (
              <Cell key={d.id} fill={COLOURS[d.status] ?? "#94a3b8"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
