/**
 * A run's status as a coloured pill: queued, running, succeeded, failed,
 * cancelled.
 */
import { Badge, type TBadgeTone } from "@/components/ui/Badge";

const TONES: Record<string, TBadgeTone> = { queued: "neutral", running: "info", succeeded: "success", failed: "danger", cancelled: "warning" };

export function RunStatusBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <Badge tone={TONES[status] ?? "neutral"} testId={testId}>
      {status === "running" ? "running…" : status}
    </Badge>
  );
}
