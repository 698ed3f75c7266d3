"use client";
/**
 * Messages per second over the last five minutes (5 s buckets), as a small
 * area chart (recharts); dead letters, when any, as red bars on the same
 * time axis.
 */
import { Area, Bar, ComposedChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatRate, throughputSeries, type TStreamStatus } from "@/components/connections/stream-status-format";

const clock = (ms: number) => new Date(ms).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** `now` ends the time axis: when the status was fetched. */
export function StreamThroughputChart({ series, now }: { series: TStreamStatus["series"]; now: number }) {
  const data = throughputSeries(series, now);
  const anyDead = data.some((d) => d.deadLetters > 0);
  return (
    <div className="h-36 w-full" data-testid="stream-throughput-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <XAxis dataKey="at" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={clock} tick={{ fontSize: 10 }} minTickGap={40} />
          <YAxis tick={{ fontSize: 10 }} width={48} allowDecimals={false} tickFormatter={(v: number) => formatRate(Math.round(v))} />
          <Tooltip
            labelFormatter={(v) => clock(Number(v))}
            formatter={(v, name) => (name === "deadLetters" ? [String(v), "dead letters"] : [formatRate(Number(v)), "messages/s"])}
          />
          <Area dataKey="messagesPerSecond" type="monotone" stroke="#0ea5e9" fill="#bae6fd" strokeWidth={1.5} isAnimationActive={false} />
          {anyDead ? <Bar dataKey="deadLetters" fill="#ef4444" maxBarSize={4} isAnimationActive={false} /> : null}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
