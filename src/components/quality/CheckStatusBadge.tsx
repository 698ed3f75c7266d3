/**
 * A check's latest result: passed, failed, error (it could not be evaluated,
 * e.g. a dropped column) or never run yet; and a check's severity, outlined.
 */
import { Badge, type TBadgeTone } from "@/components/ui/Badge";

const TONES: Record<string, TBadgeTone> = { passed: "success", failed: "danger", error: "warning", never: "neutral" };

export function CheckStatusBadge({ status, testId }: { status: string | null | undefined; testId?: string }) {
  const s = status ?? "never";
  return (
    <Badge tone={TONES[s] ?? "neutral"} testId={testId} status={s}>
      {s === "never" ? "not run yet" : s}
    </Badge>
  );
}

export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <span
      className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium ${severity === "error" ? "border-red-200 text-red-800" : "border-amber-200 text-amber-800"}`}
    >
      {severity}
    </span>
  );
}
