/**
 * The landing page after sign-in: where to go for each job.
 */
import Link from "next/link";
import { PageHeader } from "@/components/shell/PageHeader";
import { Panel } from "@/components/ui/Panel";

const CARDS = [
  { href: "/connections", title: "Move data", body: "Register sources and destinations and design connections." },
  { href: "/catalog", title: "Find data", body: "Search datasets, read their schema, owners, freshness and quality." },
  { href: "/lineage", title: "Trace data", body: "Follow tables and columns upstream and downstream." },
  { href: "/health", title: "Run health", body: "See what failed, what is late and which workers are alive." },
];

export function Overview({ name }: { name: string }) {
  return (
    <>
      <PageHeader
        title={`Welcome${name ? `, ${name}` : ""}`}
        description="Weir runs your data platform: syncs, transformations, quality, catalog and lineage."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        {CARDS.map((c) => (
          <Link key={c.href} href={c.href} className="group block">
            <Panel className="h-full p-5 group-hover:border-slate-400">
              <h2 className="font-semibold">{c.title}</h2>
              <p className="mt-1 text-sm text-slate-600">{c.body}</p>
            </Panel>
          </Link>
        ))}
      </div>
    </>
  );
}
