/**
 * The state of an OpenLineage run (START, RUNNING, COMPLETE, FAIL, ABORT,
 * OTHER) in the colours of Weir's own run statuses.
 */
import { Badge, type TBadgeTone } from "@/components/ui/Badge";

const STATES: Record<string, { label: string; tone: TBadgeTone }> = {
  START: { label: "running…", tone: "info" },
  RUNNING: { label: "running…", tone: "info" },
  COMPLETE: { label: "complete", tone: "success" },
  FAIL: { label: "failed", tone: "danger" },
  ABORT: { label: "aborted", tone: "warning" },
};

export function RunStateBadge({ state }: { state: string }) {
  const s = STATES[state] ?? { label: state.toLowerCase(), tone: "neutral" };
  return (
    <Badge tone={s.tone} status={state}>
      {s.label}
    </Badge>
  );
}
