"use client";
/**
 * The health page's charts (recharts): median run duration and rows moved
 * per connection over 24 h or 7 d (the busiest batch connections), the failure
 * rate of syncs and model builds per day, and the lag of the streaming
 * connections furthest behind now.
 */
import { useState, type ReactElement } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { RangeToggle, type TRange } from "@/components/health/RangeToggle";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { Panel } from "@/components/ui/Panel";
import { formatDuration, formatDurationShort, formatRows } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

const PALETTE = ["#2563eb", "#db2777", "#16a34a", "#ea580c", "#7c3aed", "#0891b2"];

const bucketLabel = (at: Date, range: TRange) =>
  range === "24h"
    ? at.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })
    : at.toLocaleDateString(undefined, { month: "short", day: "numeric" });

function Chart({ title, testId, children, empty }: { title: string; testId: string; children: ReactElement; empty: string | null }) {
  return (
    <Panel title={<span className="text-sm">{title}</span>} testId={testId}>
      {empty ? (
        <p className="px-4 py-6 text-sm text-slate-500">{empty}</p>
      ) : (
        <div className="h-56 w-full p-2">
          <ResponsiveContainer width="100%" height="100%">
            {children}
          </ResponsiveContainer>
        </div>
      )}
    </Panel>
  );
}

export function HealthCharts({ refreshMs }: { refreshMs: number }) {
  const [range, setRange] = useState<TRange>("24h");
  const charts = trpc.health.charts.useQuery({ range }, { refetchInterval: refreshMs, placeholderData: (prev) => prev });
  const d = charts.data;
  const series = d?.connections ?? [];
  const perConnection = (d?.perConnection ?? []).map((p) => ({
    label: bucketLabel(p.at, range),
    ...Object.fromEntries(
      series.flatMap((c) => [
        [`d:${c.id}`, p.durationMs[c.id]],
        [`r:${c.id}`, p.rows[c.id]],
      ]),
    ),
  }));
  const failures = (d?.failureRate ?? []).map((f) => ({
    label: f.day.toLocaleDateString(undefined, { month: "short", day: "numeric" }),
    syncs: f.syncRuns ? Math.round((f.syncFailed / f.syncRuns) * 1000) / 10 : 0,
    models: f.modelRuns ? Math.round((f.modelFailed / f.modelRuns) * 1000) / 10 : 0,
  }));
  const noRuns = series.length === 0 ? "No connection ran in this window." : null;
  return (
    <section className="space-y-3" data-testid="health-charts" data-ready={d ? "true" : "false"} aria-label="Charts">
      <div className="flex items-center gap-3">
        <h2 className="font-semibold">Trends</h2>
        <RangeToggle value={range} onChange={setRange} label="Chart window" />
        <ErrorAlert inline message={charts.error?.message} />
      </div>
      <div className="grid gap-3 lg:grid-cols-2">
        <Chart title="Run duration (median) per connection" testId="chart-duration" empty={noRuns}>
          <LineChart data={perConnection} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#f1f5f9" />
            <XAxis dataKey="label" tick={{ fontSize: 10 }} interval="preserveStartEnd" />
            <YAxis tick={{ fontSize: 10 }} width={56} tickFormatter={(v: number) => formatDurationShort(v)} />
            <Tooltip formatter={(v) => formatDuration(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            {series.map((c, i) => (
              <Line key={c.id} dataKey={`d:${c.id}`} name={c.name} stroke={PALETTE[i % PALETTE.length]} dot={false} connectNulls isAnimationActive={false} />
            ))}
          </LineChart>
        </Chart>
        <Chart title="Rows moved per connection" testId="chart-rows" empty={noRuns}>
          <BarChart data={perConnection} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#f1f5f9" />
            <XAxis dataKey="label" tick={{ fontSize: 10 }} interval="preserveStartEnd" />
            <YAxis tick={{ fontSize: 10 }} width={56} tickFormatter={(v: number) => formatRows(v)} />
            <Tooltip formatter={(v) => formatRows(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            {series.map((c, i) => (
              <Bar key={c.id} dataKey={`r:${c.id}`} name={c.name} stackId="rows" fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
            ))}
          </BarChart>
        </Chart>
        <Chart title="Failure rate per day (%)" testId="chart-failure-rate" empty={null}>
          <BarChart data={failures} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#f1f5f9" />
            <XAxis dataKey="label" tick={{ fontSize: 10 }} />
            <YAxis tick={{ fontSize: 10 }} width={40} unit="%" />
            <Tooltip formatter={(v) => `${v}%`} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            <Bar dataKey="syncs" name="syncs" fill="#dc2626" isAnimationActive={false} />
            <Bar dataKey="models" name="model builds" fill="#ea580c" isAnimationActive={false} />
          </BarChart>
        </Chart>
        <Chart
          title={
            d && d.streams > d.lag.length
              ? `Kafka lag (messages): the ${d.lag.length} streams furthest behind of ${d.streams}`
              : "Kafka lag per streaming connection (messages)"
          }
          testId="chart-lag"
          empty={d && d.lag.length === 0 ? "No streaming connection is started." : null}
        >
          <BarChart data={d?.lag ?? []} layout="vertical" margin={{ top: 8, right: 12, bottom: 0, left: 8 }}>
            <CartesianGrid stroke="#f1f5f9" />
            <XAxis type="number" tick={{ fontSize: 10 }} tickFormatter={(v: number) => formatRows(v)} />
            <YAxis type="category" dataKey="name" tick={{ fontSize: 10 }} width={120} interval={0} />
            <Tooltip formatter={(v) => formatRows(Number(v))} />
            <Bar dataKey="lag" fill="#7c3aed" isAnimationActive={false} />
          </BarChart>
        </Chart>
      </div>
    </section>
  );
}
