"use client";
/**
 * The users table: role changes, deactivation, and password links (a reset,
 * or a new invitation for someone who never set a password), with the
 * server's refusal (last admin, yourself) shown in place. Invited users show
 * as "invited" with their link's expiry until they set a password.
 */
import { useMemo, useState } from "react";
import { CreateUserForm } from "@/components/admin/CreateUserForm";
import { PasswordLinkReveal } from "@/components/admin/PasswordLinkReveal";
import { UserStatus } from "@/components/admin/UserStatus";
import { refusalMessage } from "@/components/forms/field-errors";
import { trpc, type RouterOutputs } from "@/components/trpc/trpc-react";
import { Button } from "@/components/ui/Button";
import { formatTime } from "@/lib/run-format";
import { DataTable } from "@/components/ui/DataTable";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { Panel } from "@/components/ui/Panel";
import { QueryView } from "@/components/ui/QueryView";
import type { TDataColumn } from "@/components/ui/data-column";
import { ROLES, type TRole } from "@/server/roles";

type TUser = RouterOutputs["user"]["list"][number];
type TIssued = RouterOutputs["user"]["issuePasswordLink"];
type TActions = {
  myId: string;
  busy: { role: boolean; link: boolean };
  onRole: (user: TUser, role: TRole) => void;
  onIssueLink: (user: TUser) => void;
  onSetActive: (user: TUser) => void;
};

function userColumns({ myId, busy, onRole, onIssueLink, onSetActive }: TActions): TDataColumn<TUser>[] {
  return [
    { id: "email", header: "Email", className: "font-medium", sortValue: (u) => u.email, cell: (u) => u.email },
    { id: "name", header: "Name", sortValue: (u) => u.name, cell: (u) => u.name ?? "—" },
    {
      id: "role",
      header: "Role",
      sortValue: (u) => ROLES.indexOf(u.role),
      cell: (u) => (
        <select
          aria-label={`Role of ${u.email}`}
          value={u.role}
          disabled={u.id === myId || busy.role}
          onChange={(e) => onRole(u, e.target.value as TRole)}
          className="rounded-md border border-slate-300 px-2 py-1"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      ),
    },
    { id: "status", header: "Status", testId: "user-status", cell: (u) => <UserStatus user={u} /> },
    {
      id: "lastSignIn",
      header: "Last sign-in",
      sortValue: (u) => u.lastSignInAt,
      cell: (u) => (u.lastSignInAt ? formatTime(u.lastSignInAt) : "never"),
    },
    {
      id: "actions",
      header: "",
      className: "space-x-2 whitespace-nowrap text-right",
      cell: (u) => (
        <>
          {u.active ? (
            <Button disabled={busy.link} onClick={() => onIssueLink(u)}>
              {u.passwordSet ? "Reset password" : "New invitation link"}
            </Button>
          ) : null}
          {u.id === myId ? (
            <span className="text-xs text-slate-400">you</span>
          ) : (
            <Button onClick={() => onSetActive(u)}>{u.active ? "Deactivate" : "Reactivate"}</Button>
          )}
        </>
      ),
    },
  ];
}

export function UsersPanel({ myId }: { myId: string }) {
  const utils = trpc.useUtils();
  const users = trpc.user.list.useQuery();
  const [issued, setIssued] = useState<{ email: string; issued: TIssued } | null>(null);
  // Cancel first, as CreateUserForm does: a first load still in flight would otherwise be kept.
  const onDone = { onSuccess: () => utils.user.list.cancel().then(() => utils.user.list.invalidate()) };
  const updateRole = trpc.user.updateRole.useMutation(onDone);
  const setActive = trpc.user.setActive.useMutation(onDone);
  const issueLink = trpc.user.issuePasswordLink.useMutation(onDone);
  const error = updateRole.error ?? setActive.error ?? issueLink.error;
  const [changeRole, changeActive, issue] = [updateRole.mutate, setActive.mutate, issueLink.mutate];

  const columns = useMemo(
    () =>
      userColumns({
        myId,
        busy: { role: updateRole.isPending, link: issueLink.isPending },
        onRole: (u, role) => changeRole({ userId: u.id, role }),
        onSetActive: (u) => changeActive({ userId: u.id, active: !u.active }),
        onIssueLink: (u) => {
          setIssued(null);
          issue({ userId: u.id }, { onSuccess: (res) => setIssued({ email: u.email, issued: res }) });
        },
      }),
    [myId, updateRole.isPending, issueLink.isPending, changeRole, changeActive, issue],
  );

  return (
    <div className="space-y-4">
      <CreateUserForm />
      <ErrorAlert message={refusalMessage(error)} />
      {issued ? <PasswordLinkReveal email={issued.email} issued={issued.issued} onDismiss={() => setIssued(null)} /> : null}
      <QueryView query={users}>
        {(rows) => (
          <Panel className="overflow-x-auto">
            <DataTable rows={rows} columns={columns} rowId={(u) => u.id} rowTestId={(u) => `user-row-${u.email}`} testId="users-table" sortable />
          </Panel>
        )}
      </QueryView>
    </div>
  );
}
