"use client";
/**
 * A model's latest builds: status, rows, duration, why it was blocked or
 * skipped, the error when it failed, and the SQL it ran (expand a row).
 * Refreshes every 3 s while a build is queued or running.
 */
import { BuildWhy, buildFigureColumns, buildStatusColumn, startedColumn } from "@/components/models/build-columns";
import { linkColumn } from "@/components/ui/link-column";
import { DataTable } from "@/components/ui/DataTable";
import { QueryPanel } from "@/components/ui/QueryPanel";
import type { TDataColumn } from "@/components/ui/data-column";
import { isActiveRun } from "@/lib/run-format";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TBuild = RouterOutputs["model"]["history"][number] & { index: number };

const COLUMNS: TDataColumn<TBuild>[] = [
  buildStatusColumn((b) => `model-build-status-${b.index}`),
  ...buildFigureColumns<TBuild>(),
  startedColumn((b) => b.startedAt ?? b.finishedAt),
  {
    id: "details",
    header: "Details",
    className: "max-w-xl",
    cell: (b) => (
      <>
        <BuildWhy reason={b.reason} error={b.error} testIds />
        {b.compiledSql ? (
          <details className="mt-1">
            <summary className="cursor-pointer text-xs text-slate-600">Compiled SQL</summary>
            <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap rounded bg-slate-900 p-2 font-mono text-xs text-slate-100">{b.compiledSql}</pre>
          </details>
        ) : null}
      </>
    ),
  },
  linkColumn("Run", (b) => `/models/runs/${b.transformRunId}`),
];

export function ModelHistory({ modelId }: { modelId: string }) {
  const history = trpc.model.history.useQuery({ id: modelId }, { refetchInterval: (q) => (q.state.data?.some((b) => isActiveRun(b.status)) ? 3_000 : false) });
  return (
    <QueryPanel
      query={history}
      title="Build history"
      testId="model-history"
      loading="Loading builds…"
      empty="Never built. Run it (alone, with its upstream or with its downstream) to build it in its warehouse."
    >
      {(builds) => (
        <DataTable
          rows={builds.map((b, index) => ({ ...b, index }))}
          columns={COLUMNS}
          rowId={(b) => b.transformRunId}
          rowTestId={(b) => `model-build-${b.index}`}
          rowClassName="align-top"
          sortable
        />
      )}
    </QueryPanel>
  );
}
