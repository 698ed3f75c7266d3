"use client";
/**
 * Email + password sign-in (and the SSO button when OIDC is configured). Shows
 * the server's message on failure: wrong credentials or too many attempts.
 */
import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { Suspense, useState, type FormEvent } from "react";
import { AuthCard } from "@/components/auth/AuthCard";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { FormField, inputClass } from "@/components/ui/FormField";

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
    <AuthCard title="Sign in to Weir" subtitle="The control plane of your data platform." onSubmit={onSubmit}>
      <FormField label="Email">
        <input name="email" type="email" required autoComplete="username" className={inputClass} />
      </FormField>
      <FormField label="Password">
        <input name="password" type="password" required autoComplete="current-password" className={inputClass} />
      </FormField>
      <ErrorAlert message={error} />
      <Button type="submit" variant="primary" pending={busy} pendingLabel="Signing in…" className="w-full">
        Sign in
      </Button>
      {oidcName ? (
        <Button size="md" onClick={() => signIn("oidc", { callbackUrl: safeCallback(params.get("callbackUrl")) })} className="w-full">
          Sign in with {oidcName}
        </Button>
      ) : null}
    </AuthCard>
  );
}

export function SignInForm({ oidcName }: { oidcName: string | null }) {
  return (
    <Suspense>
      <Form oidcName={oidcName} />
    </Suspense>
  );
}
