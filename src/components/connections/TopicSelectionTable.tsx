"use client";
/**
 * The topics of a streaming connection being designed: which to read, with
 * what discover saw (fields, messages) and the table each lands in. There
 * is no sync mode, cursor or primary key to choose; the explanation above
 * the table says why.
 */
import { DraftTable, selectColumn, streamNameColumn, type TDraftRow, type TStreamEditor } from "@/components/connections/stream-draft-columns";
import type { TCatalogStream } from "@/components/connections/stream-settings";
import type { TDataColumn } from "@/components/ui/data-column";
import { formatRows } from "@/lib/run-format";
import { destinationTable } from "@/lib/destination-table";

type TProps = {
  editor: TStreamEditor;
  problems: Record<string, string>;
  /** Where the tables land, for the "Table" column. */
  namespace: string;
  tablePrefix: string;
};

const isWeirColumn = (name: string) => name.startsWith("_weir_");

function Fields({ stream }: { stream: TCatalogStream }) {
  const fields = stream.columns.filter((c) => !isWeirColumn(c.name));
  if (!fields.length) return <span className="text-slate-400">none seen yet (only _weir_ columns)</span>;
  const shown = fields
    .slice(0, 4)
    .map((c) => c.name)
    .join(", ");
  return <span title={fields.map((c) => `${c.name} ${c.type.kind}`).join("\n")}>{shown + (fields.length > 4 ? `, +${fields.length - 4}` : "")}</span>;
}

export function TopicSelectionTable({ editor, problems, namespace, tablePrefix }: TProps) {
  const columns: TDataColumn<TDraftRow>[] = [
    selectColumn({ editor, allLabel: "Select all topics", rowLabel: (name) => `Read ${name}` }),
    streamNameColumn("Topic"),
    { id: "fields", header: "Fields", className: "text-xs", cell: ({ stream }) => <Fields stream={stream} /> },
    {
      id: "messages",
      header: "Messages",
      numeric: true,
      cell: ({ stream }) => (stream.estimatedRows === undefined ? "—" : formatRows(stream.estimatedRows)),
    },
    { id: "table", header: "Table", className: "font-mono text-xs", cell: ({ stream }) => `${namespace}.${destinationTable(tablePrefix, stream.name)}` },
  ];
  return (
    <div className="space-y-3">
      <p className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="streaming-explanation">
        Topics are streamed, not synced: once the connection is started, every message lands exactly once in its topic&apos;s table, merged on{" "}
        <code className="font-mono text-xs">_weir_topic, _weir_partition, _weir_offset</code>, so there is no sync mode, cursor or primary key to choose.
        Messages that cannot be decoded go to the topic&apos;s dead-letter topic instead.
      </p>
      {editor.streams.length === 0 ? (
        <p className="text-sm text-slate-600">The source reads no topics. Check its topic list or pattern.</p>
      ) : (
        <DraftTable editor={editor} problems={problems} columns={columns} />
      )}
    </div>
  );
}
