"use client";
/**
 * The topics of a streaming connection being designed: which to read, with
 * what discover saw (fields, messages) and the table each lands in. There
 * is no sync mode, cursor or primary key to choose; the explanation above
 * the table says why.
 */
import type { TCatalogStream, TStreamDraft } from "@/components/connections/stream-settings";
import { formatRows } from "@/lib/run-format";
import { destinationTable } from "@/lib/destination-table";

type TProps = {
  streams: TCatalogStream[];
  drafts: TStreamDraft[];
  problems: Record<string, string>;
  onChange: (drafts: TStreamDraft[]) => void;
  /** Where the tables land, for the "Table" column. */
  namespace: string;
  tablePrefix: string;
};

const isWeirColumn = (name: string) => name.startsWith("_weir_");

export function TopicSelectionTable({ streams, drafts, problems, onChange, namespace, tablePrefix }: TProps) {
  const allSelected = drafts.every((d) => d.selected);
  const selectAll = (selected: boolean) => onChange(drafts.map((d) => ({ ...d, selected })));
  const toggle = (stream: string, selected: boolean) => onChange(drafts.map((d) => (d.stream === stream ? { ...d, selected } : d)));
  return (
    <div className="space-y-3">
      <p className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="streaming-explanation">
        Topics are streamed, not synced: once the connection is started, every message lands exactly once in its topic&apos;s table, merged on{" "}
        <code className="font-mono text-xs">_weir_topic, _weir_partition, _weir_offset</code>, so there is no sync mode, cursor or primary key to choose.
        Messages that cannot be decoded go to the topic&apos;s dead-letter topic instead.
      </p>
      {streams.length === 0 ? (
        <p className="text-sm text-slate-600">The source reads no topics. Check its topic list or pattern.</p>
      ) : (
        <table className="w-full text-left text-sm" data-testid="stream-settings">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="w-8 px-3 py-2">
                <input
                  type="checkbox"
                  checked={allSelected}
                  onChange={(e) => selectAll(e.target.checked)}
                  aria-label="Select all topics"
                  data-testid="stream-select-all"
                />
              </th>
              <th className="px-3 py-2">Topic</th>
              <th className="px-3 py-2">Fields</th>
              <th className="px-3 py-2 text-right">Messages</th>
              <th className="px-3 py-2">Table</th>
            </tr>
          </thead>
          <tbody>
            {streams.map((s) => {
              const draft = drafts.find((d) => d.stream === s.name);
              if (!draft) return null;
              const fields = s.columns.filter((c) => !isWeirColumn(c.name));
              const problem = problems[s.name];
              return (
                <tr
                  key={s.name}
                  className={`border-t border-slate-100 align-top ${draft.selected ? "" : "text-slate-400"}`}
                  data-testid={`stream-row-${s.name}`}
                >
                  <td className="px-3 py-2">
                    <input
                      type="checkbox"
                      checked={draft.selected}
                      onChange={(e) => toggle(s.name, e.target.checked)}
                      aria-label={`Read ${s.name}`}
                      data-testid={`stream-select-${s.name}`}
                    />
                  </td>
                  <td className="px-3 py-2">
                    <span className="font-mono text-xs">{s.name}</span>
                    {problem && draft.selected ? (
                      <span className="block text-xs text-red-700" data-testid={`stream-error-${s.name}`}>
                        {problem}
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2 text-xs" title={fields.map((c) => `${c.name} ${c.type.kind}`).join("\n")}>
                    {fields.length ? (
                      fields
                        .slice(0, 4)
                        .map((c) => c.name)
                        .join(", ") + (fields.length > 4 ? `, +${fields.length - 4}` : "")
                    ) : (
                      <span className="text-slate-400">none seen yet (only _weir_ columns)</span>
                    )}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{s.estimatedRows === undefined ? "—" : formatRows(s.estimatedRows)}</td>
                  <td className="px-3 py-2 font-mono text-xs">
                    {namespace}.{destinationTable(tablePrefix, s.name)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
