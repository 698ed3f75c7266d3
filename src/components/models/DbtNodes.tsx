"use client";
/**
 * What was imported from dbt projects: their models, seeds, snapshots and
 * sources, with the relation each builds and its latest status in dbt. dbt
 * runs them, not Weir; their tests are checks on the Quality page.
 * Engineers import (again) from here.
 */
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { DbtImportForm } from "@/components/models/DbtImportForm";
import { trpc } from "@/components/trpc/trpc-react";

const STATUS: Record<string, string> = {
  success: "text-emerald-700",
  pass: "text-emerald-700",
  error: "text-red-700",
  fail: "text-red-700",
  skipped: "text-slate-500",
};

export function DbtNodes({ canEdit }: { canEdit: boolean }) {
  const nodes = trpc.dbt.nodes.useQuery();
  const list = nodes.data ?? [];
  if (!canEdit && list.length === 0) return null;
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="dbt-nodes">
      <h2 className="border-b border-slate-200 px-4 py-3 font-semibold">
        From dbt <span className="ml-1 text-sm font-normal text-slate-500">{list.length ? `${list.length} nodes` : ""}</span>
      </h2>
      {nodes.error ? (
        <div className="p-4">
          <ErrorAlert message={nodes.error.message} />
        </div>
      ) : null}
      {nodes.data && list.length === 0 ? (
        <p className="px-4 pt-3 text-sm text-slate-600">
          Nothing imported yet. A dbt project&apos;s manifest brings its models and sources here, and its tests become checks.
        </p>
      ) : null}
      {list.length ? (
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-2">Name</th>
              <th className="px-4 py-2">Kind</th>
              <th className="px-4 py-2">Relation</th>
              <th className="px-4 py-2">Materialization</th>
              <th className="px-4 py-2">Reads</th>
              <th className="px-4 py-2">Last status in dbt</th>
            </tr>
          </thead>
          <tbody>
            {list.map((n) => (
              <tr key={n.uniqueId} className="border-t border-slate-100 align-top" data-testid={`dbt-node-${n.name}`}>
                <td className="px-4 py-2">
                  <span className="font-medium">{n.name}</span>
                  {n.description ? <p className="text-xs text-slate-500">{n.description}</p> : null}
                </td>
                <td className="px-4 py-2 text-slate-600">{n.kind}</td>
                <td className="px-4 py-2 font-mono text-xs">{n.relation}</td>
                <td className="px-4 py-2 text-slate-600">{n.materialization ?? "—"}</td>
                <td className="px-4 py-2 text-xs text-slate-600">{n.upstream.length ? n.upstream.map((u) => u.split(".").pop()).join(", ") : "—"}</td>
                <td className={`px-4 py-2 ${STATUS[n.lastStatus ?? ""] ?? "text-slate-600"}`}>{n.lastStatus ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canEdit ? (
        <details className="px-4 py-3">
          <summary className="cursor-pointer text-sm font-medium text-slate-700">Import a dbt project (manifest.json, run_results.json)</summary>
          <div className="mt-3">
            <DbtImportForm />
          </div>
        </details>
      ) : null}
    </section>
  );
}
