/**
 * The warehouse query ids of a run's stream or model (Snowflake), folded
 * away behind their count; each id selects with one click, for pasting into
 * Snowflake's query history.
 */
export function QueryIds({ ids }: { ids: readonly string[] }) {
  if (ids.length === 0) return <span className="text-xs text-slate-400">none</span>;
  return (
    <details data-testid="query-ids">
      <summary className="cursor-pointer text-xs text-slate-600">
        {ids.length} {ids.length === 1 ? "query" : "queries"}
      </summary>
      <ul className="mt-1 space-y-0.5 font-mono text-[11px] text-slate-700">
        {ids.map((id) => (
          <li key={id} className="select-all" data-testid="query-id">
            {id}
          </li>
        ))}
      </ul>
    </details>
  );
}
