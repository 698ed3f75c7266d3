/**
 * The signed-in layout: navigation on the left (only the sections the user's
 * role may open), the user menu on top, the page in the middle.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { NavLink } from "@/components/shell/NavLink";
import { UserMenu } from "@/components/shell/UserMenu";
import type { TSessionUser } from "@/server/auth/session-user";
import { satisfiesTier } from "@/server/roles";

export function AppShell({ user, children }: { user: TSessionUser; children: ReactNode }) {
  const items = NAV_ITEMS.filter((item) => satisfiesTier(user.role, item.tier));
  return (
    <div className="flex min-h-screen">
      <aside className="w-56 shrink-0 bg-slate-900 px-3 py-5">
        <Link href="/" className="mb-6 block px-3 text-lg font-semibold tracking-tight text-white">
          Weir
        </Link>
        <nav aria-label="Main" className="space-y-1">
          {items.map((item) => (
            <NavLink key={item.href} href={item.href} label={item.label} />
          ))}
        </nav>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-end border-b border-slate-200 bg-white px-6">
          <UserMenu email={user.email} role={user.role} />
        </header>
        <main className="flex-1 px-8 py-6">{children}</main>
      </div>
    </div>
  );
}
