"use client";
/**
 * A model's latest builds: status, rows, duration, why it was blocked or
 * skipped, the error when it failed, and the SQL it ran (expand a row).
 * Refreshes every 3 s while a build is queued or running.
 */
import Link from "next/link";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { ModelRunStatusBadge } from "@/components/models/ModelRunStatusBadge";
import { formatDuration, formatRows, formatTime, isActiveRun } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

export function ModelHistory({ modelId }: { modelId: string }) {
  const history = trpc.model.history.useQuery({ id: modelId }, { refetchInterval: (q) => (q.state.data?.some((b) => isActiveRun(b.status)) ? 3_000 : false) });
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="model-history">
      <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">Build history</h2>
      {history.isLoading ? <p className="px-4 py-4 text-sm text-slate-500">Loading builds…</p> : null}
      {history.error ? (
        <div className="p-4">
          <ErrorAlert message={history.error.message} />
        </div>
      ) : null}
      {history.data?.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600">Never built. Run it (alone, with its upstream or with its downstream) to build it in its warehouse.</p>
      ) : null}
      {history.data?.length ? (
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-2">Status</th>
              <th className="px-4 py-2 text-right">Rows</th>
              <th className="px-4 py-2 text-right">Duration</th>
              <th className="px-4 py-2">Started</th>
              <th className="px-4 py-2">Details</th>
              <th className="px-4 py-2" />
            </tr>
          </thead>
          <tbody>
            {history.data.map((b, i) => (
              <tr key={b.transformRunId} className="border-t border-slate-100 align-top" data-testid={`model-build-${i}`}>
                <td className="px-4 py-2">
                  <ModelRunStatusBadge status={b.status} testId={`model-build-status-${i}`} />
                  {b.incremental ? <span className="ml-1 text-xs text-slate-500">incremental</span> : null}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{b.rows === null ? "—" : formatRows(b.rows)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{formatDuration(b.durationMs)}</td>
                <td className="whitespace-nowrap px-4 py-2 text-slate-600">{formatTime(b.startedAt ?? b.finishedAt)}</td>
                <td className="max-w-xl px-4 py-2">
                  {b.reason ? (
                    <p className="text-sm text-orange-900" data-testid="model-build-reason">
                      {b.reason}
                    </p>
                  ) : null}
                  {b.error ? (
                    <p className="whitespace-pre-wrap text-sm text-red-700" data-testid="model-build-error">
                      {b.error}
                    </p>
                  ) : null}
                  {b.compiledSql ? (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-xs text-slate-600">Compiled SQL</summary>
                      <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap rounded bg-slate-900 p-2 font-mono text-xs text-slate-100">
                        {b.compiledSql}
                      </pre>
                    </details>
                  ) : null}
                </td>
                <td className="px-4 py-2 text-right">
                  <Link href={`/models/runs/${b.transformRunId}`} className="text-xs font-medium text-slate-700 underline">
                    Run
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
