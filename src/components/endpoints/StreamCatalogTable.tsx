/**
 * A source's discovered streams: columns, primary key, cursor candidates and
 * estimated rows.
 */
import type { RouterOutputs } from "@/components/trpc/trpc-react";
import { formatRows } from "@/lib/run-format";

export type TCatalog = RouterOutputs["source"]["discover"];

export function StreamCatalogTable({ catalog }: { catalog: TCatalog }) {
  if (catalog.streams.length === 0)
    return <p className="text-sm text-slate-600">The source offers no streams. Check that the configured schemas, folders or endpoints hold data.</p>;
  return (
    <table className="w-full text-left text-sm" data-testid="streams-table">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="px-4 py-2">Stream</th>
          <th className="px-4 py-2">Columns</th>
          <th className="px-4 py-2">Primary key</th>
          <th className="px-4 py-2">Cursor candidates</th>
          <th className="px-4 py-2 text-right">Estimated rows</th>
        </tr>
      </thead>
      <tbody>
        {catalog.streams.map((s) => (
          <tr key={s.name} className="border-t border-slate-100" data-testid={`stream-row-${s.name}`}>
            <td className="px-4 py-2 font-mono text-xs">{s.name}</td>
            <td className="px-4 py-2" title={s.columns.map((c) => `${c.name} ${c.sourceType ?? c.type.kind}`).join("\n")}>
              {s.columns.length}
            </td>
            <td className="px-4 py-2 font-mono text-xs">{s.primaryKey.join(", ") || <span className="font-sans text-slate-400">none</span>}</td>
            <td className="px-4 py-2 font-mono text-xs">
              {s.supportsIncremental ? (
                s.cursorCandidates.join(", ") || <span className="font-sans text-slate-400">none</span>
              ) : (
                <span className="font-sans text-slate-400">full refresh only</span>
              )}
            </td>
            <td className="px-4 py-2 text-right">{s.estimatedRows === undefined ? "—" : formatRows(s.estimatedRows)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
