"use client";
/**
 * The new-check page's form: once added, the check's page opens.
 */
import { useRouter } from "next/navigation";
import { CheckForm } from "@/components/quality/CheckForm";

export function NewCheck() {
  const router = useRouter();
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <CheckForm onCreated={(check) => router.push(`/quality/checks/${check.id}`)} onCancel={() => router.push("/quality")} />
    </div>
  );
}
