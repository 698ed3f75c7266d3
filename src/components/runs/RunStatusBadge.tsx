/**
 * A run's status as a coloured pill: queued, running, succeeded, failed,
 * cancelled.
 */
const STYLES: Record<string, string> = {
  queued: "bg-slate-100 text-slate-700",
  running: "bg-sky-100 text-sky-800",
  succeeded: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
  cancelled: "bg-amber-100 text-amber-800",
};

export function RunStatusBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STYLES[status] ?? STYLES.queued}`} data-testid={testId}>
      {status === "running" ? "running…" : status}
    </span>
  );
}
