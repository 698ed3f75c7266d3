"use client";
/**
 * The streams of a connection being designed: which to sync, the sync mode,
 * the cursor (required for incremental modes) and the primary key (required
 * for dedup), each stream's problem under its name.
 */
import { PrimaryKeyPicker } from "@/components/connections/PrimaryKeyPicker";
import { draftRows, greyUnselectedDraft, selectColumn, streamNameColumn, type TDraftRow } from "@/components/connections/stream-draft-columns";
import { isIncremental, SYNC_MODES, type TCatalogStream, type TStreamDraft } from "@/components/connections/stream-settings";
import { DataTable } from "@/components/ui/DataTable";
import type { TDataColumn } from "@/components/ui/data-column";

const SELECT = "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs disabled:opacity-50";

type TProps = { streams: TCatalogStream[]; drafts: TStreamDraft[]; problems: Record<string, string>; onChange: (drafts: TStreamDraft[]) => void };

export function StreamSettingsTable({ streams, drafts, problems, onChange }: TProps) {
  if (streams.length === 0) return <p className="text-sm text-slate-600">The source offers no streams.</p>;
  const set = (draft: TStreamDraft, patch: Partial<TStreamDraft>) => onChange(drafts.map((d) => (d.stream === draft.stream ? { ...draft, ...patch } : d)));
  const columns: TDataColumn<TDraftRow>[] = [
    selectColumn({ drafts, onChange, allLabel: "Select all streams", rowLabel: (name) => `Sync ${name}` }),
    streamNameColumn("Stream", (s) => `${s.columns.length} columns`),
    {
      id: "mode",
      header: "Sync mode",
      cell: ({ stream, draft }) => (
        <select
          value={draft.syncMode}
          disabled={!draft.selected}
          onChange={(e) => set(draft, { syncMode: e.target.value as TStreamDraft["syncMode"] })}
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
      ),
    },
    {
      id: "cursor",
      header: "Cursor",
      cell: ({ stream, draft }) =>
        stream.supportsIncremental && stream.cursorCandidates.length ? (
          <select
            value={draft.cursorField ?? ""}
            disabled={!draft.selected || !isIncremental(draft.syncMode)}
            onChange={(e) => set(draft, { cursorField: e.target.value || null })}
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
        ),
    },
    {
      id: "pk",
      header: "Primary key",
      cell: ({ stream, draft }) => (
        <PrimaryKeyPicker
          stream={stream.name}
          columns={stream.columns.map((c) => c.name)}
          value={draft.primaryKey}
          declared={stream.primaryKey}
          onChange={(primaryKey) => set(draft, { primaryKey })}
          disabled={!draft.selected}
        />
      ),
    },
  ];
  return (
    <DataTable
      rows={draftRows(streams, drafts, problems)}
      columns={columns}
      rowId={(r) => r.stream.name}
      rowTestId={(r) => `stream-row-${r.stream.name}`}
      rowClassName={greyUnselectedDraft}
      testId="stream-settings"
    />
  );
}
