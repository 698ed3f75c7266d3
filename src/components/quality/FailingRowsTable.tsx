/**
 * A sample of the rows a check found failing (at most 20, columns tagged PII
 * already masked by the server), as a table of their columns.
 */
function cell(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

export function FailingRowsTable({ rows }: { rows: Array<Record<string, unknown>> }) {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left font-mono text-xs" data-testid="failing-rows">
        <thead className="bg-slate-50 text-slate-500">
          <tr>
            {columns.map((c) => (
              <th key={c} className="whitespace-nowrap px-3 py-2 font-medium">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className="border-t border-slate-100">
              {columns.map((c) => (
                <td
                  key={c}
                  className={`max-w-xs truncate whitespace-nowrap px-3 py-1.5 ${r[c] === null || r[c] === undefined ? "text-red-600" : ""}`}
                  title={cell(r[c])}
                >
                  {cell(r[c])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
