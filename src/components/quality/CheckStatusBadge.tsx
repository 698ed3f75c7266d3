/**
 * A check's latest result: passed, failed, error (it could not be evaluated,
 * e.g. a dropped column) or never run yet.
 */
const STYLES: Record<string, string> = {
  passed: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
  error: "bg-amber-100 text-amber-900",
  never: "bg-slate-100 text-slate-600",
};

export function CheckStatusBadge({ status, testId }: { status: string | null | undefined; testId?: string }) {
  const s = status ?? "never";
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STYLES[s] ?? STYLES.never}`} data-testid={testId} data-status={s}>
      {s === "never" ? "not run yet" : s}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <span
      className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium ${severity === "error" ? "border-red-200 text-red-800" : "border-amber-200 text-amber-800"}`}
    >
      {severity}
    </span>
  );
}
