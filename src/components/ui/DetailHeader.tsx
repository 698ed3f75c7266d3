/**
 * The head of a detail page: a back link ("← Runs"), the title with badges
 * beside it, a subtitle line, anything else under it, and the page's
 * actions on the right.
 */
import Link from "next/link";
import type { ReactNode } from "react";

type TProps = {
  back?: { href: string; label: string };
  title: ReactNode;
  titleTestId?: string;
  badges?: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
};

export function DetailHeader({ back, title, titleTestId, badges, subtitle, actions, children }: TProps) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div>
        {back ? (
          <Link href={back.href} className="text-sm text-slate-500 hover:text-slate-800">
            ← {back.label}
          </Link>
        ) : null}
        <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight" data-testid={titleTestId}>
          {title}
          {badges}
        </h1>
        {subtitle != null ? <p className="mt-1 text-sm text-slate-600">{subtitle}</p> : null}
        {children}
      </div>
      {actions != null ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
    </div>
  );
}
