/**
 * Marks personal data: a column flagged PII, or one masked in a preview.
 */
export function PiiBadge({ label = "PII", title }: { label?: string; title?: string }) {
  return (
    <span className="inline-block whitespace-nowrap rounded bg-rose-100 px-1.5 py-0.5 text-[11px] font-medium normal-case text-rose-800" title={title}>
      {label}
    </span>
  );
}
