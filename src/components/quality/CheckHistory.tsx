/**
 * A check's results, newest first: status, observed value, failing and total
 * rows, duration, time, and the run that produced each.
 */
import Link from "next/link";
import { CheckStatusBadge } from "@/components/quality/CheckStatusBadge";
import { formatDuration, formatRows, formatTime } from "@/lib/run-format";
import type { RouterOutputs } from "@/components/trpc/trpc-react";

type TResult = RouterOutputs["quality"]["check"]["results"][number];

export function CheckHistory({ results }: { results: TResult[] }) {
  return (
    <table className="w-full text-left text-sm" data-testid="check-history">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="px-4 py-2">Status</th>
          <th className="px-4 py-2 text-right">Observed</th>
          <th className="px-4 py-2 text-right">Failing rows</th>
          <th className="px-4 py-2">Message</th>
          <th className="px-4 py-2 text-right">Took</th>
          <th className="px-4 py-2">Time</th>
          <th className="px-4 py-2" />
        </tr>
      </thead>
      <tbody>
        {results.map((r, i) => (
          <tr key={r.id} className="border-t border-slate-100 align-top" data-testid={`check-result-${i}`}>
            <td className="px-4 py-2">
              <CheckStatusBadge status={r.status} />
            </td>
            <td className="px-4 py-2 text-right tabular-nums">
              {r.observed === null ? "—" : r.observed.toLocaleString("en-US", { maximumFractionDigits: 4 })}
            </td>
            <td className="px-4 py-2 text-right tabular-nums">
              {r.failingRows === null ? "—" : formatRows(r.failingRows)}
              {r.totalRows !== null ? <span className="text-xs text-slate-400"> / {formatRows(r.totalRows)}</span> : null}
            </td>
            <td className="max-w-md px-4 py-2 text-slate-700">{r.message}</td>
            <td className="px-4 py-2 text-right tabular-nums">{formatDuration(r.durationMs)}</td>
            <td className="whitespace-nowrap px-4 py-2 text-slate-600">{formatTime(r.createdAt)}</td>
            <td className="px-4 py-2 text-right">
              {r.transformRunId ? (
                <Link href={`/models/runs/${r.transformRunId}`} className="text-xs underline">
                  Run
                </Link>
              ) : r.syncRunId ? (
                <Link href={`/runs/${r.syncRunId}`} className="text-xs underline">
                  Sync
                </Link>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
