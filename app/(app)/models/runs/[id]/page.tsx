import { TransformRunDetail } from "@/components/models/TransformRunDetail";

export default async function TransformRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TransformRunDetail id={id} />;
}
