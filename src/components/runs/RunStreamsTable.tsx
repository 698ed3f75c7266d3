/**
 * Each stream of a run: status, rows committed (of the source's estimate)
 * and rows read, bytes, duration, its error and, where the warehouse has
 * them (Snowflake), the ids of the queries that loaded it.
 */
import { QueryIds } from "@/components/runs/QueryIds";
import { RunStatusBadge } from "@/components/runs/RunStatusBadge";
import { formatBytes, formatDuration, formatRows, formatRowsRead } from "@/lib/run-format";
import type { TRun } from "@/components/runs/RunTable";

export function RunStreamsTable({ streams }: { streams: TRun["streams"] }) {
  if (streams.length === 0) return <p className="px-4 py-4 text-sm text-slate-500">No stream has started yet.</p>;
  const withQueries = streams.some((s) => s.queryIds.length > 0);
  return (
    <table className="w-full text-left text-sm" data-testid="run-streams">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="px-4 py-2">Stream</th>
          <th className="px-4 py-2">Status</th>
          <th className="px-4 py-2 text-right" title="Rows committed to the destination">
            Rows
          </th>
          <th className="px-4 py-2 text-right" title="Rows read from the source by the latest attempt">
            Read
          </th>
          <th className="px-4 py-2 text-right">Bytes</th>
          <th className="px-4 py-2 text-right">Duration</th>
          {withQueries ? (
            <th className="px-4 py-2" title="Snowflake query ids, for QUERY_HISTORY">
              Warehouse queries
            </th>
          ) : null}
          <th className="px-4 py-2">Error</th>
        </tr>
      </thead>
      <tbody>
        {streams.map((s) => (
          <tr key={s.stream} className="border-t border-slate-100 align-top" data-testid={`run-stream-${s.stream}`}>
            <td className="px-4 py-2 font-mono text-xs">{s.stream}</td>
            <td className="px-4 py-2">
              <RunStatusBadge status={s.status} />
            </td>
            <td className="px-4 py-2 text-right tabular-nums" data-testid="run-stream-committed">
              {formatRows(s.rows)}
            </td>
            <td className="px-4 py-2 text-right tabular-nums text-slate-500" data-testid="run-stream-read">
              {formatRowsRead(s.rowsRead)}
              {s.estimatedRows ? <span className="text-xs text-slate-400"> / ~{formatRows(s.estimatedRows)}</span> : null}
            </td>
            <td className="px-4 py-2 text-right tabular-nums">{formatBytes(s.bytes)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{formatDuration(s.durationMs)}</td>
            {withQueries ? (
              <td className="px-4 py-2">
                <QueryIds ids={s.queryIds} />
              </td>
            ) : null}
            <td className="max-w-md px-4 py-2 text-xs text-red-700">{s.error ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
