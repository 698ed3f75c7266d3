/**
 * A saved connection's streams: how each syncs and where its state stands
 * (the cursor value committed with the last load, and when).
 */
import { ClearStreamButton } from "@/components/connections/ClearStreamButton";
import { SYNC_MODES } from "@/components/connections/stream-settings";
import { formatTime } from "@/lib/run-format";
import type { RouterOutputs } from "@/components/trpc/trpc-react";

type TStream = RouterOutputs["connection"]["get"]["streams"][number];

const modeLabel = (mode: string) => SYNC_MODES.find((m) => m.value === mode)?.label ?? mode;

export function ConnectionStreamsTable({ streams, connectionId, canEdit }: { streams: TStream[]; connectionId: string; canEdit: boolean }) {
  const shown = [...streams].sort((a, b) => Number(b.selected) - Number(a.selected));
  if (shown.length === 0) return <p className="px-4 py-4 text-sm text-slate-500">No streams.</p>;
  return (
    <table className="w-full text-left text-sm" data-testid="connection-streams">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="px-4 py-2">Stream</th>
          <th className="px-4 py-2">Sync mode</th>
          <th className="px-4 py-2">Cursor</th>
          <th className="px-4 py-2">Primary key</th>
          <th className="px-4 py-2">Cursor value</th>
          <th className="px-4 py-2">State updated</th>
          {canEdit ? <th className="px-4 py-2" /> : null}
        </tr>
      </thead>
      <tbody>
        {shown.map((s) => (
          <tr key={s.id} className={`border-t border-slate-100 ${s.selected ? "" : "text-slate-400"}`} data-testid={`stream-row-${s.stream}`}>
            <td className="px-4 py-2 font-mono text-xs">
              {s.stream}
              {s.selected ? "" : <span className="ml-2 font-sans">(not synced)</span>}
            </td>
            <td className="px-4 py-2">{modeLabel(s.syncMode)}</td>
            <td className="px-4 py-2 font-mono text-xs">{s.cursorField ?? "—"}</td>
            <td className="px-4 py-2 font-mono text-xs">{s.primaryKey.join(", ") || "—"}</td>
            <td className="px-4 py-2 font-mono text-xs" data-testid={`stream-cursor-value-${s.stream}`}>
              {s.state?.cursor ?? "—"}
            </td>
            <td className="px-4 py-2 text-slate-600">{formatTime(s.stateUpdatedAt)}</td>
            {canEdit ? (
              <td className="px-4 py-2 text-right">{s.selected ? <ClearStreamButton connectionId={connectionId} stream={s.stream} /> : null}</td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
