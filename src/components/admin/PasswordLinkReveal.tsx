"use client";
/**
 * A newly issued invitation or reset link, shown once (Weir keeps only its
 * hash), with a copy button, its expiry and whether it was e-mailed.
 */
import { CopyButton } from "@/components/admin/CopyButton";
import type { RouterOutputs } from "@/lib/trpc-react";

type TIssued = RouterOutputs["user"]["issuePasswordLink"];

export function PasswordLinkReveal({ email, issued, onDismiss }: { email: string; issued: TIssued; onDismiss: () => void }) {
  const url = `${window.location.origin}${issued.link.path}`;
  const what = issued.link.purpose === "invite" ? "Invitation link" : "Password reset link";
  const mail = issued.mail;
  return (
    <section aria-label={what} className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="password-link">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h3 className="font-semibold text-amber-950">{what} for {email}</h3>
          <p role="status" className="mt-1 text-sm text-amber-900">
            <strong>Copy it now: it will not be shown again.</strong> It works once, until{" "}
            <span data-testid="password-link-expiry">{issued.link.expiresAt.toLocaleString()}</span>.
            {issued.link.purpose === "reset" ? " Their current password works until they use it; using it signs them out everywhere." : " They cannot sign in until they set a password with it."}
          </p>
          {mail?.sent ? <p className="mt-1 text-sm text-emerald-800">E-mailed to {mail.to}.</p> : null}
          {mail && !mail.sent ? <p className="mt-1 text-sm text-red-800">Not e-mailed: {mail.reason}</p> : null}
        </div>
        <button type="button" onClick={onDismiss} className="shrink-0 rounded-md border border-amber-300 bg-white px-3 py-1 text-xs font-medium text-amber-950 hover:bg-amber-100">
          I have copied it
        </button>
      </div>
      <div className="flex items-center gap-2">
        <code className="min-w-0 flex-1 select-all break-all rounded-md border border-amber-200 bg-white px-3 py-2 font-mono text-sm text-slate-900" data-testid="password-link-url">
          {url}
        </code>
        <CopyButton text={url} label="link" />
      </div>
    </section>
  );
}
