"use client";
/**
 * The sources (or destinations): name, connector and the last "Test
 * connection" outcome. Empty, it says how to add the first one.
 */
import Link from "next/link";
import { CheckStatus } from "@/components/endpoints/CheckStatus";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { ENDPOINT_KINDS, type TEndpointKind } from "@/components/endpoints/endpoint-kinds";
import { useEndpointApi } from "@/components/endpoints/use-endpoint-api";

export function EndpointList({ kind, canEdit }: { kind: TEndpointKind; canEdit: boolean }) {
  const info = ENDPOINT_KINDS[kind];
  const { api } = useEndpointApi(kind);
  const list = api.list.useQuery();

  if (list.isLoading) return <p className="text-sm text-slate-500">Loading {info.title.toLowerCase()}…</p>;
  if (list.error) return <ErrorAlert message={list.error.message} />;
  const rows = list.data ?? [];
  if (rows.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center" data-testid={`${kind}-empty`}>
        <h2 className="font-semibold text-slate-800">No {info.title.toLowerCase()} yet</h2>
        <p className="mt-2 text-sm text-slate-600">
          {canEdit ? (
            <Link href={`${info.path}/new`} className="font-medium text-slate-900 underline">
              Add one
            </Link>
          ) : (
            "An engineer can add one"
          )}{" "}
          — pick a connector, fill in its form and test the connection.
        </p>
      </div>
    );
  }
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid={`${kind}-list`}>
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th className="px-4 py-2">Name</th>
            <th className="px-4 py-2">Connector</th>
            <th className="px-4 py-2">Last check</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id} className="border-t border-slate-100" data-testid={`${kind}-row-${e.name}`}>
              <td className="px-4 py-2 font-medium">
                <Link href={`${info.path}/${e.id}`} className="hover:underline">
                  {e.name}
                </Link>
              </td>
              <td className="px-4 py-2">{e.connectorTitle}</td>
              <td className="px-4 py-2">
                <CheckStatus ok={e.lastCheckOk} at={e.lastCheckAt} message={e.lastCheckMessage} compact />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
