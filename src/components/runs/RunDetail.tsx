"use client";
/**
 * One run: status, timeline, attempts, progress, the error, each stream and
 * the live log. Refreshes every 2 s while queued or running; engineers can
 * cancel it then.
 */
import Link from "next/link";
import { CancelRunButton } from "@/components/runs/CancelRunButton";
import { RetryRunButton } from "@/components/runs/RetryRunButton";
import { RunLogs } from "@/components/runs/RunLogs";
import { RunProgress } from "@/components/runs/RunProgress";
import { RunStatusBadge } from "@/components/runs/RunStatusBadge";
import { RunStreamsTable } from "@/components/runs/RunStreamsTable";
import { RunTimeline } from "@/components/runs/RunTimeline";
import type { TRun } from "@/components/runs/RunTable";
import { DetailHeader } from "@/components/ui/DetailHeader";
import { Panel } from "@/components/ui/Panel";
import { QueryView } from "@/components/ui/QueryView";
import { formatBytes, formatDuration, isActiveRun, runDurationMs } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

export function RunDetail({ id, canEdit }: { id: string; canEdit: boolean }) {
  const run = trpc.run.get.useQuery({ id }, { refetchInterval: (q) => (isActiveRun(q.state.data?.status) ? 2_000 : false) });
  return (
    <QueryView
      query={run}
      loading="Loading run…"
      missing="No such run."
      errorFooter={
        <Link href="/runs" className="text-sm underline">
          Back to runs
        </Link>
      }
    >
      {(r) => <RunPage r={r} canEdit={canEdit} />}
    </QueryView>
  );
}

function RunPage({ r, canEdit }: { r: TRun; canEdit: boolean }) {
  const active = isActiveRun(r.status);
  return (
    <div className="space-y-5">
      <DetailHeader
        back={{ href: "/runs", label: "Runs" }}
        title={
          <>
            Run of{" "}
            <Link href={`/connections/${r.connectionId}`} className="hover:underline" data-testid="run-connection">
              {r.connectionName}
            </Link>
          </>
        }
        badges={<RunStatusBadge status={r.status} testId="run-status" />}
        subtitle={
          <>
            {r.trigger} trigger ·{" "}
            <span data-testid="run-attempts">
              {r.attempts} {r.attempts === 1 ? "attempt" : "attempts"}
            </span>{" "}
            · {formatBytes(r.bytes)} · {formatDuration(runDurationMs(r))}
            <span className="ml-2 font-mono text-xs text-slate-400">{r.id}</span>
          </>
        }
        actions={
          <>
            {canEdit && active && r.trigger !== "stream" ? <CancelRunButton runId={r.id} requested={r.cancelRequested} /> : null}
            {canEdit && (r.status === "failed" || r.status === "cancelled") ? <RetryRunButton runId={r.id} /> : null}
          </>
        }
      />

      <RunTimeline run={r} />
      <RunProgress rows={r.rows} rowsRead={r.rowsRead} estimatedRows={r.estimatedRows} status={r.status} />
      {r.error ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3" data-testid="run-error">
          <h2 className="text-sm font-semibold text-red-900">The run {r.status === "failed" ? "failed" : "reported an error"}</h2>
          <p className="mt-1 whitespace-pre-wrap text-sm text-red-800">{r.error}</p>
        </div>
      ) : null}

      <Panel title="Streams">
        <RunStreamsTable streams={r.streams} />
      </Panel>
      <Panel title={<>Log {active ? <span className="ml-1 text-xs font-normal text-sky-700">live</span> : null}</>} padded>
        <RunLogs runId={r.id} active={active} />
      </Panel>
    </div>
  );
}
