"use client";
/**
 * A connection's run history: rows per run as a chart and the runs as a
 * table, refreshed every 3 s while one is queued or running. A streaming
 * connection's runs are its hours (trigger "stream"), their rows growing
 * with each micro-batch while the hour lasts.
 */
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { RowsPerRunChart } from "@/components/runs/RowsPerRunChart";
import { RunTable } from "@/components/runs/RunTable";
import { isActiveRun } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

export function ConnectionRuns({ connectionId, polling, streaming = false }: { connectionId: string; polling: boolean; streaming?: boolean }) {
  const runs = trpc.run.list.useQuery(
    { connectionId, limit: 50 },
    { refetchInterval: (q) => (polling || q.state.data?.some((r) => isActiveRun(r.status)) ? 3_000 : false) },
  );
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="connection-runs">
      <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">
        Run history{streaming ? <span className="text-sm font-normal text-slate-500"> · one run per hour of streaming</span> : null}
      </h2>
      {runs.isLoading ? <p className="px-4 py-4 text-sm text-slate-500">Loading runs…</p> : null}
      {runs.error ? (
        <div className="p-4">
          <ErrorAlert message={runs.error.message} />
        </div>
      ) : null}
      {runs.data?.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600">
          {streaming ? (
            "No runs yet. The first micro-batch after the stream starts opens the hour's run."
          ) : (
            <>No runs yet. &ldquo;Run now&rdquo; starts one; a schedule starts them on time.</>
          )}
        </p>
      ) : null}
      {runs.data?.length ? (
        <>
          <div className="px-4 pt-4">
            <p className="mb-1 text-xs font-medium uppercase text-slate-500">{streaming ? "Rows per hour" : "Rows per run"}</p>
            <RowsPerRunChart runs={runs.data} />
          </div>
          <RunTable runs={runs.data} />
        </>
      ) : null}
    </section>
  );
}
