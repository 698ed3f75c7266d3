/**
 * The card the signed-out pages (sign-in, set password) sit in: a heading,
 * a line under it, then the form or message. `as="form"` makes the card
 * the form itself.
 */
import type { FormEventHandler, ReactNode } from "react";

const CARD = "w-full max-w-sm space-y-4 rounded-xl border border-slate-200 bg-white p-8 shadow-sm";

type TProps = { title?: ReactNode; subtitle?: ReactNode; onSubmit?: FormEventHandler<HTMLFormElement>; label?: string; children: ReactNode };

export function AuthCard({ title, subtitle, onSubmit, label, children }: TProps) {
  const head =
    title != null ? (
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {subtitle != null ? <p className="mt-1 text-sm text-slate-600">{subtitle}</p> : null}
      </div>
    ) : null;
  return onSubmit ? (
    <form onSubmit={onSubmit} className={CARD} aria-label={label}>
      {head}
      {children}
    </form>
  ) : (
    <div className={CARD}>
      {head}
      {children}
    </div>
  );
}
