/**
 * The quality checks on a dataset with their latest status, each linking to
 * its page (history, failing rows, incidents).
 */
import Link from "next/link";
import { formatAbsolute, formatRelative } from "@/components/catalog/format";
import { CheckStatusBadge, SeverityBadge } from "@/components/quality/CheckStatusBadge";
import type { TDatasetOutput } from "@/server/catalog/catalog-contracts";

export function DatasetChecks({ checks }: { checks: TDatasetOutput["checks"] }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="dataset-checks">
      <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">
        Quality{" "}
        <span className="ml-1 text-sm font-normal text-slate-500">
          {checks.length} {checks.length === 1 ? "check" : "checks"}
        </span>
      </h2>
      {checks.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600">
          No checks on this dataset. Checks run after the sync or model that produces it; engineers add them on the{" "}
          <Link href="/quality" className="font-medium underline">
            Quality
          </Link>{" "}
          page.
        </p>
      ) : (
        <table className="w-full table-fixed text-left text-sm">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-2">Check</th>
              <th className="w-24 px-4 py-2">Severity</th>
              <th className="w-[40%] px-4 py-2">Last result</th>
            </tr>
          </thead>
          <tbody>
            {checks.map((c) => (
              <tr key={c.id} className="border-t border-slate-100 align-top" data-testid="dataset-check" data-check={c.name}>
                <td className="px-4 py-2">
                  <Link href={`/quality/checks/${encodeURIComponent(c.id)}`} className="font-medium [overflow-wrap:anywhere] hover:underline">
                    {c.name}
                  </Link>
                  <p className="text-xs text-slate-500">
                    {c.kind.replaceAll("_", " ")}
                    {c.reportedBy ? <span data-testid="reported-by"> · reported by {c.reportedBy}</span> : null}
                  </p>
                </td>
                <td className="px-4 py-2">
                  <SeverityBadge severity={c.severity} />
                </td>
                <td className="px-4 py-2">
                  <span className="inline-flex items-center gap-2 whitespace-nowrap">
                    <CheckStatusBadge status={c.status} />
                    {c.at ? (
                      <span className="text-xs text-slate-500" title={formatAbsolute(c.at)}>
                        {formatRelative(c.at)}
                      </span>
                    ) : null}
                  </span>
                  {c.message && c.status !== "passed" ? <p className="mt-1 text-xs text-slate-600 [overflow-wrap:anywhere]">{c.message}</p> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
