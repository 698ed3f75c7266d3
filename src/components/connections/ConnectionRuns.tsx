"use client";
/**
 * A connection's run history: rows per run as a chart and the runs as a
 * table, refreshed every 3 s while one is queued or running. A streaming
 * connection's runs are its hours (trigger "stream"), their rows growing
 * with each micro-batch while the hour lasts.
 */
import { RowsPerRunChart } from "@/components/runs/RowsPerRunChart";
import { RunTable } from "@/components/runs/RunTable";
import { Panel } from "@/components/ui/Panel";
import { QueryView } from "@/components/ui/QueryView";
import { isActiveRun } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

export function ConnectionRuns({ connectionId, polling, streaming = false }: { connectionId: string; polling: boolean; streaming?: boolean }) {
  const runs = trpc.run.list.useQuery(
    { connectionId, limit: 50 },
    { refetchInterval: (q) => (polling || q.state.data?.some((r) => isActiveRun(r.status)) ? 3_000 : false) },
  );
  const title = <>Run history{streaming ? <span className="text-sm font-normal text-slate-500"> · one run per hour of streaming</span> : null}</>;
  const empty = (
    <p className="px-4 py-4 text-sm text-slate-600">
      {streaming ? (
        "No runs yet. The first micro-batch after the stream starts opens the hour's run."
      ) : (
        <>No runs yet. &ldquo;Run now&rdquo; starts one; a schedule starts them on time.</>
      )}
    </p>
  );
  return (
    <Panel title={title} testId="connection-runs" className="[&>[role=alert]]:m-4">
      <QueryView query={runs} loading={<p className="px-4 py-4 text-sm text-slate-500">Loading runs…</p>} empty={empty}>
        {(rows) => (
          <>
            <div className="px-4 pt-4">
              <p className="mb-1 text-xs font-medium uppercase text-slate-500">{streaming ? "Rows per hour" : "Rows per run"}</p>
              <RowsPerRunChart runs={rows} />
            </div>
            <RunTable runs={rows} />
          </>
        )}
      </QueryView>
    </Panel>
  );
}
