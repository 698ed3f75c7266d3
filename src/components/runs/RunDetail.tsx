"use client";
/**
 * One run: status, timeline, attempts, progress, the error, each stream and
 * the live log. Refreshes every 2 s while queued or running; engineers can
 * cancel it then.
 */
import Link from "next/link";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { CancelRunButton } from "@/components/runs/CancelRunButton";
import { RetryRunButton } from "@/components/runs/RetryRunButton";
import { RunLogs } from "@/components/runs/RunLogs";
import { RunProgress } from "@/components/runs/RunProgress";
import { RunStatusBadge } from "@/components/runs/RunStatusBadge";
import { RunStreamsTable } from "@/components/runs/RunStreamsTable";
import { RunTimeline } from "@/components/runs/RunTimeline";
import { formatBytes, formatDuration, isActiveRun, runDurationMs } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

const CARD = "rounded-lg border border-slate-200 bg-white";

export function RunDetail({ id, canEdit }: { id: string; canEdit: boolean }) {
  const run = trpc.run.get.useQuery({ id }, { refetchInterval: (q) => (isActiveRun(q.state.data?.status) ? 2_000 : false) });
  if (run.isLoading) return <p className="text-sm text-slate-500">Loading run…</p>;
  if (run.error || !run.data) {
    return (
      <div className="space-y-3">
        <ErrorAlert message={run.error?.message ?? "No such run."} />
        <Link href="/runs" className="text-sm underline">
          Back to runs
        </Link>
      </div>
    );
  }
  const r = run.data;
  const active = isActiveRun(r.status);
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link href="/runs" className="text-sm text-slate-500 hover:text-slate-800">
            ← Runs
          </Link>
          <h1 className="mt-1 flex items-center gap-3 text-2xl font-semibold tracking-tight">
            Run of{" "}
            <Link href={`/connections/${r.connectionId}`} className="hover:underline" data-testid="run-connection">
              {r.connectionName}
            </Link>
            <RunStatusBadge status={r.status} testId="run-status" />
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {r.trigger} trigger ·{" "}
            <span data-testid="run-attempts">
              {r.attempts} {r.attempts === 1 ? "attempt" : "attempts"}
            </span>{" "}
            · {formatBytes(r.bytes)} · {formatDuration(runDurationMs(r))}
            <span className="ml-2 font-mono text-xs text-slate-400">{r.id}</span>
          </p>
        </div>
        {canEdit && active && r.trigger !== "stream" ? <CancelRunButton runId={r.id} requested={r.cancelRequested} /> : null}
        {canEdit && (r.status === "failed" || r.status === "cancelled") ? <RetryRunButton runId={r.id} /> : null}
      </div>

      <RunTimeline run={r} />
      <RunProgress rows={r.rows} rowsRead={r.rowsRead} estimatedRows={r.estimatedRows} status={r.status} />
      {r.error ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3" data-testid="run-error">
          <h2 className="text-sm font-semibold text-red-900">The run {r.status === "failed" ? "failed" : "reported an error"}</h2>
          <p className="mt-1 whitespace-pre-wrap text-sm text-red-800">{r.error}</p>
        </div>
      ) : null}

      <section className={CARD}>
        <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">Streams</h2>
        <RunStreamsTable streams={r.streams} />
      </section>
      <section className={CARD}>
        <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">
          Log {active ? <span className="ml-1 text-xs font-normal text-sky-700">live</span> : null}
        </h2>
        <div className="p-4">
          <RunLogs runId={r.id} active={active} />
        </div>
      </section>
    </div>
  );
}
