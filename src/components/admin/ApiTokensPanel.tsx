"use client";
/**
 * The API tokens table: what each token may do, when it was last used, and a
 * revoke that asks once more in place (a revoked token stops working at once
 * and cannot be restored).
 */
import { useMemo, useState } from "react";
import { CreateApiTokenForm } from "@/components/admin/CreateApiTokenForm";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { DataTable } from "@/components/ui/DataTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { Panel } from "@/components/ui/Panel";
import { QueryView } from "@/components/ui/QueryView";
import type { TDataColumn } from "@/components/ui/data-column";

type TToken = RouterOutputs["apiToken"]["list"][number];

/** "Nov 23, 3:04 PM" (the year only when it is not this one), so the row has room for the revoke confirmation. */
function formatWhen(d: Date): string {
  const year = d.getFullYear() === new Date().getFullYear() ? undefined : "numeric";
  return d.toLocaleString(undefined, { year, month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
}

function When({ at, dim }: { at: Date | null; dim: string }) {
  if (!at) return <span className={dim}>never</span>;
  return (
    <time dateTime={at.toISOString()} title={at.toLocaleString()} className={dim}>
      {formatWhen(at)}
    </time>
  );
}

type TRevoke = { pendingId: string | null; onRevoke: (id: string) => void };

const dimmed = (t: TToken, live = "") => (t.revokedAt !== null ? "text-slate-400" : live);

function tokenColumns({ pendingId, onRevoke }: TRevoke): TDataColumn<TToken>[] {
  return [
    {
      id: "name",
      header: "Name",
      className: "whitespace-nowrap font-medium",
      sortValue: (t) => t.name,
      cell: (t) => <span className={dimmed(t, "text-slate-900")}>{t.name}</span>,
    },
    { id: "token", header: "Token", className: "whitespace-nowrap font-mono text-xs", cell: (t) => <span className={dimmed(t)}>{t.prefix}…</span> },
    { id: "scopes", header: "Scopes", cell: (t) => <TokenScopes token={t} /> },
    { id: "created", header: "Created", className: "whitespace-nowrap", sortValue: (t) => t.createdAt, cell: (t) => <When at={t.createdAt} dim={dimmed(t)} /> },
    {
      id: "lastUsed",
      header: "Last used",
      className: "whitespace-nowrap",
      sortValue: (t) => t.lastUsedAt,
      cell: (t) => <When at={t.lastUsedAt} dim={dimmed(t)} />,
    },
    {
      id: "status",
      header: "Status",
      sortValue: (t) => (t.revokedAt ? "revoked" : "active"),
      cell: (t) => (t.revokedAt ? <Badge title={`Revoked ${t.revokedAt.toLocaleString()}`}>revoked</Badge> : <Badge tone="success">active</Badge>),
    },
    {
      id: "revoke",
      header: "",
      className: "whitespace-nowrap text-right",
      cell: (t) => (t.revokedAt ? null : <RevokeToken pending={pendingId === t.id} onRevoke={() => onRevoke(t.id)} />),
    },
  ];
}

export function ApiTokensPanel() {
  const utils = trpc.useUtils();
  const tokens = trpc.apiToken.list.useQuery();
  const revoke = trpc.apiToken.revoke.useMutation({ onSuccess: () => utils.apiToken.list.invalidate() });
  const pendingId = revoke.isPending ? (revoke.variables?.id ?? null) : null;
  const revokeToken = revoke.mutate;
  const columns = useMemo(() => tokenColumns({ pendingId, onRevoke: (id) => revokeToken({ id }) }), [pendingId, revokeToken]);

  return (
    <div className="space-y-4">
      <CreateApiTokenForm />
      <ErrorAlert message={revoke.error?.message} />
      <QueryView
        query={tokens}
        empty={<EmptyState title="No API tokens yet">Create one above for each producer (Airflow, dbt, Spark) so each can be revoked on its own.</EmptyState>}
      >
        {(rows) => (
          <Panel className="overflow-x-auto">
            <DataTable
              rows={rows}
              columns={columns}
              rowId={(t) => t.id}
              rowTestId={() => "api-token-row"}
              rowAttributes={(t) => ({ "data-name": t.name, "data-status": t.revokedAt !== null ? "revoked" : "active" })}
              rowClassName="align-top"
              testId="api-tokens-table"
              sortable
            />
          </Panel>
        )}
      </QueryView>
    </div>
  );
}

function TokenScopes({ token }: { token: TToken }) {
  const revoked = token.revokedAt !== null;
  return (
    <>
      <span className="flex flex-wrap gap-1">
        {token.scopes.map((s) => (
          <span key={s} className={`rounded px-1.5 py-0.5 font-mono text-xs ${revoked ? "bg-slate-50 text-slate-400" : "bg-slate-100 text-slate-700"}`}>
            {s}
          </span>
        ))}
      </span>
      {token.namespaces.length ? (
        <span className="mt-1 block text-xs text-slate-500" data-testid="api-token-namespaces-list">
          only {token.namespaces.join(", ")}
        </span>
      ) : null}
    </>
  );
}

/** Revoke, asking once more in place: a revoked token cannot be restored. */
function RevokeToken({ pending, onRevoke }: { pending: boolean; onRevoke: () => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button variant="danger-outline" onClick={() => setAsking(true)} testId="revoke-api-token">
        Revoke
      </Button>
    );
  }
  return (
    <span className="inline-flex items-center gap-2" title="Producers using this token get 401 from the next request; a revoked token cannot be restored.">
      <span className="text-xs text-slate-700">Revoke?</span>
      <Button variant="danger" size="sm" pending={pending} pendingLabel="Revoking…" onClick={onRevoke} testId="confirm-revoke-api-token">
        Yes, revoke
      </Button>
      <Button onClick={() => setAsking(false)}>Keep</Button>
    </span>
  );
}
