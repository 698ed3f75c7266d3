/**
 * A detail page's query: "Loading model…" while it loads; the server's
 * error, or "No such model.", with a link back to the list; else the page,
 * children(data).
 */
import Link from "next/link";
import type { ReactNode } from "react";
import { QueryView } from "@/components/ui/QueryView";
import type { TQueryLike } from "@/components/ui/query-view-state";

type TProps<T> = {
  query: TQueryLike<T>;
  /** What the page shows, for its messages: "model" → "Loading model…", "No such model.". */
  what: string;
  /** The list to go back to: "Back to models". */
  back: { href: string; label: string };
  children: (data: NonNullable<T>) => ReactNode;
};

export function DetailView<T>({ query, what, back, children }: TProps<T>) {
  return (
    <QueryView
      query={query}
      loading={`Loading ${what}…`}
      missing={`No such ${what}.`}
      isEmpty={() => false}
      errorFooter={
        <Link href={back.href} className="text-sm underline">
          Back to {back.label}
        </Link>
      }
    >
      {children}
    </QueryView>
  );
}
