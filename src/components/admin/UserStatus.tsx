/**
 * Where a user stands: active, invited (with their link's expiry), an
 * expired invitation, or deactivated; and an open password reset link.
 */
import type { ReactNode } from "react";
import type { RouterOutputs } from "@/components/trpc/trpc-react";
import { Badge } from "@/components/ui/Badge";

type TUser = RouterOutputs["user"]["list"][number];

function Detail({ children }: { children: ReactNode }) {
  return <span className="ml-1 text-xs text-slate-500">{children}</span>;
}

export function UserStatus({ user }: { user: TUser }) {
  if (!user.active) return <Badge>deactivated</Badge>;
  const link = user.openLink;
  if (!user.passwordSet) {
    if (!link)
      return (
        <>
          <Badge tone="warning">invited</Badge>
          <Detail> · no open link</Detail>
        </>
      );
    return link.expired ? (
      <>
        <Badge tone="danger">invitation expired</Badge>
        <Detail> {link.expiresAt.toLocaleString()}</Detail>
      </>
    ) : (
      <>
        <Badge tone="warning">invited</Badge>
        <Detail> · link expires {link.expiresAt.toLocaleString()}</Detail>
      </>
    );
  }
  return (
    <>
      <Badge tone="success">active</Badge>
      {link && !link.expired ? <Detail> · reset link until {link.expiresAt.toLocaleString()}</Detail> : null}
    </>
  );
}
