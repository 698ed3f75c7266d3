/**
 * Tags as small read-only chips (a dataset's or a column's).
 */
export function TagList({ tags, testId }: { tags: string[]; testId?: string }) {
  if (tags.length === 0) return null;
  return (
    <span className="inline-flex flex-wrap gap-1" data-testid={testId}>
      {tags.map((tag) => (
        <span key={tag} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
          {tag}
        </span>
      ))}
    </span>
  );
}
