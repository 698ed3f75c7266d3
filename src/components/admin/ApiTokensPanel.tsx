"use client";
/**
 * The API tokens table: what each token may do, when it was last used, and a
 * revoke that asks once more in place (a revoked token stops working at once
 * and cannot be restored).
 */
import { useState } from "react";
import { CreateApiTokenForm } from "@/components/admin/CreateApiTokenForm";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";

type TToken = RouterOutputs["apiToken"]["list"][number];

/** "Nov 23, 3:04 PM" (the year only when it is not this one), so the row has room for the revoke confirmation. */
function formatWhen(d: Date): string {
  const year = d.getFullYear() === new Date().getFullYear() ? undefined : "numeric";
  return d.toLocaleString(undefined, { year, month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
}

function When({ at }: { at: Date | null }) {
  if (!at) return <>never</>;
  return (
    <time dateTime={at.toISOString()} title={at.toLocaleString()}>
      {formatWhen(at)}
    </time>
  );
}

export function ApiTokensPanel() {
  const utils = trpc.useUtils();
  const tokens = trpc.apiToken.list.useQuery();
  const revoke = trpc.apiToken.revoke.useMutation({ onSuccess: () => utils.apiToken.list.invalidate() });
  const rows = tokens.data ?? [];

  return (
    <div className="space-y-4">
      <CreateApiTokenForm />
      <ErrorAlert message={tokens.error?.message ?? revoke.error?.message} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="api-tokens-table">
          <thead className="whitespace-nowrap bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-2">Name</th>
              <th className="px-4 py-2">Token</th>
              <th className="px-4 py-2">Scopes</th>
              <th className="px-4 py-2">Created</th>
              <th className="px-4 py-2">Last used</th>
              <th className="px-4 py-2">Status</th>
              <th className="px-4 py-2" />
            </tr>
          </thead>
          <tbody>
            {tokens.isLoading ? (
              <tr>
                <td colSpan={7} className="px-4 py-4 text-slate-500">
                  Loading…
                </td>
              </tr>
            ) : rows.length === 0 && !tokens.error ? (
              <tr>
                <td colSpan={7} className="px-4 py-6 text-center text-slate-500">
                  No API tokens yet. Create one above for each producer (Airflow, dbt, Spark) so each can be revoked on its own.
                </td>
              </tr>
            ) : (
              rows.map((t) => (
                <TokenRow key={t.id} token={t} pending={revoke.isPending && revoke.variables?.id === t.id} onRevoke={() => revoke.mutate({ id: t.id })} />
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function TokenRow({ token, pending, onRevoke }: { token: TToken; pending: boolean; onRevoke: () => void }) {
  const [asking, setAsking] = useState(false);
  const revoked = token.revokedAt !== null;
  const button = "rounded-md px-3 py-1 text-xs font-medium disabled:opacity-60";
  return (
    <tr
      className={`border-t border-slate-100 align-top ${revoked ? "text-slate-400" : ""}`}
      data-testid="api-token-row"
      data-name={token.name}
      data-status={revoked ? "revoked" : "active"}
    >
      <td className={`whitespace-nowrap px-4 py-2 font-medium ${revoked ? "" : "text-slate-900"}`}>{token.name}</td>
      <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">{token.prefix}…</td>
      <td className="px-4 py-2">
        <span className="flex flex-wrap gap-1">
          {token.scopes.map((s) => (
            <span key={s} className={`rounded px-1.5 py-0.5 font-mono text-xs ${revoked ? "bg-slate-50" : "bg-slate-100 text-slate-700"}`}>
              {s}
            </span>
          ))}
        </span>
        {token.namespaces.length ? (
          <span className="mt-1 block text-xs text-slate-500" data-testid="api-token-namespaces-list">
            only {token.namespaces.join(", ")}
          </span>
        ) : null}
      </td>
      <td className="whitespace-nowrap px-4 py-2">
        <When at={token.createdAt} />
      </td>
      <td className="whitespace-nowrap px-4 py-2">
        <When at={token.lastUsedAt} />
      </td>
      <td className="whitespace-nowrap px-4 py-2">
        {revoked ? <span title={`Revoked ${token.revokedAt!.toLocaleString()}`}>revoked</span> : <span className="text-emerald-700">active</span>}
      </td>
      <td className="whitespace-nowrap px-4 py-2 text-right">
        {revoked ? null : asking ? (
          <span
            className="inline-flex items-center gap-2"
            title="Producers using this token get 401 from the next request; a revoked token cannot be restored."
          >
            <span className="text-xs text-slate-700">Revoke?</span>
            <button
              type="button"
              disabled={pending}
              onClick={onRevoke}
              className={`${button} bg-red-700 text-white hover:bg-red-800`}
              data-testid="confirm-revoke-api-token"
            >
              {pending ? "Revoking…" : "Yes, revoke"}
            </button>
            <button type="button" onClick={() => setAsking(false)} className={`${button} border border-slate-300 bg-white hover:bg-slate-100`}>
              Keep
            </button>
          </span>
        ) : (
          <button
            type="button"
            onClick={() => setAsking(true)}
            className={`${button} border border-red-200 bg-white text-red-700 hover:bg-red-50`}
            data-testid="revoke-api-token"
          >
            Revoke
          </button>
        )}
      </td>
    </tr>
  );
}
