/**
 * An incident's status: open, acknowledged (someone is on it) or resolved.
 */
const STYLES: Record<string, string> = {
  open: "bg-red-100 text-red-800",
  acknowledged: "bg-amber-100 text-amber-900",
  resolved: "bg-emerald-100 text-emerald-800",
};

export function IncidentStatusBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STYLES[status] ?? STYLES.open}`} data-testid={testId} data-status={status}>
      {status}
    </span>
  );
}
