"use client";
/**
 * What the failures block: for each one, the datasets and models
 * downstream of it in the lineage, nearest first, with their owners, so
 * on-call knows whom it affects. The failures that block most come first.
 */
import Link from "next/link";
import { OVERVIEW_ITEMS, useFirstItems } from "@/components/health/useFirstItems";
import { LayerBadge } from "@/components/models/LayerBadge";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { Panel } from "@/components/ui/Panel";
import { PanelNote } from "@/components/ui/PanelNote";
import { trpc } from "@/components/trpc/trpc-react";

const CAUSES = { connection: "failing connection", model: "failing model", check: "failing check", freshness: "late dataset" } as const;

export function BlockedPanel({ refreshMs }: { refreshMs: number }) {
  const blocked = trpc.health.blocked.useQuery(undefined, { refetchInterval: refreshMs });
  const rows = (blocked.data ?? []).filter((b) => b.total > 0);
  const { shown, toggle } = useFirstItems(rows, OVERVIEW_ITEMS);
  return (
    <div data-testid="blocked-panel" data-ready={blocked.data ? "true" : "false"}>
      <Panel title="What is blocked">
        {blocked.error ? (
          <div className="px-4 pt-3">
            <ErrorAlert message={blocked.error.message} />
          </div>
        ) : null}
        {rows.length === 0 ? (
          <PanelNote>{blocked.data?.length ? "The failures have nothing downstream in the lineage." : "Nothing is failing, so nothing is blocked."}</PanelNote>
        ) : (
          <ul className="divide-y divide-slate-100">
            {shown.map((b) => (
              <li key={b.key} className="px-4 py-3" data-testid="blocked-failure" data-key={b.key}>
                <p className="text-sm">
                  <Link href={b.href} className="font-medium hover:underline">
                    {b.label}
                  </Link>{" "}
                  <span className="text-slate-500">({CAUSES[b.cause]})</span> blocks {b.total} dataset{b.total === 1 ? "" : "s"}
                  {b.models ? `, ${b.models} of them model${b.models === 1 ? "" : "s"}` : ""}:
                </p>
                <ul className="mt-1 flex flex-wrap gap-2">
                  {b.blocked.map((d) => (
                    <li
                      key={d.id}
                      className="rounded border border-orange-200 bg-orange-50 px-2 py-1 text-xs"
                      data-testid="blocked-dataset"
                      data-name={d.shortName}
                      data-kind={d.kind}
                    >
                      <Link href={`/catalog/${d.id}`} className="font-medium text-orange-950 hover:underline" title={d.name}>
                        {d.shortName}
                      </Link>
                      {d.layer ? (
                        <span className="ml-1">
                          <LayerBadge layer={d.layer} />
                        </span>
                      ) : null}
                      <span className="ml-1 text-orange-900">
                        {d.kind === "model" ? "model" : "table"} · owner {d.owner ?? "none"}
                      </span>
                    </li>
                  ))}
                  {b.total > b.blocked.length ? <li className="px-2 py-1 text-xs text-slate-500">and {b.total - b.blocked.length} more</li> : null}
                </ul>
              </li>
            ))}
          </ul>
        )}
        {toggle}
      </Panel>
    </div>
  );
}
