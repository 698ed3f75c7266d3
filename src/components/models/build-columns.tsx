/**
 * The columns a model build shows wherever it is listed (a model's history,
 * a transform run's models): its status (with "incremental"), rows,
 * duration, and why it was blocked, skipped or failed.
 */
import { ModelRunStatusBadge } from "@/components/models/ModelRunStatusBadge";
import type { TDataColumn } from "@/components/ui/data-column";
import { formatDuration, formatRows, formatTime } from "@/lib/run-format";

type TBuild = { status: string; incremental: boolean; rows: number | null; durationMs: number | null };

export function buildStatusColumn<T extends TBuild>(testId?: (b: T) => string): TDataColumn<T> {
  return {
    id: "status",
    header: "Status",
    sortValue: (b) => b.status,
    cell: (b) => (
      <>
        <ModelRunStatusBadge status={b.status} testId={testId?.(b)} />
        {b.incremental ? <span className="ml-1 text-xs text-slate-500">incremental</span> : null}
      </>
    ),
  };
}

export function buildFigureColumns<T extends TBuild>(): TDataColumn<T>[] {
  return [
    { id: "rows", header: "Rows", numeric: true, sortValue: (b) => b.rows, cell: (b) => (b.rows === null ? "—" : formatRows(b.rows)) },
    { id: "duration", header: "Duration", numeric: true, sortValue: (b) => b.durationMs, cell: (b) => formatDuration(b.durationMs) },
  ];
}

/** When a run or build started (queued, not yet started, when it has not). */
export function startedColumn<T>(at: (row: T) => Date | null, suffix?: (row: T) => string): TDataColumn<T> {
  return {
    id: "started",
    header: "Started",
    className: "whitespace-nowrap text-slate-600",
    sortValue: (r) => at(r),
    cell: (r) => `${formatTime(at(r))}${suffix?.(r) ?? ""}`,
  };
}

/** Why a build did not succeed: the reason it was blocked or skipped, its error. */
export function BuildWhy({ reason, error, testIds }: { reason: string | null; error: string | null; testIds?: boolean }) {
  return (
    <>
      {reason ? (
        <p className="text-sm text-orange-900" data-testid={testIds ? "model-build-reason" : undefined}>
          {reason}
        </p>
      ) : null}
      {error ? (
        <p className="whitespace-pre-wrap text-sm text-red-700" data-testid={testIds ? "model-build-error" : undefined}>
          {error}
        </p>
      ) : null}
    </>
  );
}
