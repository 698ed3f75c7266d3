import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/SignInForm";
import { oidcProvider } from "@/server/auth/oidc-provider";
import { currentUser } from "@/server/session";

export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (await currentUser()) redirect("/");
  const oidc = oidcProvider()[0];
  return (
    <div className="flex min-h-screen items-center justify-center px-4">
      <SignInForm oidcName={oidc ? oidc.name : null} />
    </div>
  );
}
