/**
 * A transform run's or a model build's status as a coloured pill; besides a
 * run's statuses, a model can be blocked (by a failed check) or skipped
 * (something upstream did not build).
 */
const STYLES: Record<string, string> = {
  queued: "bg-slate-100 text-slate-700",
  running: "bg-sky-100 text-sky-800",
  succeeded: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
  blocked: "bg-orange-100 text-orange-900",
  skipped: "bg-slate-200 text-slate-700",
  cancelled: "bg-amber-100 text-amber-800",
};

export function ModelRunStatusBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STYLES[status] ?? STYLES.queued}`} data-testid={testId} data-status={status}>
      {status === "running" ? "running…" : status}
    </span>
  );
}
