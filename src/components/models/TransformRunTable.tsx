/**
 * Transform runs as a table: status, what they selected, trigger, how their
 * models ended, start and duration.
 */
import Link from "next/link";
import { ModelRunStatusBadge } from "@/components/models/ModelRunStatusBadge";
import { summarizeModels } from "@/components/models/transform-run-summary";
import { formatDuration, formatTime, runDurationMs } from "@/lib/run-format";
import type { RouterOutputs } from "@/components/trpc/trpc-react";

export type TTransformRun = RouterOutputs["model"]["runStatus"];

export function TransformRunTable({ runs }: { runs: TTransformRun[] }) {
  return (
    <table className="w-full text-left text-sm" data-testid="transform-run-table">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="px-4 py-2">Status</th>
          <th className="px-4 py-2">Selection</th>
          <th className="px-4 py-2">Trigger</th>
          <th className="px-4 py-2">Models</th>
          <th className="px-4 py-2 text-right">Duration</th>
          <th className="px-4 py-2">Started</th>
          <th className="px-4 py-2" />
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id} className="border-t border-slate-100" data-testid={`transform-run-row-${r.id}`}>
            <td className="px-4 py-2">
              <ModelRunStatusBadge status={r.status} />
            </td>
            <td className="max-w-xs px-4 py-2">
              <code className="break-words font-mono text-xs">{r.selector}</code>
            </td>
            <td className="px-4 py-2 text-slate-600">{r.trigger}</td>
            <td className="whitespace-nowrap px-4 py-2 text-slate-700">{summarizeModels(r.models)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{formatDuration(runDurationMs(r))}</td>
            <td className="whitespace-nowrap px-4 py-2 text-slate-600">
              {formatTime(r.startedAt ?? r.queuedAt)}
              {r.startedAt ? "" : " (queued)"}
            </td>
            <td className="px-4 py-2 text-right">
              <Link href={`/models/runs/${r.id}`} className="text-xs font-medium text-slate-700 underline">
                Details
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
