"use client";
/**
 * The users table: role changes and deactivation, with the server's refusal
 * (last admin, yourself) shown in place.
 */
import { CreateUserForm } from "@/components/admin/CreateUserForm";
import { trpc } from "@/lib/trpc-react";
import { ROLES, type TRole } from "@/server/roles";

export function UsersPanel({ myId }: { myId: string }) {
  const utils = trpc.useUtils();
  const users = trpc.user.list.useQuery();
  const onDone = { onSuccess: () => utils.user.list.invalidate() };
  const updateRole = trpc.user.updateRole.useMutation(onDone);
  const setActive = trpc.user.setActive.useMutation(onDone);
  const error = updateRole.error ?? setActive.error;

  return (
    <div className="space-y-4">
      <CreateUserForm />
      {error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{error.message}</p> : null}
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
            <tr><td colSpan={6} className="px-4 py-4 text-slate-500">Loading…</td></tr>
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
                      <option key={r} value={r}>{r}</option>
                    ))}
                  </select>
                </td>
                <td className="px-4 py-2">{u.active ? <span className="text-emerald-700">active</span> : <span className="text-slate-500">deactivated</span>}</td>
                <td className="px-4 py-2">{u.lastSignInAt ? u.lastSignInAt.toLocaleString() : "never"}</td>
                <td className="px-4 py-2 text-right">
                  {u.id === myId ? <span className="text-xs text-slate-400">you</span> : (
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
