"use client";
/**
 * A streaming connection's topics and the destination table each lands in.
 * There is no sync mode, cursor or key to show: every message lands once,
 * merged on (_weir_topic, _weir_partition, _weir_offset).
 */
import { greyUnselected, savedStreamColumn, selectedFirst } from "@/components/connections/saved-stream-columns";
import { DataTable } from "@/components/ui/DataTable";
import type { TDataColumn } from "@/components/ui/data-column";
import { destinationTable } from "@/lib/destination-table";
import type { RouterOutputs } from "@/components/trpc/trpc-react";

type TConnection = RouterOutputs["connection"]["get"];
type TStream = TConnection["streams"][number];

export function StreamTopicsTable({ connection: c }: { connection: TConnection }) {
  const columns: TDataColumn<TStream>[] = [
    savedStreamColumn<TStream>("Topic", "not read"),
    {
      id: "table",
      header: "Destination table",
      className: "font-mono text-xs",
      cell: (s) => (s.selected ? `${c.namespace}.${destinationTable(c.tablePrefix, s.stream)}` : "—"),
    },
    { id: "columns", header: "Columns", cell: (s) => <span title={s.columns.map((col) => col.name).join("\n")}>{s.columns.length}</span> },
  ];
  return (
    <DataTable
      rows={selectedFirst(c.streams)}
      columns={columns}
      rowId={(s) => s.id}
      rowTestId={(s) => `stream-row-${s.stream}`}
      rowClassName={greyUnselected}
      testId="connection-streams"
      empty="No topics."
    />
  );
}
