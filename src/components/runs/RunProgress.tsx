/**
 * Rows read of the rows the source estimated, as a bar while the run goes;
 * then the rows committed beside the rows read, which differ when a run
 * failed (what it read was never committed) or when rows at the saved
 * cursor were already in the destination. Only rows when the source could
 * not estimate. The estimate is the stream's size, so an incremental run
 * usually ends well below it (a succeeded run shows 100%).
 */
import { formatRows, isActiveRun } from "@/lib/run-format";

type TProps = { rows: number; rowsRead: number | null; estimatedRows: number | null; status: string };

export function RunProgress({ rows, rowsRead, estimatedRows, status }: TProps) {
  const active = isActiveRun(status);
  const read = rowsRead ?? rows;
  const summary = (
    <span data-testid="run-rows-summary">
      {formatRows(rows)} rows committed{rowsRead === null ? "" : `, ${formatRows(rowsRead)} read`}
    </span>
  );
  if (!estimatedRows) {
    return (
      <p className="text-sm text-slate-600" data-testid="run-progress">
        {active ? `${formatRows(read)} rows read so far` : summary}
      </p>
    );
  }
  const pct = status === "succeeded" ? 100 : Math.min(100, Math.round((read / estimatedRows) * 100));
  return (
    <div data-testid="run-progress" data-percent={pct}>
      <div className="mb-1 flex justify-between text-xs text-slate-600">
        {active ? (
          <span>{`${formatRows(read)} of ~${formatRows(estimatedRows)} rows read`}</span>
        ) : (
          <span>
            {summary} (the source estimated ~{formatRows(estimatedRows)})
          </span>
        )}
        <span>{pct}%</span>
      </div>
      <div className="h-2 w-full overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <div className={`h-full transition-all ${active || status === "succeeded" ? "bg-sky-500" : "bg-slate-400"}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
