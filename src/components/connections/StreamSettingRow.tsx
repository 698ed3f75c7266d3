"use client";
/**
 * One stream in the connection editor: selected or not, sync mode, cursor
 * (required for incremental modes) and primary key (required for dedup), with
 * its problem, if any, underneath.
 */
import { PrimaryKeyPicker } from "@/components/connections/PrimaryKeyPicker";
import { isIncremental, SYNC_MODES, type TCatalogStream, type TStreamDraft } from "@/components/connections/stream-settings";

type TProps = { stream: TCatalogStream; draft: TStreamDraft; problem?: string; onChange: (d: TStreamDraft) => void };

const SELECT = "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs disabled:opacity-50";

export function StreamSettingRow({ stream, draft, problem, onChange }: TProps) {
  const set = (patch: Partial<TStreamDraft>) => onChange({ ...draft, ...patch });
  const incremental = isIncremental(draft.syncMode);
  const off = !draft.selected;
  return (
    <>
      <tr className={`border-t border-slate-100 align-top ${off ? "text-slate-400" : ""}`} data-testid={`stream-row-${stream.name}`}>
        <td className="px-3 py-2">
          <input
            type="checkbox"
            checked={draft.selected}
            onChange={(e) => set({ selected: e.target.checked })}
            aria-label={`Sync ${stream.name}`}
            data-testid={`stream-select-${stream.name}`}
          />
        </td>
        <td className="px-3 py-2">
          <span className="font-mono text-xs">{stream.name}</span>
          <span className="block text-xs text-slate-400">{stream.columns.length} columns</span>
        </td>
        <td className="px-3 py-2">
          <select
            value={draft.syncMode}
            disabled={off}
            onChange={(e) => set({ syncMode: e.target.value as TStreamDraft["syncMode"] })}
            className={SELECT}
            aria-label={`Sync mode of ${stream.name}`}
            data-testid={`stream-mode-${stream.name}`}
          >
            {SYNC_MODES.map((m) => (
              <option key={m.value} value={m.value} disabled={m.incremental && !stream.supportsIncremental}>
                {m.label}
              </option>
            ))}
          </select>
        </td>
        <td className="px-3 py-2">
          {stream.supportsIncremental && stream.cursorCandidates.length ? (
            <select
              value={draft.cursorField ?? ""}
              disabled={off || !incremental}
              onChange={(e) => set({ cursorField: e.target.value || null })}
              className={SELECT}
              aria-label={`Cursor of ${stream.name}`}
              data-testid={`stream-cursor-${stream.name}`}
            >
              <option value="">— pick a cursor —</option>
              {stream.cursorCandidates.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          ) : (
            <span className="text-xs text-slate-400">{stream.supportsIncremental ? "no candidates" : "full refresh only"}</span>
          )}
        </td>
        <td className="px-3 py-2">
          <PrimaryKeyPicker
            stream={stream.name}
            columns={stream.columns.map((c) => c.name)}
            value={draft.primaryKey}
            declared={stream.primaryKey}
            onChange={(primaryKey) => set({ primaryKey })}
            disabled={off}
          />
        </td>
      </tr>
      {problem && draft.selected ? (
        <tr data-testid={`stream-error-${stream.name}`}>
          <td />
          <td colSpan={4} className="px-3 pb-2 text-xs text-red-700">
            {problem}
          </td>
        </tr>
      ) : null}
    </>
  );
}
