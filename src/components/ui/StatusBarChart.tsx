"use client";
/**
 * A small bar chart of counts over time, one bar per item (oldest first),
 * each coloured by its status (recharts): rows per run, failing rows per
 * check result. Counts are drawn and shown as row counts.
 */
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatRows } from "@/lib/run-format";

export type TStatusBar = { id: string; label: string; value: number; status: string };

type TProps = {
  bars: TStatusBar[];
  /** Fill per status; grey for a status not listed. */
  colours: Record<string, string>;
  /** What the tooltip calls a bar's value, e.g. "rows committed". */
  valueName: (bar: TStatusBar) => string;
  testId: string;
  /** Tailwind height class of the chart. */
  heightClass?: string;
  yAxisWidth?: number;
  maxBarSize?: number;
  /** Draw zero as a thin bar, so an item with nothing still shows. */
  minPointSize?: number;
};

export function StatusBarChart({ bars, colours, valueName, testId, heightClass = "h-40", yAxisWidth = 56, maxBarSize = 32, minPointSize }: TProps) {
  if (bars.length === 0) return null;
  return (
    <div className={`${heightClass} w-full`} data-testid={testId}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <XAxis dataKey="label" tick={{ fontSize: 10 }} interval="preserveStartEnd" />
          <YAxis tick={{ fontSize: 10 }} width={yAxisWidth} allowDecimals={false} tickFormatter={(v: number) => formatRows(v)} />
          <Tooltip formatter={(v, _n, item) => [formatRows(Number(v)), valueName(item.payload as TStatusBar)]} />
          <Bar dataKey="value" isAnimationActive={false} maxBarSize={maxBarSize} minPointSize={minPointSize}>
            {bars.map((d) => (
              <Cell key={d.id} fill={colours[d.status] ?? "#94a3b8"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
