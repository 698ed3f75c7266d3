"use client";
/**
 * The users table: role changes, deactivation, and password links (a reset,
 * or a new invitation for someone who never set a password), with the
 * server's refusal (last admin, yourself) shown in place. Invited users show
 * as "invited" with their link's expiry until they set a password.
 */
import { useState } from "react";
import { CreateUserForm } from "@/components/admin/CreateUserForm";
import { PasswordLinkReveal } from "@/components/admin/PasswordLinkReveal";
import { refusalMessage } from "@/components/forms/field-errors";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";
import { ROLES, type TRole } from "@/server/roles";

type TUser = RouterOutputs["user"]["list"][number];
type TIssued = RouterOutputs["user"]["issuePasswordLink"];

function UserStatus({ user }: { user: TUser }) {
  if (!user.active) return <span className="text-slate-500">deactivated</span>;
  const link = user.openLink;
  if (!user.passwordSet) {
    if (!link) return <span className="text-amber-700">invited · no open link</span>;
    return link.expired ? (
      <span className="text-red-700">invitation expired {link.expiresAt.toLocaleString()}</span>
    ) : (
      <span className="text-amber-700">invited · link expires {link.expiresAt.toLocaleString()}</span>
    );
  }
  if (link && !link.expired)
    return (
      <span className="text-emerald-700">
        active <span className="text-slate-500">· reset link until {link.expiresAt.toLocaleString()}</span>
      </span>
    );
  return <span className="text-emerald-700">active</span>;
}

export function UsersPanel({ myId }: { myId: string }) {
  const utils = trpc.useUtils();
  const users = trpc.user.list.useQuery();
  const [issued, setIssued] = useState<{ email: string; issued: TIssued } | null>(null);
  const onDone = { onSuccess: () => utils.user.list.invalidate() };
  const updateRole = trpc.user.updateRole.useMutation(onDone);
  const setActive = trpc.user.setActive.useMutation(onDone);
  const issueLink = trpc.user.issuePasswordLink.useMutation(onDone);
  const error = updateRole.error ?? setActive.error ?? issueLink.error;

  function issueFor(user: TUser) {
    setIssued(null);
    issueLink.mutate({ userId: user.id }, { onSuccess: (res) => setIssued({ email: user.email, issued: res }) });
  }

  return (
    <div className="space-y-4">
      <CreateUserForm />
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {refusalMessage(error)}
        </p>
      ) : null}
      {issued ? <PasswordLinkReveal email={issued.email} issued={issued.issued} onDismiss={() => setIssued(null)} /> : null}
      <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-left text-sm" data-testid="users-table">
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th className="px-4 py-2">Email</th>
            <th className="px-4 py-2">Name</th>
            <th className="px-4 py-2">Role</th>
            <th className="px-4 py-2">Status</th>
            <th className="px-4 py-2">Last sign-in</th>
            <th className="px-4 py-2" />
          </tr>
        </thead>
        <tbody>
          {users.isLoading ? (
            <tr>
              <td colSpan={6} className="px-4 py-4 text-slate-500">
                Loading…
              </td>
            </tr>
          ) : (
            (users.data ?? []).map((u) => (
              <tr key={u.id} className="border-t border-slate-100" data-testid={`user-row-${u.email}`}>
                <td className="px-4 py-2 font-medium">{u.email}</td>
                <td className="px-4 py-2">{u.name ?? "—"}</td>
                <td className="px-4 py-2">
                  <select
                    aria-label={`Role of ${u.email}`}
                    value={u.role}
                    disabled={u.id === myId || updateRole.isPending}
                    onChange={(e) => updateRole.mutate({ userId: u.id, role: e.target.value as TRole })}
                    className="rounded-md border border-slate-300 px-2 py-1"
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="px-4 py-2" data-testid="user-status">
                  <UserStatus user={u} />
                </td>
                <td className="px-4 py-2">{u.lastSignInAt ? u.lastSignInAt.toLocaleString() : "never"}</td>
                <td className="space-x-2 whitespace-nowrap px-4 py-2 text-right">
                  {u.active ? (
                    <button
                      type="button"
                      disabled={issueLink.isPending}
                      onClick={() => issueFor(u)}
                      className="rounded-md border border-slate-300 px-3 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-60"
                    >
                      {u.passwordSet ? "Reset password" : "New invitation link"}
                    </button>
                  ) : null}
                  {u.id === myId ? (
                    <span className="text-xs text-slate-400">you</span>
                  ) : (
                    <button
                      type="button"
                      onClick={() => setActive.mutate({ userId: u.id, active: !u.active })}
                      className="rounded-md border border-slate-300 px-3 py-1 text-xs font-medium hover:bg-slate-100"
                    >
                      {u.active ? "Deactivate" : "Reactivate"}
                    </button>
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
