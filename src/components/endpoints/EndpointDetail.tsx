"use client";
/**
 * One source or destination: its masked configuration and last check, and
 * for engineers "Test connection", edit and delete. Sources also discover.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { CheckResult } from "@/components/endpoints/CheckResult";
import { CheckStatus } from "@/components/endpoints/CheckStatus";
import { ConfirmDeleteButton } from "@/components/endpoints/ConfirmDeleteButton";
import { DiscoverPanel } from "@/components/endpoints/DiscoverPanel";
import { EndpointForm } from "@/components/endpoints/EndpointForm";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { MaskedConfig } from "@/components/endpoints/MaskedConfig";
import { ENDPOINT_KINDS, type TEndpointKind } from "@/components/endpoints/endpoint-kinds";
import { useEndpointApi } from "@/components/endpoints/use-endpoint-api";

const BUTTON = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60";

export function EndpointDetail({ kind, id, canEdit }: { kind: TEndpointKind; id: string; canEdit: boolean }) {
  const info = ENDPOINT_KINDS[kind];
  const router = useRouter();
  const { api, cache } = useEndpointApi(kind);
  const endpoint = api.get.useQuery({ id });
  const connectors = api.connectors.useQuery();
  const [editing, setEditing] = useState(false);
  const refresh = () => Promise.all([cache.get.invalidate({ id }), cache.list.invalidate()]);
  const check = api.check.useMutation({ onSettled: refresh });
  const remove = api.delete.useMutation({
    onSuccess: async () => {
      await cache.list.invalidate();
      router.push(info.path);
    },
  });

  if (endpoint.isLoading) return <p className="text-sm text-slate-500">Loading {info.singular}…</p>;
  if (endpoint.error || !endpoint.data) {
    return (
      <div className="space-y-3">
        <ErrorAlert message={endpoint.error?.message ?? `No such ${info.singular}.`} />
        <Link href={info.path} className="text-sm underline">
          Back to {info.title.toLowerCase()}
        </Link>
      </div>
    );
  }
  const e = endpoint.data;
  const connector = connectors.data?.find((c) => c.name === e.connector);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link href={info.path} className="text-sm text-slate-500 hover:text-slate-800">
            ← {info.title}
          </Link>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight" data-testid="endpoint-title">
            {e.name}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {e.connectorTitle} <span className="font-mono text-xs text-slate-400">({e.connector})</span>
          </p>
          <div className="mt-2">
            <CheckStatus ok={e.lastCheckOk} at={e.lastCheckAt} message={e.lastCheckMessage} />
          </div>
        </div>
        {canEdit && !editing ? (
          <div className="flex flex-wrap items-center gap-2">
            <button type="button" className={BUTTON} onClick={() => check.mutate({ id })} disabled={check.isPending} data-testid="test-connection">
              Test connection
            </button>
            <button
              type="button"
              className={BUTTON}
              onClick={() => {
                check.reset();
                setEditing(true);
              }}
              disabled={!connector}
              data-testid="edit-endpoint"
            >
              Edit
            </button>
            <ConfirmDeleteButton what={`"${e.name}"`} onConfirm={() => remove.mutate({ id })} pending={remove.isPending} error={remove.error?.message} />
          </div>
        ) : null}
      </div>

      <CheckResult result={check.data} pending={check.isPending} />
      <ErrorAlert message={check.error?.message} />

      {editing && connector ? (
        <EndpointForm
          kind={kind}
          connector={connector}
          existing={{ id: e.id, name: e.name, config: e.config }}
          onSaved={() => setEditing(false)}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <section className="rounded-lg border border-slate-200 bg-white">
          <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">Configuration</h2>
          <div className="p-4">
            <MaskedConfig config={e.config} spec={connector?.spec} />
          </div>
        </section>
      )}

      {kind === "source" ? <DiscoverPanel sourceId={e.id} canEdit={canEdit} /> : null}
    </div>
  );
}
