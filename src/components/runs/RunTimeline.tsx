/**
 * A run's life in three steps: queued → started → finished (or cancelled /
 * failed), with the time of each step reached.
 */
import { formatTime } from "@/lib/run-format";
import type { TRun } from "@/components/runs/RunTable";

export function RunTimeline({ run }: { run: TRun }) {
  const end = run.status === "failed" ? "failed" : run.status === "cancelled" ? "cancelled" : "finished";
  const steps = [
    { key: "queued", label: "queued", at: run.queuedAt },
    { key: "started", label: "started", at: run.startedAt },
    { key: "finished", label: end, at: run.finishedAt },
  ];
  return (
    <ol className="flex flex-wrap items-center gap-2 text-sm" data-testid="run-timeline">
      {steps.map((s, i) => (
        <li key={s.key} className="flex items-center gap-2" data-testid={`run-timeline-${s.key}`} data-reached={s.at !== null}>
          {i > 0 ? <span className="text-slate-300">→</span> : null}
          <span className={`rounded-md border px-3 py-1.5 ${s.at ? "border-slate-300 bg-white" : "border-dashed border-slate-200 text-slate-400"}`}>
            <span className="font-medium">{s.label}</span>
            <span className="ml-2 text-xs text-slate-500">{s.at ? formatTime(s.at) : "not yet"}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
