/**
 * A check's latest results as a row of dots, oldest on the left: green
 * passed, red failed, amber error. Hover a dot for when and what it found.
 */
import { formatTime } from "@/lib/run-format";

const COLOURS: Record<string, string> = { passed: "bg-emerald-500", failed: "bg-red-500", error: "bg-amber-400" };

type TResult = { id: string; status: string; createdAt: Date; message: string };

export function CheckTrend({ results, max = 20 }: { results: TResult[]; max?: number }) {
  if (results.length === 0) return <span className="text-xs text-slate-400">—</span>;
  const shown = results.slice(0, max).reverse();
  return (
    <span
      className="inline-flex items-center gap-0.5"
      data-testid="check-trend"
      aria-label={`Last ${shown.length} results, oldest first: ${shown.map((r) => r.status).join(", ")}`}
    >
      {shown.map((r) => (
        <span
          key={r.id}
          title={`${formatTime(r.createdAt)}: ${r.status} — ${r.message}`}
          className={`inline-block h-2.5 w-2.5 rounded-full ${COLOURS[r.status] ?? "bg-slate-300"}`}
        />
      ))}
    </span>
  );
}
