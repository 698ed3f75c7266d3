"use client";
/**
 * A streaming connection's run history: one run per hour (trigger
 * "stream"), its rows growing with each micro-batch while the hour lasts.
 * Refreshed every 3 s while the stream runs.
 */
import { ErrorAlert } from "@/components/endpoints/ErrorAlert";
import { RowsPerRunChart } from "@/components/runs/RowsPerRunChart";
import { RunTable } from "@/components/runs/RunTable";
import { trpc } from "@/lib/trpc-react";

export function StreamRunHistory({ connectionId, live }: { connectionId: string; live: boolean }) {
  const runs = trpc.run.list.useQuery({ connectionId, limit: 50 }, { refetchInterval: live ? 3_000 : false });
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="connection-runs">
      <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">Run history <span className="text-sm font-normal text-slate-500">· one run per hour of streaming</span></h2>
      {runs.isLoading ? <p className="px-4 py-4 text-sm text-slate-500">Loading runs…</p> : null}
      {runs.error ? <div className="p-4"><ErrorAlert message={runs.error.message} /></div> : null}
      {runs.data?.length === 0 ? <p className="px-4 py-4 text-sm text-slate-600">No runs yet. The first micro-batch after the stream starts opens the hour&apos;s run.</p> : null}
      {runs.data?.length ? (
        <>
          <div className="px-4 pt-4">
            <p className="mb-1 text-xs font-medium uppercase text-slate-500">Rows per hour</p>
            <RowsPerRunChart runs={runs.data} />
          </div>
          <RunTable runs={runs.data} />
        </>
      ) : null}
    </section>
  );
}
