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
import { ConfirmDeleteButton } from "@/components/ui/ConfirmDeleteButton";
import { DiscoverPanel } from "@/components/endpoints/DiscoverPanel";
import { EndpointForm } from "@/components/endpoints/EndpointForm";
import { MaskedConfig } from "@/components/endpoints/MaskedConfig";
import { ENDPOINT_KINDS, type TEndpointKind } from "@/components/endpoints/endpoint-kinds";
import { useEndpointApi } from "@/components/endpoints/use-endpoint-api";
import { Button } from "@/components/ui/Button";
import { DetailHeader } from "@/components/ui/DetailHeader";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { Panel } from "@/components/ui/Panel";
import { QueryView } from "@/components/ui/QueryView";

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

  return (
    <QueryView
      query={endpoint}
      loading={`Loading ${info.singular}…`}
      missing={`No such ${info.singular}.`}
      errorFooter={
        <Link href={info.path} className="text-sm underline">
          Back to {info.title.toLowerCase()}
        </Link>
      }
    >
      {(e) => {
        const connector = connectors.data?.find((c) => c.name === e.connector);
        return (
          <div className="space-y-6">
            <DetailHeader
              back={{ href: info.path, label: info.title }}
              title={e.name}
              titleTestId="endpoint-title"
              subtitle={
                <>
                  {e.connectorTitle} <span className="font-mono text-xs text-slate-400">({e.connector})</span>
                </>
              }
              actions={
                canEdit && !editing ? (
                  <>
                    <Button onClick={() => check.mutate({ id })} disabled={check.isPending} testId="test-connection">
                      Test connection
                    </Button>
                    <Button
                      onClick={() => {
                        check.reset();
                        setEditing(true);
                      }}
                      disabled={!connector}
                      testId="edit-endpoint"
                    >
                      Edit
                    </Button>
                    <ConfirmDeleteButton
                      what={`"${e.name}"`}
                      onConfirm={() => remove.mutate({ id })}
                      pending={remove.isPending}
                      error={remove.error?.message}
                    />
                  </>
                ) : null
              }
            >
              <div className="mt-2">
                <CheckStatus ok={e.lastCheckOk} at={e.lastCheckAt} message={e.lastCheckMessage} />
              </div>
            </DetailHeader>

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
              <Panel title="Configuration" padded>
                <MaskedConfig config={e.config} spec={connector?.spec} />
              </Panel>
            )}

            {kind === "source" ? <DiscoverPanel sourceId={e.id} canEdit={canEdit} /> : null}
          </div>
        );
      }}
    </QueryView>
  );
}
