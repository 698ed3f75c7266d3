/**
 * The latest runs that read or wrote a dataset, Weir's own and those
 * OpenLineage producers reported, linking to Weir's page of the run.
 */
import Link from "next/link";
import { RunStateBadge } from "@/components/catalog/RunStateBadge";
import { formatAbsolute, formatRelative } from "@/components/catalog/format";
import { formatDuration } from "@/lib/run-format";
import type { TDatasetOutput } from "@/server/catalog/catalog-contracts";

type TRun = TDatasetOutput["runs"][number];

function durationMs(run: TRun): number | null {
  return run.startedAt && run.endedAt ? run.endedAt.getTime() - run.startedAt.getTime() : null;
}

export function DatasetRuns({ runs }: { runs: TRun[] }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="dataset-runs">
      <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">Recent runs</h2>
      {runs.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600">No run has read or written this dataset yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[44rem] text-left text-sm">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="px-4 py-2">Job</th>
                <th className="px-4 py-2">Role</th>
                <th className="px-4 py-2">State</th>
                <th className="px-4 py-2">Started</th>
                <th className="px-4 py-2 text-right">Duration</th>
                <th className="px-4 py-2" />
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={`${r.runId}:${r.role}`} className="border-t border-slate-100" data-testid="dataset-run">
                  <td className="px-4 py-2">
                    <span className="font-mono text-xs [overflow-wrap:anywhere]">{r.job}</span>
                    {r.origin !== "sync" && r.origin !== "model" ? (
                      <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{r.origin}</span>
                    ) : null}
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 text-slate-700">{r.role === "output" ? "wrote it" : "read it"}</td>
                  <td className="px-4 py-2">
                    <RunStateBadge state={r.state} />
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 text-slate-600" title={formatAbsolute(r.startedAt)}>
                    {r.startedAt ? formatRelative(r.startedAt) : "—"}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums text-slate-700">{formatDuration(durationMs(r))}</td>
                  <td className="px-4 py-2 text-right">
                    {r.href ? (
                      <Link href={r.href} className="text-xs font-medium text-slate-700 underline">
                        Run
                      </Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
