"use client";
/**
 * The signed-in user's name, role and a sign-out button.
 */
import { signOut } from "next-auth/react";

export function UserMenu({ email, role }: { email: string; role: string }) {
  return (
    <div className="flex items-center gap-3 text-sm" data-testid="user-menu">
      <span className="text-slate-600">
        <span className="font-medium text-slate-900">{email}</span>
        <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs uppercase tracking-wide text-slate-600" data-testid="user-role">
          {role}
        </span>
      </span>
      <button
        type="button"
        onClick={() => signOut({ callbackUrl: "/signin" })}
        className="rounded-md border border-slate-300 px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100"
      >
        Sign out
      </button>
    </div>
  );
}
