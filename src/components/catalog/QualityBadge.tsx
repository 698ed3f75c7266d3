/**
 * A dataset's quality: the worst latest result of its checks (passed, warn,
 * failed), or that it has no checks.
 */
const STYLES: Record<string, string> = {
  passed: "bg-emerald-100 text-emerald-800",
  warn: "bg-amber-100 text-amber-900",
  failed: "bg-red-100 text-red-800",
  none: "bg-slate-100 text-slate-600",
};

export const QUALITY_LABELS: Record<string, string> = { passed: "checks pass", warn: "checks warn", failed: "checks fail", none: "no checks" };

export function QualityBadge({ status, testId }: { status: string | null; testId?: string }) {
  const s = status ?? "none";
  return (
    <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${STYLES[s] ?? STYLES.none}`} data-testid={testId} data-status={s}>
      {QUALITY_LABELS[s] ?? s}
    </span>
  );
}
