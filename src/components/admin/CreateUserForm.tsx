"use client";
/**
 * Create a user with a password, or invite one: leave the password empty and
 * a single-use link to set it is shown once (and e-mailed when SMTP is set).
 */
import { useState, type FormEvent } from "react";
import { PasswordLinkReveal } from "@/components/admin/PasswordLinkReveal";
import { refusalMessage } from "@/components/forms/field-errors";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { Panel } from "@/components/ui/Panel";
import { ROLES, type TRole } from "@/server/roles";

type TCreated = RouterOutputs["user"]["create"];

export function CreateUserForm() {
  const utils = trpc.useUtils();
  const [invited, setInvited] = useState<{ email: string; invitation: NonNullable<TCreated["invitation"]> } | null>(null);
  const create = trpc.user.create.useMutation({
    onSuccess: async (res) => {
      setInvited(res.invitation ? { email: res.user.email, invitation: res.invitation } : null);
      // Cancel first: a list still loading from before the user existed would otherwise be kept (react-query refetches
      // a query that has no data yet by joining its fetch in flight, not by starting a new one).
      await utils.user.list.cancel();
      await utils.user.list.invalidate();
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const password = String(data.get("password") ?? "");
    setInvited(null);
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
    <div className="space-y-4">
      <Panel title="Add a user" padded>
        <form onSubmit={onSubmit} aria-label="Create user">
          <div className="grid gap-3 sm:grid-cols-6">
            <input
              name="email"
              type="email"
              required
              placeholder="email@company.com"
              aria-label="Email"
              className="rounded-md border border-slate-300 px-3 py-2 text-sm sm:col-span-2"
            />
            <input name="name" placeholder="Name (optional)" aria-label="Name" className="rounded-md border border-slate-300 px-3 py-2 text-sm" />
            <select name="role" defaultValue="viewer" aria-label="Role" className="rounded-md border border-slate-300 px-3 py-2 text-sm">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
            <input
              name="password"
              type="password"
              placeholder="Password, or empty to invite"
              aria-label="Password"
              autoComplete="new-password"
              className="rounded-md border border-slate-300 px-3 py-2 text-sm sm:col-span-2"
            />
          </div>
          <div className="mt-3 flex items-center gap-3">
            <Button type="submit" variant="primary" pending={create.isPending} pendingLabel="Adding…">
              Add user
            </Button>
            <ErrorAlert message={refusalMessage(create.error)} />
            {create.isSuccess && !invited ? <p className="text-sm text-emerald-700">User added.</p> : null}
          </div>
        </form>
      </Panel>
      {invited ? <PasswordLinkReveal email={invited.email} issued={invited.invitation} onDismiss={() => setInvited(null)} /> : null}
    </div>
  );
}
