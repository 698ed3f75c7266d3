"use client";
/**
 * The sources (or destinations): name, connector and the last "Test
 * connection" outcome, sortable. Empty, it says how to add the first one.
 */
import Link from "next/link";
import { CheckStatus } from "@/components/endpoints/CheckStatus";
import { ENDPOINT_KINDS, type TEndpointKind } from "@/components/endpoints/endpoint-kinds";
import { useEndpointApi } from "@/components/endpoints/use-endpoint-api";
import type { RouterOutputs } from "@/components/trpc/trpc-react";
import { DataTable } from "@/components/ui/DataTable";
import type { TDataColumn } from "@/components/ui/data-column";
import { EmptyState } from "@/components/ui/EmptyState";
import { Panel } from "@/components/ui/Panel";
import { QueryView } from "@/components/ui/QueryView";

type TEndpoint = RouterOutputs["source"]["list"][number];

function columnsFor(path: string): TDataColumn<TEndpoint>[] {
  return [
    {
      id: "name",
      header: "Name",
      className: "font-medium",
      sortValue: (e) => e.name,
      cell: (e) => (
        <Link href={`${path}/${e.id}`} className="hover:underline">
          {e.name}
        </Link>
      ),
    },
    { id: "connector", header: "Connector", sortValue: (e) => e.connectorTitle, cell: (e) => e.connectorTitle },
    {
      id: "check",
      header: "Last check",
      sortValue: (e) => (e.lastCheckOk === null ? undefined : e.lastCheckOk ? 1 : 0),
      cell: (e) => <CheckStatus ok={e.lastCheckOk} at={e.lastCheckAt} message={e.lastCheckMessage} compact />,
    },
  ];
}
const COLUMNS = { source: columnsFor(ENDPOINT_KINDS.source.path), destination: columnsFor(ENDPOINT_KINDS.destination.path) };

export function EndpointList({ kind, canEdit }: { kind: TEndpointKind; canEdit: boolean }) {
  const info = ENDPOINT_KINDS[kind];
  const { api } = useEndpointApi(kind);
  const list = api.list.useQuery();
  return (
    <QueryView
      query={list}
      loading={`Loading ${info.title.toLowerCase()}…`}
      empty={
        <EmptyState title={`No ${info.title.toLowerCase()} yet`} testId={`${kind}-empty`}>
          {canEdit ? (
            <Link href={`${info.path}/new`} className="font-medium text-slate-900 underline">
              Add one
            </Link>
          ) : (
            "An engineer can add one"
          )}{" "}
          — pick a connector, fill in its form and test the connection.
        </EmptyState>
      }
    >
      {(rows) => (
        <Panel className="overflow-hidden">
          <DataTable rows={rows} columns={COLUMNS[kind]} rowId={(e) => e.id} rowTestId={(e) => `${kind}-row-${e.name}`} testId={`${kind}-list`} sortable />
        </Panel>
      )}
    </QueryView>
  );
}
