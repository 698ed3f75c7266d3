/**
 * The state of an OpenLineage run (START, RUNNING, COMPLETE, FAIL, ABORT,
 * OTHER) in the colours of Weir's own run statuses.
 */
const STATES: Record<string, { label: string; style: string }> = {
  START: { label: "running…", style: "bg-sky-100 text-sky-800" },
  RUNNING: { label: "running…", style: "bg-sky-100 text-sky-800" },
  COMPLETE: { label: "complete", style: "bg-emerald-100 text-emerald-800" },
  FAIL: { label: "failed", style: "bg-red-100 text-red-800" },
  ABORT: { label: "aborted", style: "bg-amber-100 text-amber-800" },
};

export function RunStateBadge({ state }: { state: string }) {
  const s = STATES[state] ?? { label: state.toLowerCase(), style: "bg-slate-100 text-slate-700" };
  return (
    <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${s.style}`} data-state={state}>
      {s.label}
    </span>
  );
}
