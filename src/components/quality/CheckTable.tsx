/**
 * Checks as a table: name, dataset, what they test, severity, latest status
 * and the trend of their last results; an open incident is flagged.
 */
import Link from "next/link";
import { CheckStatusBadge, SeverityBadge } from "@/components/quality/CheckStatusBadge";
import { CheckTrend } from "@/components/quality/CheckTrend";
import { describeCheck } from "@/components/quality/check-kinds";
import { timeAgo } from "@/lib/run-format";
import type { RouterOutputs } from "@/components/trpc/trpc-react";

export type TCheck = RouterOutputs["quality"]["check"];

export function CheckTable({ checks, showDataset = true }: { checks: TCheck[]; showDataset?: boolean }) {
  return (
    <table className="w-full table-fixed text-left text-sm" data-testid="check-table">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="px-4 py-2">Check</th>
          {showDataset ? <th className="w-[22%] px-4 py-2">Dataset</th> : null}
          <th className="w-24 px-4 py-2">Severity</th>
          <th className="w-[24%] px-4 py-2">Last status</th>
          <th className="w-40 px-4 py-2">Trend</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((c) => {
          const last = c.results[0];
          return (
            <tr key={c.id} className="border-t border-slate-100 align-top" data-testid={`check-row-${c.name}`}>
              <td className="px-4 py-2">
                <Link href={`/quality/checks/${c.id}`} className="font-medium [overflow-wrap:anywhere] hover:underline">
                  {c.name}
                </Link>
                {c.automatic ? (
                  <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600" title="Kept by Weir on the stream's primary key">
                    automatic
                  </span>
                ) : null}
                {!c.enabled ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">disabled</span> : null}
                <p className="text-xs text-slate-500 [overflow-wrap:anywhere]">{describeCheck(c.check)}</p>
              </td>
              {showDataset ? (
                <td className="px-4 py-2">
                  <span className="font-mono text-xs [overflow-wrap:anywhere]">{c.dataset}</span>
                  <p className="text-xs text-slate-500">
                    {c.model ? (
                      <Link href={`/models/${c.model.id}`} className="hover:underline">
                        model {c.model.name}
                      </Link>
                    ) : c.stream ? (
                      `stream ${c.stream}`
                    ) : c.reportedBy ? (
                      `reported by ${c.reportedBy}`
                    ) : (
                      c.destination?.name
                    )}
                  </p>
                </td>
              ) : null}
              <td className="px-4 py-2">
                <SeverityBadge severity={c.severity} />
              </td>
              <td className="px-4 py-2">
                <span className="inline-flex items-center gap-2 whitespace-nowrap">
                  <CheckStatusBadge status={last?.status} testId={`check-status-${c.name}`} />
                  {last ? <span className="text-xs text-slate-500">{timeAgo(last.createdAt)}</span> : null}
                  {c.openIncidentId ? (
                    <Link
                      href={`/quality/incidents/${c.openIncidentId}`}
                      className="text-xs font-medium text-red-700 underline"
                      data-testid={`check-incident-${c.name}`}
                    >
                      open incident
                    </Link>
                  ) : null}
                </span>
                {last && last.status !== "passed" ? <p className="mt-1 text-xs text-slate-600 [overflow-wrap:anywhere]">{last.message}</p> : null}
              </td>
              <td className="px-4 py-2">
                <CheckTrend results={c.results} max={12} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
