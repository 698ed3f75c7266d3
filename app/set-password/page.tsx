// The page an invitation or password reset link opens (public: the link is the credential).
import type { Metadata } from "next";
import { SetPasswordForm } from "@/components/auth/SetPasswordForm";

export const metadata: Metadata = { title: "Set your password · Weir", referrer: "no-referrer" };

export default function SetPasswordPage() {
  return (
    <div className="flex min-h-screen items-center justify-center px-4">
      <SetPasswordForm />
    </div>
  );
}
