/**
 * A streaming connection's topics and the destination table each lands in.
 * There is no sync mode, cursor or key to show: every message lands once,
 * merged on (_weir_topic, _weir_partition, _weir_offset).
 */
import { destinationTable } from "@/lib/destination-table";
import type { RouterOutputs } from "@/components/trpc/trpc-react";

type TConnection = RouterOutputs["connection"]["get"];

export function StreamTopicsTable({ connection: c }: { connection: TConnection }) {
  const shown = [...c.streams].sort((a, b) => Number(b.selected) - Number(a.selected));
  if (shown.length === 0) return <p className="px-4 py-4 text-sm text-slate-500">No topics.</p>;
  return (
    <table className="w-full text-left text-sm" data-testid="connection-streams">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="px-4 py-2">Topic</th>
          <th className="px-4 py-2">Destination table</th>
          <th className="px-4 py-2">Columns</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((s) => (
          <tr key={s.id} className={`border-t border-slate-100 ${s.selected ? "" : "text-slate-400"}`} data-testid={`stream-row-${s.stream}`}>
            <td className="px-4 py-2 font-mono text-xs">
              {s.stream}
              {s.selected ? "" : <span className="ml-2 font-sans">(not read)</span>}
            </td>
            <td className="px-4 py-2 font-mono text-xs">{s.selected ? `${c.namespace}.${destinationTable(c.tablePrefix, s.stream)}` : "—"}</td>
            <td className="px-4 py-2" title={s.columns.map((col) => col.name).join("\n")}>
              {s.columns.length}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
