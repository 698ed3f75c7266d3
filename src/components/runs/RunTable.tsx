/**
 * Runs as a table: status, trigger, rows committed and rows read, bytes,
 * duration and start; with the connection's name when the runs come from
 * several connections. A failed run reads rows it never committed, so the
 * two differ there.
 */
import Link from "next/link";
import { RunStatusBadge } from "@/components/runs/RunStatusBadge";
import { formatBytes, formatDuration, formatRows, formatRowsRead, formatTime, runDurationMs } from "@/lib/run-format";
import type { RouterOutputs } from "@/components/trpc/trpc-react";

export type TRun = RouterOutputs["run"]["get"];

export function RunTable({ runs, showConnection = false }: { runs: TRun[]; showConnection?: boolean }) {
  return (
    <table className="w-full text-left text-sm" data-testid="run-table">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="px-4 py-2">Status</th>
          {showConnection ? <th className="px-4 py-2">Connection</th> : null}
          <th className="px-4 py-2">Trigger</th>
          <th className="px-4 py-2 text-right" title="Rows committed to the destination">
            Rows
          </th>
          <th className="px-4 py-2 text-right" title="Rows read from the source by the latest attempt">
            Read
          </th>
          <th className="px-4 py-2 text-right">Bytes</th>
          <th className="px-4 py-2 text-right">Duration</th>
          <th className="px-4 py-2">Started</th>
          <th className="px-4 py-2" />
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id} className="border-t border-slate-100" data-testid={`run-row-${r.id}`}>
            <td className="px-4 py-2">
              <RunStatusBadge status={r.status} />
            </td>
            {showConnection ? (
              <td className="px-4 py-2">
                <Link href={`/connections/${r.connectionId}`} className="hover:underline">
                  {r.connectionName}
                </Link>
              </td>
            ) : null}
            <td className="px-4 py-2 text-slate-600">{r.trigger}</td>
            <td className="px-4 py-2 text-right tabular-nums" data-testid="run-rows-committed">
              {formatRows(r.rows)}
            </td>
            <td className="px-4 py-2 text-right tabular-nums text-slate-500" data-testid="run-rows-read">
              {formatRowsRead(r.rowsRead)}
            </td>
            <td className="px-4 py-2 text-right tabular-nums">{formatBytes(r.bytes)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{formatDuration(runDurationMs(r))}</td>
            <td className="px-4 py-2 whitespace-nowrap text-slate-600">
              {formatTime(r.startedAt ?? r.queuedAt)}
              {r.startedAt ? "" : " (queued)"}
            </td>
            <td className="px-4 py-2 text-right">
              <Link href={`/runs/${r.id}`} className="text-xs font-medium text-slate-700 underline">
                Details
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
