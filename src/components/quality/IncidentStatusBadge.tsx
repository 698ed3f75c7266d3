/**
 * An incident's status: open, acknowledged (someone is on it) or resolved.
 */
import { Badge, type TBadgeTone } from "@/components/ui/Badge";

const TONES: Record<string, TBadgeTone> = { open: "danger", acknowledged: "warning", resolved: "success" };

export function IncidentStatusBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <Badge tone={TONES[status] ?? "danger"} testId={testId} status={status}>
      {status}
    </Badge>
  );
}
