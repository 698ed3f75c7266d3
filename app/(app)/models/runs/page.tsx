import Link from "next/link";
import { TransformRunList } from "@/components/models/TransformRunList";
import { PageHeader } from "@/components/shell/PageHeader";

export default function TransformRunsPage() {
  return (
    <>
      <Link href="/models" className="text-sm text-slate-500 hover:text-slate-800">
        ← Models
      </Link>
      <PageHeader title="Transform runs" description="Builds of models, newest first, with how each model ended." />
      <TransformRunList />
    </>
  );
}
