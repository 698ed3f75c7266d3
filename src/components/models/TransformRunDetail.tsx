"use client";
/**
 * One transform run: status, selection, trigger, timeline, the error, each
 * model's outcome (rows, duration, why blocked or skipped, the error) and the
 * checks it ran. Refreshes every 2 s while queued or running.
 */
import Link from "next/link";
import { useEffect } from "react";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { ModelRunStatusBadge } from "@/components/models/ModelRunStatusBadge";
import { CheckStatusBadge, SeverityBadge } from "@/components/quality/CheckStatusBadge";
import { QueryIds } from "@/components/runs/QueryIds";
import { formatDuration, formatRows, formatTime, isActiveRun, runDurationMs } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

const CARD = "rounded-lg border border-slate-200 bg-white";

export function TransformRunDetail({ id }: { id: string }) {
  const run = trpc.model.runStatus.useQuery({ id }, { refetchInterval: (q) => (isActiveRun(q.state.data?.status) ? 2_000 : false) });
  const models = trpc.model.list.useQuery();
  if (run.isLoading) return <p className="text-sm text-slate-500">Loading run…</p>;
  if (run.error || !run.data) {
    return (
      <div className="space-y-3">
        <ErrorAlert message={run.error?.message ?? "No such run."} />
        <Link href="/models" className="text-sm underline">
          Back to models
        </Link>
      </div>
    );
  }
  const r = run.data;
  const active = isActiveRun(r.status);
  const ids = new Map((models.data ?? []).map((m) => [m.name, m.id]));
  const withQueries = r.models.some((m) => m.queryIds.length > 0);
  return (
    <div className="space-y-5">
      <div>
        <Link href="/models" className="text-sm text-slate-500 hover:text-slate-800">
          ← Models
        </Link>
        <h1 className="mt-1 flex items-center gap-3 text-2xl font-semibold tracking-tight">
          Transform run <code className="rounded bg-slate-100 px-2 py-0.5 font-mono text-lg">{r.selector}</code>
          <ModelRunStatusBadge status={r.status} testId="transform-run-status" />
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          {r.trigger} trigger · {r.models.length} {r.models.length === 1 ? "model" : "models"} · {formatDuration(runDurationMs(r))}
          <span className="ml-2 font-mono text-xs text-slate-400">{r.id}</span>
        </p>
      </div>
      <p className="text-sm text-slate-600" data-testid="transform-run-times">
        Queued {formatTime(r.queuedAt)} · {r.startedAt ? `started ${formatTime(r.startedAt)}` : "not started yet"}
        {r.finishedAt ? ` · ${r.status === "succeeded" ? "finished" : r.status} ${formatTime(r.finishedAt)}` : ""}
      </p>
      {r.error ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3" data-testid="transform-run-error">
          <h2 className="text-sm font-semibold text-red-900">Not every model was built</h2>
          <p className="mt-1 whitespace-pre-wrap text-sm text-red-800">{r.error}</p>
        </div>
      ) : null}
      <section className={CARD}>
        <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">Models</h2>
        {r.models.length === 0 ? (
          <p className="px-4 py-4 text-sm text-slate-500">{active ? "The worker has not picked the models yet." : "The selection matched no model."}</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="transform-run-models">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="px-4 py-2">Model</th>
                <th className="px-4 py-2">Status</th>
                <th className="px-4 py-2 text-right">Rows</th>
                <th className="px-4 py-2 text-right">Duration</th>
                {withQueries ? (
                  <th className="px-4 py-2" title="Snowflake query ids, for QUERY_HISTORY">
                    Warehouse queries
                  </th>
                ) : null}
                <th className="px-4 py-2">Why</th>
              </tr>
            </thead>
            <tbody>
              {r.models.map((m) => (
                <tr key={m.model} className="border-t border-slate-100 align-top" data-testid={`transform-run-model-${m.model}`}>
                  <td className="px-4 py-2 font-medium">
                    {ids.get(m.model) ? (
                      <Link href={`/models/${ids.get(m.model)}`} className="hover:underline">
                        {m.model}
                      </Link>
                    ) : (
                      m.model
                    )}
                  </td>
                  <td className="px-4 py-2">
                    <ModelRunStatusBadge status={m.status} testId={`transform-run-model-status-${m.model}`} />
                    {m.incremental ? <span className="ml-1 text-xs text-slate-500">incremental</span> : null}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{m.rows === null ? "—" : formatRows(m.rows)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatDuration(m.durationMs)}</td>
                  {withQueries ? (
                    <td className="px-4 py-2">
                      <QueryIds ids={m.queryIds} />
                    </td>
                  ) : null}
                  <td className="max-w-xl px-4 py-2" data-testid={`transform-run-model-why-${m.model}`}>
                    {m.reason ? <p className="text-orange-900">{m.reason}</p> : null}
                    {m.error ? <p className="whitespace-pre-wrap text-red-700">{m.error}</p> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <RunChecks runId={r.id} active={active} />
    </div>
  );
}

/** The check results recorded by this run (checks run after the model that builds their dataset). */
function RunChecks({ runId, active }: { runId: string; active: boolean }) {
  const checks = trpc.quality.checks.useQuery({}, { refetchInterval: active ? 3_000 : false });
  // The last poll may predate the checks that ran just before the run ended: read them once more when it ends.
  const { refetch } = checks;
  useEffect(() => {
    if (!active) void refetch();
  }, [active, refetch]);
  const results = (checks.data ?? []).flatMap((c) => c.results.filter((res) => res.transformRunId === runId).map((res) => ({ check: c, result: res })));
  return (
    <section className={CARD} data-testid="transform-run-checks">
      <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">Checks run</h2>
      {checks.error ? (
        <div className="p-4">
          <ErrorAlert message={checks.error.message} />
        </div>
      ) : null}
      {checks.data && results.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-500">{active ? "None yet." : "This run ran no checks (none is defined on the models it built)."}</p>
      ) : null}
      {results.length ? (
        <table className="w-full text-left text-sm">
          <tbody>
            {results.map(({ check, result }) => (
              <tr key={result.id} className="border-t border-slate-100 align-top first:border-t-0" data-testid={`transform-run-check-${check.name}`}>
                <td className="px-4 py-2">
                  <Link href={`/quality/checks/${check.id}`} className="font-medium hover:underline">
                    {check.name}
                  </Link>
                </td>
                <td className="px-4 py-2 font-mono text-xs">{check.dataset}</td>
                <td className="px-4 py-2">
                  <SeverityBadge severity={check.severity} />
                </td>
                <td className="px-4 py-2">
                  <CheckStatusBadge status={result.status} />
                </td>
                <td className="px-4 py-2 text-slate-600">{result.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
