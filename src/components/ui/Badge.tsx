/**
 * A small coloured status pill; the feature's badge (RunStatusBadge, …)
 * picks the tone and words. `status` becomes data-status for the specs.
 */
import type { ReactNode } from "react";

export type TBadgeTone = "neutral" | "info" | "success" | "warning" | "danger";

const TONES: Record<TBadgeTone, string> = {
  neutral: "bg-slate-100 text-slate-700",
  info: "bg-sky-100 text-sky-800",
  success: "bg-emerald-100 text-emerald-800",
  warning: "bg-amber-100 text-amber-800",
  danger: "bg-red-100 text-red-800",
};

type TProps = { tone?: TBadgeTone; testId?: string; status?: string; title?: string; className?: string; children: ReactNode };

export function Badge({ tone = "neutral", testId, status, title, className, children }: TProps) {
  return (
    <span
      className={["inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium", TONES[tone], className].filter(Boolean).join(" ")}
      data-testid={testId}
      data-status={status}
      title={title}
    >
      {children}
    </span>
  );
}
