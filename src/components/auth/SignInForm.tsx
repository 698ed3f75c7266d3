"use client";
/**
 * Email + password sign-in (and the SSO button when OIDC is configured). Shows
 * the server's message on failure: wrong credentials or too many attempts.
 */
import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { Suspense, useState, type FormEvent } from "react";

function safeCallback(raw: string | null): string {
  return raw && raw.startsWith("/") && !raw.startsWith("//") ? raw : "/";
}

function Form({ oidcName }: { oidcName: string | null }) {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setBusy(false);
    if (!res || res.error) {
      setError(res?.error && res.error !== "CredentialsSignin" ? res.error : "Wrong email or password.");
      return;
    }
    router.replace(safeCallback(params.get("callbackUrl")));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="w-full max-w-sm space-y-4 rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to Weir</h1>
        <p className="mt-1 text-sm text-slate-600">The control plane of your data platform.</p>
      </div>
      <label className="block text-sm font-medium">
        Email
        <input name="email" type="email" required autoComplete="username" className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
      </label>
      <label className="block text-sm font-medium">
        Password
        <input name="password" type="password" required autoComplete="current-password" className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
      </label>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy} className="w-full rounded-md bg-slate-900 px-3 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60">
        {busy ? "Signing in…" : "Sign in"}
      </button>
      {oidcName ? (
        <button
          type="button"
          onClick={() => signIn("oidc", { callbackUrl: safeCallback(params.get("callbackUrl")) })}
          className="w-full rounded-md border border-slate-300 px-3 py-2 font-medium hover:bg-slate-50"
        >
          Sign in with {oidcName}
        </button>
      ) : null}
    </form>
  );
}

export function SignInForm({ oidcName }: { oidcName: string | null }) {
  return (
    <Suspense>
      <Form oidcName={oidcName} />
    </Suspense>
  );
}
