/**
 * Whether a dataset's freshness checks find it fresh or stale; nothing when
 * it has no freshness check. Outlined, so it reads apart from the quality
 * badge beside it.
 */
import { Badge } from "@/components/ui/Badge";

export function FreshnessBadge({ status, testId }: { status: string | null; testId?: string }) {
  if (!status) return null;
  const tone = status === "fresh" ? "success" : status === "stale" ? "warning" : "neutral";
  return (
    <Badge tone={tone} testId={testId} status={status} title="By its freshness checks" className="ring-1 ring-inset ring-current/20">
      {status}
    </Badge>
  );
}
