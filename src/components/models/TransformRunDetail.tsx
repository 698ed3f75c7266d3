"use client";
/**
 * One transform run: status, selection, trigger, timeline, the error, each
 * model's outcome (rows, duration, why blocked or skipped, the error) and the
 * checks it ran. Refreshes every 2 s while queued or running.
 */
import Link from "next/link";
import { useEffect } from "react";
import { ModelRunStatusBadge } from "@/components/models/ModelRunStatusBadge";
import { BuildWhy, buildFigureColumns, buildStatusColumn } from "@/components/models/build-columns";
import { CheckStatusBadge, SeverityBadge } from "@/components/quality/CheckStatusBadge";
import { QueryIds } from "@/components/runs/QueryIds";
import { DataTable } from "@/components/ui/DataTable";
import { DetailHeader } from "@/components/ui/DetailHeader";
import { DetailView } from "@/components/ui/DetailView";
import { Panel } from "@/components/ui/Panel";
import { PanelNote } from "@/components/ui/PanelNote";
import { QueryPanel } from "@/components/ui/QueryPanel";
import type { TDataColumn } from "@/components/ui/data-column";
import { formatDuration, formatTime, isActiveRun, runDurationMs } from "@/lib/run-format";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TRun = RouterOutputs["model"]["runStatus"];
type TModelBuild = TRun["models"][number] & { linkId: string | undefined };
type TCheck = RouterOutputs["quality"]["check"];
type TCheckRun = { check: TCheck; result: TCheck["results"][number] };

const CHECK_COLUMNS: TDataColumn<TCheckRun>[] = [
  {
    id: "check",
    header: "Check",
    sortValue: (x) => x.check.name,
    cell: ({ check }) => (
      <Link href={`/quality/checks/${check.id}`} className="font-medium hover:underline">
        {check.name}
      </Link>
    ),
  },
  { id: "dataset", header: "Dataset", className: "font-mono text-xs", sortValue: (x) => x.check.dataset, cell: (x) => x.check.dataset },
  { id: "severity", header: "Severity", sortValue: (x) => x.check.severity, cell: (x) => <SeverityBadge severity={x.check.severity} /> },
  { id: "result", header: "Result", sortValue: (x) => x.result.status, cell: (x) => <CheckStatusBadge status={x.result.status} /> },
  { id: "message", header: "Message", className: "text-slate-600", cell: (x) => x.result.message },
];

const COLUMNS: TDataColumn<TModelBuild>[] = [
  {
    id: "model",
    header: "Model",
    className: "font-medium",
    sortValue: (m) => m.model,
    cell: (m) =>
      m.linkId ? (
        <Link href={`/models/${m.linkId}`} className="hover:underline">
          {m.model}
        </Link>
      ) : (
        m.model
      ),
  },
  buildStatusColumn((m) => `transform-run-model-status-${m.model}`),
  ...buildFigureColumns<TModelBuild>(),
  { id: "queries", header: "Warehouse queries", title: "Snowflake query ids, for QUERY_HISTORY", cell: (m) => <QueryIds ids={m.queryIds} /> },
  {
    id: "why",
    header: "Why",
    className: "max-w-xl",
    cell: (m) => (
      <div data-testid={`transform-run-model-why-${m.model}`}>
        <BuildWhy reason={m.reason} error={m.error} />
      </div>
    ),
  },
];
const WITHOUT_QUERIES = COLUMNS.filter((c) => c.id !== "queries");

export function TransformRunDetail({ id }: { id: string }) {
  const run = trpc.model.runStatus.useQuery({ id }, { refetchInterval: (q) => (isActiveRun(q.state.data?.status) ? 2_000 : false) });
  return (
    <DetailView query={run} what="run" back={{ href: "/models", label: "models" }}>
      {(r) => <TransformRunPage r={r} />}
    </DetailView>
  );
}

function TransformRunPage({ r }: { r: TRun }) {
  const models = trpc.model.list.useQuery();
  const active = isActiveRun(r.status);
  const ids = new Map((models.data ?? []).map((m) => [m.name, m.id]));
  const builds = r.models.map((m) => ({ ...m, linkId: ids.get(m.model) }));
  const withQueries = r.models.some((m) => m.queryIds.length > 0);
  return (
    <div className="space-y-5">
      <DetailHeader
        back={{ href: "/models", label: "Models" }}
        title={
          <>
            Transform run <code className="rounded bg-slate-100 px-2 py-0.5 font-mono text-lg">{r.selector}</code>
          </>
        }
        badges={<ModelRunStatusBadge status={r.status} testId="transform-run-status" />}
        subtitle={
          <>
            {r.trigger} trigger · {r.models.length} {r.models.length === 1 ? "model" : "models"} · {formatDuration(runDurationMs(r))}
            <span className="ml-2 font-mono text-xs text-slate-400">{r.id}</span>
          </>
        }
      />
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
      <Panel title="Models">
        {builds.length === 0 ? (
          <PanelNote muted>{active ? "The worker has not picked the models yet." : "The selection matched no model."}</PanelNote>
        ) : (
          <DataTable
            rows={builds}
            columns={withQueries ? COLUMNS : WITHOUT_QUERIES}
            rowId={(m) => m.model}
            rowTestId={(m) => `transform-run-model-${m.model}`}
            rowClassName="align-top"
            testId="transform-run-models"
            sortable
          />
        )}
      </Panel>
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
  return (
    <QueryPanel query={checks} title="Checks run" testId="transform-run-checks" isEmpty={() => false} loading="Loading checks…">
      {(list) => {
        const results = list.flatMap((c) => c.results.filter((res) => res.transformRunId === runId).map((res) => ({ check: c, result: res })));
        return results.length ? (
          <DataTable
            rows={results}
            columns={CHECK_COLUMNS}
            rowId={(x) => x.result.id}
            rowTestId={(x) => `transform-run-check-${x.check.name}`}
            rowClassName="align-top"
            sortable
          />
        ) : (
          <PanelNote muted>{active ? "None yet." : "This run ran no checks (none is defined on the models it built)."}</PanelNote>
        );
      }}
    </QueryPanel>
  );
}
