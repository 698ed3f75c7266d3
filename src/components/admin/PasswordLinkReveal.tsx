"use client";
/**
 * A newly issued invitation or reset link, shown once (Weir keeps only its
 * hash), with a copy button, its expiry and whether it was e-mailed.
 */
import { ShownOnce } from "@/components/admin/ShownOnce";
import type { RouterOutputs } from "@/components/trpc/trpc-react";

type TIssued = RouterOutputs["user"]["issuePasswordLink"];

export function PasswordLinkReveal({ email, issued, onDismiss }: { email: string; issued: TIssued; onDismiss: () => void }) {
  const url = `${window.location.origin}${issued.link.path}`;
  const what = issued.link.purpose === "invite" ? "Invitation link" : "Password reset link";
  const mail = issued.mail;
  return (
    <section aria-label={what} className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="password-link">
      <ShownOnce title={`${what} for ${email}`} value={url} valueTestId="password-link-url" copyLabel="link" onDismiss={onDismiss}>
        <p role="status" className="mt-1 text-sm text-amber-900">
          <strong>Copy it now: it will not be shown again.</strong> It works once, until{" "}
          <span data-testid="password-link-expiry">{issued.link.expiresAt.toLocaleString()}</span>.
          {issued.link.purpose === "reset"
            ? " Their current password works until they use it; using it signs them out everywhere."
            : " They cannot sign in until they set a password with it."}
        </p>
        {mail?.sent ? <p className="mt-1 text-sm text-emerald-800">E-mailed to {mail.to}.</p> : null}
        {mail && !mail.sent ? <p className="mt-1 text-sm text-red-800">Not e-mailed: {mail.reason}</p> : null}
      </ShownOnce>
    </section>
  );
}
