/**
 * A dataset's short name linking to its catalog page, with its layer beside
 * it: how search results, impact rows and lineage neighbours name a dataset.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import { datasetHref } from "@/components/catalog/catalog-hrefs";
import { LayerBadge } from "@/components/models/LayerBadge";

type TProps = { id: string; shortName: string; layer: string | null; title?: string; muted?: boolean; children?: ReactNode };

export function DatasetLink({ id, shortName, layer, title, muted = false, children }: TProps) {
  return (
    <span className="flex min-w-0 items-center gap-2">
      <Link href={datasetHref(id)} className={`truncate font-medium hover:underline ${muted ? "text-slate-500" : "text-slate-900"}`} title={title ?? shortName}>
        {shortName}
      </Link>
      {layer ? <LayerBadge layer={layer} /> : null}
      {children}
    </span>
  );
}
