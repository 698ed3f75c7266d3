"use client";
/**
 * The streams of a connection being designed: which to sync, the sync mode,
 * the cursor (required for incremental modes) and the primary key (required
 * for dedup), each stream's problem under its name.
 */
import { PrimaryKeyPicker } from "@/components/connections/PrimaryKeyPicker";
import { DraftTable, patchDraft, selectColumn, streamNameColumn, type TDraftRow, type TStreamEditor } from "@/components/connections/stream-draft-columns";
import { isIncremental, SYNC_MODES, type TSyncMode } from "@/components/connections/stream-settings";
import type { TDataColumn } from "@/components/ui/data-column";
import { Select } from "@/components/ui/Select";

const SELECT = "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs disabled:opacity-50";

export function StreamSettingsTable({ editor, problems }: { editor: TStreamEditor; problems: Record<string, string> }) {
  if (editor.streams.length === 0) return <p className="text-sm text-slate-600">The source offers no streams.</p>;
  const columns: TDataColumn<TDraftRow>[] = [
    selectColumn({ editor, allLabel: "Select all streams", rowLabel: (name) => `Sync ${name}` }),
    streamNameColumn("Stream", (s) => `${s.columns.length} columns`),
    {
      id: "mode",
      header: "Sync mode",
      cell: ({ stream, draft }) => (
        <Select<TSyncMode>
          value={draft.syncMode}
          disabled={!draft.selected}
          onChange={(syncMode) => patchDraft(editor, draft, { syncMode })}
          options={SYNC_MODES.map((m) => ({ value: m.value, label: m.label, disabled: m.incremental && !stream.supportsIncremental }))}
          className={SELECT}
          aria-label={`Sync mode of ${stream.name}`}
          testId={`stream-mode-${stream.name}`}
        />
      ),
    },
    {
      id: "cursor",
      header: "Cursor",
      cell: ({ stream, draft }) =>
        stream.supportsIncremental && stream.cursorCandidates.length ? (
          <Select
            value={draft.cursorField ?? ""}
            disabled={!draft.selected || !isIncremental(draft.syncMode)}
            onChange={(cursor) => patchDraft(editor, draft, { cursorField: cursor || null })}
            options={stream.cursorCandidates.map((c) => ({ value: c, label: c }))}
            placeholder="— pick a cursor —"
            className={SELECT}
            aria-label={`Cursor of ${stream.name}`}
            testId={`stream-cursor-${stream.name}`}
          />
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
          onChange={(primaryKey) => patchDraft(editor, draft, { primaryKey })}
          disabled={!draft.selected}
        />
      ),
    },
  ];
  return <DraftTable editor={editor} problems={problems} columns={columns} />;
}
