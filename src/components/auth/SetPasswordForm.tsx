"use client";
/**
 * Where an invitation or reset link lands: it reads the token from the URL's
 * fragment (never sent to a server by the browser), shows whose account it
 * is, and sets the password once. A used, replaced, expired or mistyped link
 * gets the server's sentence saying which, and what to do.
 */
import Link from "next/link";
import { useEffect, useState, type FormEvent } from "react";
import { AuthCard } from "@/components/auth/AuthCard";
import { formErrors, type TServerError } from "@/components/forms/field-errors";
import { Button } from "@/components/ui/Button";
import { buttonClass } from "@/components/ui/button-class";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { FormField, inputClass } from "@/components/ui/FormField";
import { trpc } from "@/components/trpc/trpc-react";

/**
 * The refusal as sentences: the token's problem names it as a link ("This
 * link is not a complete link: …"), not as "Invalid input"; the password's
 * is shown under the form.
 */
function refusal(error: TServerError | null) {
  return formErrors(error, {
    fieldOf: (path) => (path === "token" || path === "password" ? path : null),
    label: (path) => (path === "token" ? "This link" : "Password"),
  });
}

function linkProblem(error: TServerError | null): string | null {
  const { fields, general } = refusal(error);
  return fields.token ?? general;
}

export function SetPasswordForm() {
  const [token, setToken] = useState<string | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const inspect = trpc.account.inspectPasswordLink.useMutation();
  const setPassword = trpc.account.setPassword.useMutation();
  const { mutate: inspectLink } = inspect;
  const { reset: resetSetPassword } = setPassword;

  // A link pasted into the same tab changes only the fragment: no page load, so listen for it.
  useEffect(() => {
    const read = () => {
      const fromHash = window.location.hash.replace(/^#/, "");
      resetSetPassword();
      setMismatch(false);
      setToken(fromHash);
      if (fromHash) inspectLink({ token: fromHash });
    };
    read();
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, [inspectLink, resetSetPassword]);

  if (token === null || (token && inspect.isPending))
    return (
      <AuthCard>
        <p className="text-sm text-slate-600">Checking your link…</p>
      </AuthCard>
    );
  const problem = token ? linkProblem(inspect.error) : "This page needs the link an admin gave you: open the whole address from the e-mail or message.";
  if (problem) {
    return (
      <AuthCard title="This link does not work">
        <ErrorAlert message={problem} testId="link-problem" />
        <Link href="/signin" className={buttonClass("link", "md", "block")}>
          Go to sign-in
        </Link>
      </AuthCard>
    );
  }
  const info = inspect.data;
  if (!info) return null;

  if (setPassword.isSuccess) {
    return (
      <AuthCard title="Password set">
        <p role="status" className="text-sm text-emerald-800" data-testid="password-set">
          You can now sign in as {setPassword.data.email}.{setPassword.data.purpose === "reset" ? " Sessions signed in before this were signed out." : ""}
        </p>
        <Link href="/signin" className={buttonClass("primary", "md", "block w-full text-center")}>
          Sign in
        </Link>
      </AuthCard>
    );
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get("password") ?? "");
    const same = password === String(form.get("confirm") ?? "");
    setMismatch(!same);
    if (same && token) setPassword.mutate({ token, password });
  }

  const passwordError = refusal(setPassword.error).fields.password;
  const otherError = passwordError ? null : linkProblem(setPassword.error);
  return (
    <AuthCard
      title={info.purpose === "invite" ? "Welcome to Weir" : "Choose a new password"}
      subtitle={
        <>
          Set the password for <strong data-testid="link-email">{info.email}</strong>. This link works once, until {info.expiresAt.toLocaleString()}.
        </>
      }
      onSubmit={onSubmit}
      label="Set password"
    >
      <FormField label="New password" hint="At least 10 characters.">
        <input
          name="password"
          type="password"
          required
          minLength={10}
          maxLength={200}
          autoComplete="new-password"
          aria-invalid={passwordError ? true : undefined}
          className={inputClass}
        />
      </FormField>
      <FormField label="Repeat it">
        <input name="confirm" type="password" required autoComplete="new-password" className={inputClass} />
      </FormField>
      <ErrorAlert message={mismatch ? "The two passwords differ. Type the same one twice." : null} />
      <ErrorAlert message={passwordError} />
      <ErrorAlert message={otherError} testId="link-problem" />
      <Button type="submit" variant="primary" pending={setPassword.isPending} pendingLabel="Saving…" className="w-full">
        Set password
      </Button>
    </AuthCard>
  );
}
