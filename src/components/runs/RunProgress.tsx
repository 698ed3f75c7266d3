/**
 * Rows done of the rows the source estimated, as a bar; only rows when the
 * source could not estimate. The estimate is the stream's size, so an
 * incremental run usually ends well below it (a succeeded run shows 100%).
 */
import { formatRows, isActiveRun } from "@/components/runs/run-format";

type TProps = { rows: number; estimatedRows: number | null; status: string };

export function RunProgress({ rows, estimatedRows, status }: TProps) {
  const active = isActiveRun(status);
  if (!estimatedRows) {
    return <p className="text-sm text-slate-600" data-testid="run-progress">{formatRows(rows)} rows{active ? " so far" : ""}</p>;
  }
  const pct = status === "succeeded" ? 100 : Math.min(100, Math.round((rows / estimatedRows) * 100));
  return (
    <div data-testid="run-progress" data-percent={pct}>
      <div className="mb-1 flex justify-between text-xs text-slate-600">
        <span>{active ? `${formatRows(rows)} of ~${formatRows(estimatedRows)} rows` : `${formatRows(rows)} rows (the source estimated ~${formatRows(estimatedRows)})`}</span>
        <span>{pct}%</span>
      </div>
      <div className="h-2 w-full overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <div className={`h-full transition-all ${active || status === "succeeded" ? "bg-sky-500" : "bg-slate-400"}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
