/**
 * Whether a dataset's freshness checks find it fresh or stale; nothing when
 * it has no freshness check.
 */
export function FreshnessBadge({ status, testId }: { status: string | null; testId?: string }) {
  if (!status) return null;
  const style =
    status === "fresh"
      ? "bg-emerald-50 text-emerald-800 ring-emerald-200"
      : status === "stale"
        ? "bg-amber-50 text-amber-900 ring-amber-200"
        : "bg-slate-50 text-slate-700 ring-slate-200";
  return (
    <span
      className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style}`}
      data-testid={testId}
      data-status={status}
      title="By its freshness checks"
    >
      {status}
    </span>
  );
}
