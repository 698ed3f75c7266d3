/**
 * A streaming connection's state as a pill: running (with a pulsing dot),
 * paused, stopped or not started.
 */
import { Badge, type TBadgeTone } from "@/components/ui/Badge";
import { STATE_LABEL, type TStreamState } from "@/components/connections/stream-status-format";

const TONES: Record<NonNullable<TStreamState> | "none", TBadgeTone> = { running: "success", paused: "warning", stopped: "neutral", none: "neutral" };

export function StreamStateBadge({ state }: { state: TStreamState }) {
  const key = state ?? "none";
  return (
    <Badge tone={TONES[key]} status={key} testId="stream-state">
      {state === "running" ? <span className="mr-1.5 inline-block h-1.5 w-1.5 animate-pulse rounded-full bg-emerald-600 align-middle" aria-hidden /> : null}
      {STATE_LABEL[key]}
    </Badge>
  );
}
