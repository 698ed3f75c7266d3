"use client";
/**
 * The streams of a connection being designed: one row per discovered stream,
 * with a select-all checkbox. Problems come from the client-side checks and
 * from the server, by stream name.
 */
import { StreamSettingRow } from "@/components/connections/StreamSettingRow";
import type { TCatalogStream, TStreamDraft } from "@/components/connections/stream-settings";

type TProps = { streams: TCatalogStream[]; drafts: TStreamDraft[]; problems: Record<string, string>; onChange: (drafts: TStreamDraft[]) => void };

export function StreamSettingsTable({ streams, drafts, problems, onChange }: TProps) {
  if (streams.length === 0) return <p className="text-sm text-slate-600">The source offers no streams.</p>;
  const allSelected = drafts.every((d) => d.selected);
  const selectAll = (selected: boolean) => onChange(drafts.map((d) => ({ ...d, selected })));
  const replace = (next: TStreamDraft) => onChange(drafts.map((d) => (d.stream === next.stream ? next : d)));
  return (
    <table className="w-full text-left text-sm" data-testid="stream-settings">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="w-8 px-3 py-2">
            <input
              type="checkbox"
              checked={allSelected}
              onChange={(e) => selectAll(e.target.checked)}
              aria-label="Select all streams"
              data-testid="stream-select-all"
            />
          </th>
          <th className="px-3 py-2">Stream</th>
          <th className="px-3 py-2">Sync mode</th>
          <th className="px-3 py-2">Cursor</th>
          <th className="px-3 py-2">Primary key</th>
        </tr>
      </thead>
      <tbody>
        {streams.map((s) => {
          const draft = drafts.find((d) => d.stream === s.name);
          return draft ? <StreamSettingRow key={s.name} stream={s} draft={draft} problem={problems[s.name]} onChange={replace} /> : null;
        })}
      </tbody>
    </table>
  );
}
