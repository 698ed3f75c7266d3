/**
 * Marks personal data: a column flagged PII, or one masked in a preview.
 */
import { Badge } from "@/components/ui/Badge";

export function PiiBadge({ label = "PII", title }: { label?: string; title?: string }) {
  return (
    <Badge tone="danger" title={title} className="normal-case">
      {label}
    </Badge>
  );
}
