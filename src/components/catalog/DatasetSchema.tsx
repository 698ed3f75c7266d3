"use client";
/**
 * A dataset's columns: name, type, description, PII and tags. Engineers edit
 * a column's description and flag it PII (masked in previews and check
 * samples for analysts and viewers); only admins remove a flag.
 */
import { useMemo } from "react";
import { FactSource } from "@/components/catalog/FactSource";
import { PanelNote } from "@/components/catalog/PanelNote";
import { ColumnDescriptionCell, ColumnPiiCell, type TSchemaColumn } from "@/components/catalog/SchemaColumnCells";
import { TagList } from "@/components/catalog/TagList";
import { TitleCount } from "@/components/catalog/TitleCount";
import { DataTable } from "@/components/ui/DataTable";
import { Panel } from "@/components/ui/Panel";
import type { TDataColumn } from "@/components/ui/data-column";
import type { TDatasetOutput } from "@/server/catalog/catalog-contracts";

type TProps = { dataset: TDatasetOutput; canEdit: boolean; canUnflagPii: boolean };

function schemaColumns({ dataset: d, canEdit, canUnflagPii }: TProps): TDataColumn<TSchemaColumn>[] {
  return [
    {
      id: "name",
      header: "Column",
      className: "w-[22%] font-mono text-xs font-medium text-slate-900 [overflow-wrap:anywhere]",
      sortValue: (c) => c.name,
      cell: (c) => c.name,
    },
    {
      id: "type",
      header: "Type",
      className: "w-[14%] font-mono text-xs text-slate-600 [overflow-wrap:anywhere]",
      sortValue: (c) => c.type,
      cell: (c) => c.type || "—",
    },
    { id: "description", header: "Description", cell: (c) => <ColumnDescriptionCell datasetId={d.id} column={c} canEdit={canEdit} /> },
    {
      id: "pii",
      header: "PII",
      className: "w-20",
      sortValue: (c) => c.pii,
      cell: (c) => <ColumnPiiCell datasetId={d.id} column={c} canEdit={canEdit} canUnflagPii={canUnflagPii} />,
    },
    { id: "tags", header: "Tags", className: "w-[16%]", cell: (c) => <TagList tags={c.tags} /> },
  ];
}

export function DatasetSchema(props: TProps) {
  const { dataset: d, canEdit, canUnflagPii } = props;
  const columns = useMemo(() => schemaColumns({ dataset: d, canEdit, canUnflagPii }), [d, canEdit, canUnflagPii]);
  const pii = d.columns.filter((c) => c.pii).length;
  return (
    <Panel
      title={<TitleCount title="Schema" count={d.columns.length} one="column" many="columns" extra={pii ? ` · ${pii} PII` : ""} />}
      description={<FactSource setter={d.provenance.schema} className="mt-0" testId="schema-source" />}
      testId="dataset-schema"
    >
      {d.columns.length === 0 ? (
        <PanelNote>No columns known yet: they are recorded when Weir discovers, loads or builds the dataset, or a producer reports its schema.</PanelNote>
      ) : (
        <DataTable
          rows={d.columns}
          columns={columns}
          rowId={(c) => c.name}
          rowTestId={() => "dataset-column"}
          rowAttributes={(c) => ({ "data-column": c.name })}
          rowClassName="align-top"
          className="overflow-x-auto"
          sortable
        />
      )}
    </Panel>
  );
}
