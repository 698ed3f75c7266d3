"use client";
/**
 * What the stream and topic pickers share: a row per discovered stream with
 * its draft, the "read it" checkbox column (select all in its header), and
 * the stream's name with its problem underneath.
 */
import type { TCatalogStream, TStreamDraft } from "@/components/connections/stream-settings";
import type { useStreamEditor } from "@/components/connections/use-stream-editor";
import { DataTable } from "@/components/ui/DataTable";
import type { TDataColumn } from "@/components/ui/data-column";

export type TStreamEditor = ReturnType<typeof useStreamEditor>;

export type TDraftRow = { stream: TCatalogStream; draft: TStreamDraft; problem?: string };

/** One row per catalog stream that has a draft, with its problem while it is selected. */
export function draftRows(streams: TCatalogStream[], drafts: TStreamDraft[], problems: Record<string, string>): TDraftRow[] {
  return streams.flatMap((stream) => {
    const draft = drafts.find((d) => d.stream === stream.name);
    return draft ? [{ stream, draft, problem: draft.selected ? problems[stream.name] : undefined }] : [];
  });
}

const greyUnselected = (r: TDraftRow) => (r.draft.selected ? "align-top" : "align-top text-slate-400");

/** The discovered streams and their drafts, unselected ones greyed. */
export function DraftTable({ editor, problems, columns }: { editor: TStreamEditor; problems: Record<string, string>; columns: TDataColumn<TDraftRow>[] }) {
  return (
    <DataTable
      rows={draftRows(editor.streams, editor.drafts, problems)}
      columns={columns}
      rowId={(r) => r.stream.name}
      rowTestId={(r) => `stream-row-${r.stream.name}`}
      rowClassName={greyUnselected}
      testId="stream-settings"
    />
  );
}

/** Replaces one stream's draft with `patch` applied. */
export function patchDraft(editor: TStreamEditor, draft: TStreamDraft, patch: Partial<TStreamDraft>) {
  editor.setDrafts(editor.drafts.map((d) => (d.stream === draft.stream ? { ...draft, ...patch } : d)));
}

type TSelectProps = { editor: TStreamEditor; allLabel: string; rowLabel: (name: string) => string };

export function selectColumn({ editor, allLabel, rowLabel }: TSelectProps): TDataColumn<TDraftRow> {
  const { drafts } = editor;
  const setSelected = (stream: string | null, selected: boolean) =>
    editor.setDrafts(drafts.map((d) => (stream === null || d.stream === stream ? { ...d, selected } : d)));
  return {
    id: "select",
    label: "Select",
    header: (
      <input
        type="checkbox"
        checked={drafts.every((d) => d.selected)}
        onChange={(e) => setSelected(null, e.target.checked)}
        aria-label={allLabel}
        data-testid="stream-select-all"
      />
    ),
    className: "w-8",
    cell: ({ stream, draft }) => (
      <input
        type="checkbox"
        checked={draft.selected}
        onChange={(e) => setSelected(stream.name, e.target.checked)}
        aria-label={rowLabel(stream.name)}
        data-testid={`stream-select-${stream.name}`}
      />
    ),
  };
}

/** The stream's name, `detail` under it (e.g. its column count), and its problem. */
export function streamNameColumn(header: string, detail?: (s: TCatalogStream) => string): TDataColumn<TDraftRow> {
  return {
    id: "name",
    header,
    cell: ({ stream, problem }) => (
      <>
        <span className="font-mono text-xs">{stream.name}</span>
        {detail ? <span className="block text-xs text-slate-400">{detail(stream)}</span> : null}
        {problem ? (
          <span className="block text-xs text-red-700" data-testid={`stream-error-${stream.name}`}>
            {problem}
          </span>
        ) : null}
      </>
    ),
  };
}
