/**
 * A dataset's quality: the worst latest result of its checks (passed, warn,
 * failed), or that it has no checks.
 */
import { Badge, type TBadgeTone } from "@/components/ui/Badge";

const TONES: Record<string, TBadgeTone> = { passed: "success", warn: "warning", failed: "danger", none: "neutral" };

export const QUALITY_LABELS: Record<string, string> = { passed: "checks pass", warn: "checks warn", failed: "checks fail", none: "no checks" };

export function QualityBadge({ status, testId }: { status: string | null; testId?: string }) {
  const s = status ?? "none";
  return (
    <Badge tone={TONES[s] ?? "neutral"} testId={testId} status={s}>
      {QUALITY_LABELS[s] ?? s}
    </Badge>
  );
}
