/**
 * Preview rows as a compact table that scrolls both ways: values as text,
 * null in grey, masked PII columns marked in the header.
 */
import { PiiBadge } from "@/components/catalog/PiiBadge";
import type { TPreviewOutput } from "@/server/catalog/catalog-contracts";

export function PreviewTable({ preview }: { preview: TPreviewOutput }) {
  return (
    <div>
      {preview.masked ? (
        <p className="border-b border-slate-100 bg-rose-50 px-4 py-2 text-sm text-rose-900" data-testid="preview-masked-note">
          PII columns are masked for your role.
        </p>
      ) : null}
      {preview.rows.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600">The dataset has no rows.</p>
      ) : (
        <div className="max-h-96 overflow-auto" data-testid="dataset-preview">
          <table className="min-w-full border-collapse text-left font-mono text-xs">
            <thead className="sticky top-0 bg-slate-50 text-slate-600">
              <tr>
                {preview.columns.map((c) => (
                  <th key={c.name} className="whitespace-nowrap border-b border-slate-200 px-3 py-1.5 font-medium" data-masked={c.masked || undefined}>
                    <span className="inline-flex items-center gap-1.5">
                      {c.name}
                      {c.masked ? <PiiBadge label="PII masked" title="Personal data: masked for your role" /> : null}
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row, i) => (
                <tr key={i} className="border-t border-slate-100 odd:bg-white even:bg-slate-50/50">
                  {preview.columns.map((c, j) => {
                    const value = row[j];
                    return (
                      <td key={c.name} className="max-w-[24rem] truncate whitespace-nowrap px-3 py-1 text-slate-800" title={value ?? "null"}>
                        {value === null || value === undefined ? <span className="text-slate-400">null</span> : value}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
