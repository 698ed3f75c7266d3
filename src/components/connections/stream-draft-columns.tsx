"use client";
/**
 * What the stream and topic pickers share: a row per discovered stream with
 * its draft, the "read it" checkbox column (select all in its header), and
 * the stream's name with its problem underneath.
 */
import type { TCatalogStream, TStreamDraft } from "@/components/connections/stream-settings";
import type { TDataColumn } from "@/components/ui/data-column";

export type TDraftRow = { stream: TCatalogStream; draft: TStreamDraft; problem?: string };

/** One row per catalog stream that has a draft, with its problem while it is selected. */
export function draftRows(streams: TCatalogStream[], drafts: TStreamDraft[], problems: Record<string, string>): TDraftRow[] {
  return streams.flatMap((stream) => {
    const draft = drafts.find((d) => d.stream === stream.name);
    return draft ? [{ stream, draft, problem: draft.selected ? problems[stream.name] : undefined }] : [];
  });
}

export const greyUnselectedDraft = (r: TDraftRow) => (r.draft.selected ? "align-top" : "align-top text-slate-400");

type TSelectProps = { drafts: TStreamDraft[]; onChange: (drafts: TStreamDraft[]) => void; allLabel: string; rowLabel: (name: string) => string };

export function selectColumn({ drafts, onChange, allLabel, rowLabel }: TSelectProps): TDataColumn<TDraftRow> {
  const setSelected = (stream: string | null, selected: boolean) =>
    onChange(drafts.map((d) => (stream === null || d.stream === stream ? { ...d, selected } : d)));
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
