/**
 * A streaming connection's state as a pill: running, paused, stopped or not
 * started.
 */
import { STATE_LABEL, type TStreamState } from "@/components/connections/stream-status-format";

const STYLES: Record<NonNullable<TStreamState> | "none", string> = {
  running: "bg-emerald-100 text-emerald-800",
  paused: "bg-amber-100 text-amber-900",
  stopped: "bg-slate-200 text-slate-700",
  none: "bg-slate-100 text-slate-600",
};

export function StreamStateBadge({ state }: { state: TStreamState }) {
  const key = state ?? "none";
  return (
    <span className={`inline-flex items-center gap-1.5 rounded px-2 py-0.5 text-xs font-medium ${STYLES[key]}`} data-testid="stream-state" data-state={key}>
      {state === "running" ? <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-emerald-600" aria-hidden /> : null}
      {STATE_LABEL[key]}
    </span>
  );
}
