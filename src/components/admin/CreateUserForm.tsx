"use client";
/**
 * Create a user with a password, or invite one (leave the password empty and
 * a temporary one is shown once to pass on).
 */
import { useState, type FormEvent } from "react";
import { trpc } from "@/lib/trpc-react";
import { ROLES, type TRole } from "@/server/roles";

export function CreateUserForm() {
  const utils = trpc.useUtils();
  const [tempPassword, setTempPassword] = useState<{ email: string; password: string } | null>(null);
  const create = trpc.user.create.useMutation({
    onSuccess: async (res) => {
      setTempPassword(res.temporaryPassword ? { email: res.user.email, password: res.temporaryPassword } : null);
      await utils.user.list.invalidate();
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const password = String(data.get("password") ?? "");
    create.mutate(
      {
        email: String(data.get("email") ?? ""),
        name: String(data.get("name") ?? "") || undefined,
        role: String(data.get("role")) as TRole,
        password: password || undefined,
      },
      { onSuccess: () => form.reset() },
    );
  }

  return (
    <form onSubmit={onSubmit} className="rounded-lg border border-slate-200 bg-white p-4" aria-label="Create user">
      <h2 className="mb-3 font-semibold">Add a user</h2>
      <div className="grid gap-3 sm:grid-cols-6">
        <input name="email" type="email" required placeholder="email@company.com" aria-label="Email" className="rounded-md border border-slate-300 px-3 py-2 text-sm sm:col-span-2" />
        <input name="name" placeholder="Name (optional)" aria-label="Name" className="rounded-md border border-slate-300 px-3 py-2 text-sm" />
        <select name="role" defaultValue="viewer" aria-label="Role" className="rounded-md border border-slate-300 px-3 py-2 text-sm">
          {ROLES.map((r) => (
            <option key={r} value={r}>{r}</option>
          ))}
        </select>
        <input name="password" type="password" placeholder="Password, or empty to invite" aria-label="Password" autoComplete="new-password" className="rounded-md border border-slate-300 px-3 py-2 text-sm sm:col-span-2" />
      </div>
      <div className="mt-3 flex items-center gap-3">
        <button type="submit" disabled={create.isPending} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60">
          {create.isPending ? "Adding…" : "Add user"}
        </button>
        {create.error ? <p role="alert" className="text-sm text-red-700">{create.error.message}</p> : null}
        {create.isSuccess && !tempPassword ? <p className="text-sm text-emerald-700">User added.</p> : null}
      </div>
      {tempPassword ? (
        <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="temporary-password">
          Invited {tempPassword.email}. Temporary password, shown only now: <code className="font-mono">{tempPassword.password}</code>
        </p>
      ) : null}
    </form>
  );
}
