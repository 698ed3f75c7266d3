/**
 * A table's last column: a small link to the row's own page ("Details",
 * "Run"), right-aligned; nothing when the row has no page.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import type { TDataColumn } from "@/components/ui/data-column";

export function linkColumn<T>(label: ReactNode, href: (row: T) => string | null, id = "link"): TDataColumn<T> {
  return {
    id,
    header: "",
    className: "text-right",
    cell: (r) => {
      const to = href(r);
      return to ? (
        <Link href={to} className="text-xs font-medium text-slate-700 underline">
          {label}
        </Link>
      ) : null;
    },
  };
}
