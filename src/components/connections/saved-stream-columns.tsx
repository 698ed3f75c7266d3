/**
 * What the tables of a saved connection's streams and topics share: the
 * chosen ones first, the others greyed with a note ("not synced", "not
 * read") after their name.
 */
import type { TDataColumn } from "@/components/ui/data-column";

type TSaved = { stream: string; selected: boolean };

export function selectedFirst<T extends TSaved>(streams: readonly T[]): T[] {
  return [...streams].sort((a, b) => Number(b.selected) - Number(a.selected));
}

/** A row class greying the streams the connection does not read. */
export function greyUnselected(s: { selected: boolean }): string | undefined {
  return s.selected ? undefined : "text-slate-400";
}

export function savedStreamColumn<T extends TSaved>(header: string, unselectedNote: string): TDataColumn<T> {
  return {
    id: "stream",
    header,
    className: "font-mono text-xs",
    sortValue: (s) => s.stream,
    cell: (s) => (
      <>
        {s.stream}
        {s.selected ? "" : <span className="ml-2 font-sans">({unselectedNote})</span>}
      </>
    ),
  };
}
