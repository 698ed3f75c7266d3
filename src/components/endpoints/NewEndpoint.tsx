"use client";
/**
 * "New source" / "New destination": pick a connector from the catalog, then
 * fill in its form, test and save.
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConnectorCatalog } from "@/components/endpoints/ConnectorCatalog";
import { EndpointForm, type TConnectorInfo } from "@/components/endpoints/EndpointForm";
import { Button } from "@/components/ui/Button";
import { QueryView } from "@/components/ui/QueryView";
import { ENDPOINT_KINDS, type TEndpointKind } from "@/components/endpoints/endpoint-kinds";
import { useEndpointApi } from "@/components/endpoints/use-endpoint-api";

export function NewEndpoint({ kind }: { kind: TEndpointKind }) {
  const info = ENDPOINT_KINDS[kind];
  const router = useRouter();
  const { api } = useEndpointApi(kind);
  const connectors = api.connectors.useQuery();
  const [picked, setPicked] = useState<TConnectorInfo | null>(null);

  if (!picked) {
    return (
      <QueryView query={connectors} loading="Loading connectors…" isEmpty={() => false}>
        {(list) => (
          <>
            <p className="mb-4 text-sm text-slate-600">Pick the kind of system this {info.singular} is.</p>
            <ConnectorCatalog connectors={list} onPick={setPicked} />
          </>
        )}
      </QueryView>
    );
  }
  return (
    <>
      <Button variant="quiet" onClick={() => setPicked(null)} className="mb-4" testId="pick-another-connector">
        ← Pick another connector
      </Button>
      <EndpointForm
        key={picked.name}
        kind={kind}
        connector={picked}
        onSaved={(id) => router.push(`${info.path}/${id}`)}
        onCancel={() => router.push(info.path)}
      />
    </>
  );
}
