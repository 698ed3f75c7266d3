/**
 * Whether a connection is active or paused (with the reason on hover).
 */
import { Badge } from "@/components/ui/Badge";

export function ConnectionStatusBadge({ status, reason }: { status: "active" | "paused"; reason?: string | null }) {
  return (
    <Badge tone={status === "active" ? "success" : "warning"} title={reason ?? undefined} status={status} testId="connection-status">
      {status}
    </Badge>
  );
}
