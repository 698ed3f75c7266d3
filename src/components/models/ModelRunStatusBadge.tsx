/**
 * A transform run's or a model build's status as a coloured pill; besides a
 * run's statuses, a model can be blocked (by a failed check) or skipped
 * (something upstream did not build).
 */
import { Badge, type TBadgeTone } from "@/components/ui/Badge";

const TONES: Record<string, TBadgeTone> = {
  queued: "neutral",
  running: "info",
  succeeded: "success",
  failed: "danger",
  blocked: "warning",
  skipped: "neutral",
  cancelled: "warning",
};

export function ModelRunStatusBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <Badge tone={TONES[status] ?? "neutral"} testId={testId} status={status}>
      {status === "running" ? "running…" : status}
    </Badge>
  );
}
