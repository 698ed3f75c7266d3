/**
 * Whether a connection is active or paused (with the reason on hover).
 */
export function ConnectionStatusBadge({ status, reason }: { status: "active" | "paused"; reason?: string | null }) {
  return (
    <span
      title={reason ?? undefined}
      className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${status === "active" ? "bg-emerald-100 text-emerald-800" : "bg-amber-100 text-amber-900"}`}
      data-testid="connection-status"
    >
      {status}
    </span>
  );
}
