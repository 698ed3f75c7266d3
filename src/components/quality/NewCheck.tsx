"use client";
/**
 * The new-check page's form: once added, the check's page opens.
 */
import { useRouter } from "next/navigation";
import { CheckForm } from "@/components/quality/CheckForm";
import { Panel } from "@/components/ui/Panel";

export function NewCheck() {
  const router = useRouter();
  return (
    <Panel padded>
      <CheckForm onCreated={(check) => router.push(`/quality/checks/${check.id}`)} onCancel={() => router.push("/quality")} />
    </Panel>
  );
}
