"use client";
/**
 * Where an invitation or reset link lands: it reads the token from the URL's
 * fragment (never sent to a server by the browser), shows whose account it
 * is, and sets the password once. A used, replaced, expired or mistyped link
 * gets the server's sentence saying which, and what to do.
 */
import Link from "next/link";
import { useEffect, useState, type FormEvent } from "react";
import { formErrors, type TServerError } from "@/components/forms/field-errors";
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

const box = "w-full max-w-sm space-y-4 rounded-xl border border-slate-200 bg-white p-8 shadow-sm";

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
      <div className={box}>
        <p className="text-sm text-slate-600">Checking your link…</p>
      </div>
    );
  const problem = token ? linkProblem(inspect.error) : "This page needs the link an admin gave you: open the whole address from the e-mail or message.";
  if (problem) {
    return (
      <div className={box}>
        <h1 className="text-2xl font-semibold tracking-tight">This link does not work</h1>
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="link-problem">
          {problem}
        </p>
        <Link href="/signin" className="block text-sm font-medium text-slate-700 underline">
          Go to sign-in
        </Link>
      </div>
    );
  }
  const info = inspect.data;
  if (!info) return null;

  if (setPassword.isSuccess) {
    return (
      <div className={box}>
        <h1 className="text-2xl font-semibold tracking-tight">Password set</h1>
        <p role="status" className="text-sm text-emerald-800" data-testid="password-set">
          You can now sign in as {setPassword.data.email}.{setPassword.data.purpose === "reset" ? " Sessions signed in before this were signed out." : ""}
        </p>
        <Link href="/signin" className="block w-full rounded-md bg-slate-900 px-3 py-2 text-center font-medium text-white hover:bg-slate-700">
          Sign in
        </Link>
      </div>
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
    <form onSubmit={onSubmit} className={box} aria-label="Set password">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{info.purpose === "invite" ? "Welcome to Weir" : "Choose a new password"}</h1>
        <p className="mt-1 text-sm text-slate-600">
          Set the password for <strong data-testid="link-email">{info.email}</strong>. This link works once, until {info.expiresAt.toLocaleString()}.
        </p>
      </div>
      <label className="block text-sm font-medium">
        New password
        <input
          name="password"
          type="password"
          required
          minLength={10}
          maxLength={200}
          autoComplete="new-password"
          aria-invalid={passwordError ? true : undefined}
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
        />
        <span className="mt-1 block text-xs font-normal text-slate-500">At least 10 characters.</span>
      </label>
      <label className="block text-sm font-medium">
        Repeat it
        <input name="confirm" type="password" required autoComplete="new-password" className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
      </label>
      {mismatch ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          The two passwords differ. Type the same one twice.
        </p>
      ) : null}
      {passwordError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {passwordError}
        </p>
      ) : null}
      {otherError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="link-problem">
          {otherError}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={setPassword.isPending}
        className="w-full rounded-md bg-slate-900 px-3 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60"
      >
        {setPassword.isPending ? "Saving…" : "Set password"}
      </button>
    </form>
  );
}
