"use client";
/**
 * The signed-in user's name, role and a sign-out button.
 */
import { signOut } from "next-auth/react";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";

export function UserMenu({ email, role }: { email: string; role: string }) {
  return (
    <div className="flex items-center gap-3 text-sm" data-testid="user-menu">
      <span className="text-slate-600">
        <span className="font-medium text-slate-900">{email}</span>
        <Badge className="ml-2 uppercase tracking-wide" testId="user-role">
          {role}
        </Badge>
      </span>
      <Button onClick={() => signOut({ callbackUrl: "/signin" })}>Sign out</Button>
    </div>
  );
}
