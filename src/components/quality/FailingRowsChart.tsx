"use client";
/**
 * Failing rows per result, oldest to newest, as a small bar chart coloured by
 * status (recharts); a passed result shows as an empty slot.
 */
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatRows } from "@/lib/run-format";

const COLOURS: Record<string, string> = { passed: "#10b981", failed: "#ef4444", error: "#f59e0b" };

type TResult = { id: string; status: string; failingRows: number | null; createdAt: Date };

export function FailingRowsChart({ results }: { results: TResult[] }) {
  const data = [...results].reverse().map((r) => ({
    id: r.id,
    label: r.createdAt.toLocaleString("en-GB", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" }),
    failing: r.failingRows ?? 0,
    status: r.status,
  }));
  if (data.length === 0) return null;
  return (
    <div className="h-36 w-full" data-testid="failing-rows-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <XAxis dataKey="label" tick={{ fontSize: 10 }} interval="preserveStartEnd" />
          <YAxis tick={{ fontSize: 10 }} width={48} allowDecimals={false} tickFormatter={(v: number) => formatRows(v)} />
          <Tooltip formatter={(v, _n, item) => [formatRows(Number(v)), `failing rows (${(item.payload as { status: string }).status})`]} />
          <Bar dataKey="failing" isAnimationActive={false} maxBarSize={28} minPointSize={2}>
            {data.map((d) => (
              <Cell key={d.id} fill={COLOURS[d.status] ?? "#94a3b8"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
