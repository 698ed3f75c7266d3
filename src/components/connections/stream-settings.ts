/**
 * The per-stream choices of a connection as the wizard edits them: defaults
 * from the discovered catalog (or from a saved connection), the checks the
 * server will make (so they show before a round trip), and the input to send.
 * Pure.
 */
import type { RouterInputs, RouterOutputs } from "@/components/trpc/trpc-react";

export type TCatalogStream = RouterOutputs["source"]["discover"]["streams"][number];
export type TSyncMode = RouterInputs["connection"]["create"]["streams"][number]["syncMode"];
export type TSavedStream = RouterOutputs["connection"]["get"]["streams"][number];

export type TStreamDraft = {
  stream: string;
  selected: boolean;
  syncMode: TSyncMode;
  /** Kept while a full refresh mode is picked, sent only with incremental modes. */
  cursorField: string | null;
  primaryKey: string[];
};

export const SYNC_MODES: Array<{ value: TSyncMode; label: string; incremental: boolean }> = [
  { value: "full_refresh_overwrite", label: "Full refresh · overwrite", incremental: false },
  { value: "full_refresh_append", label: "Full refresh · append", incremental: false },
  { value: "incremental_append", label: "Incremental · append", incremental: true },
  { value: "incremental_dedup", label: "Incremental · append + dedup", incremental: true },
];

export const isIncremental = (mode: TSyncMode) => mode.startsWith("incremental");

/** Drafts for every catalog stream: the saved setting when there is one, otherwise selected, full refresh overwrite, the declared key and the first cursor candidate. */
export function draftsFor(streams: TCatalogStream[], saved: TSavedStream[] = []): TStreamDraft[] {
  return streams.map((s) => {
    const prior = saved.find((p) => p.stream === s.name);
    if (prior) {
      return {
        stream: s.name,
        selected: prior.selected,
        syncMode: prior.syncMode,
        cursorField: prior.cursorField ?? s.cursorCandidates[0] ?? null,
        primaryKey: prior.primaryKey,
      };
    }
    return {
      stream: s.name,
      selected: saved.length === 0,
      syncMode: "full_refresh_overwrite",
      cursorField: s.cursorCandidates[0] ?? null,
      primaryKey: s.primaryKey,
    };
  });
}

/** What is wrong with each selected stream, by stream name (the same rules as the server). */
export function streamProblems(drafts: TStreamDraft[], streams: TCatalogStream[]): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const d of drafts) {
    const s = streams.find((x) => x.name === d.stream);
    if (!d.selected || !s) continue;
    if (isIncremental(d.syncMode) && !s.supportsIncremental) problems[d.stream] = "This stream cannot be read incrementally; pick a full refresh mode.";
    else if (isIncremental(d.syncMode) && !d.cursorField) problems[d.stream] = "Incremental modes need a cursor field.";
    else if (d.syncMode === "incremental_dedup" && d.primaryKey.length === 0) problems[d.stream] = "Append + dedup needs a primary key.";
  }
  return problems;
}

export function toStreamInputs(drafts: TStreamDraft[]): RouterInputs["connection"]["create"]["streams"] {
  return drafts.map((d) => ({
    stream: d.stream,
    selected: d.selected,
    syncMode: d.syncMode,
    cursorField: isIncremental(d.syncMode) ? d.cursorField : null,
    primaryKey: d.primaryKey,
  }));
}

/**
 * The streams of a streaming connection (Kafka). The engine lands every
 * message once, merged on the source's key, whatever the mode; the server
 * still validates the mode against the catalog, where such streams cannot
 * be read incrementally, so send full refresh · append (the nearest truth:
 * rows are only ever added) with the declared key and no cursor.
 */
export function toStreamingInputs(drafts: TStreamDraft[]): RouterInputs["connection"]["create"]["streams"] {
  return drafts.map((d) => ({ stream: d.stream, selected: d.selected, syncMode: "full_refresh_append", cursorField: null, primaryKey: d.primaryKey }));
}
