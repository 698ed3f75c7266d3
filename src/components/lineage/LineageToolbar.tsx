"use client";
/**
 * The explorer's controls: jump to a dataset, depth (1–5), column level and
 * hiding stale edges, and a line saying what is shown.
 */
import type { ReactNode } from "react";
import { MAX_DEPTH, type TLineageParams } from "@/components/lineage/lineage-params";

type TProps = {
  params: TLineageParams;
  onChange: (patch: Partial<TLineageParams>) => void;
  search: ReactNode;
  status: ReactNode;
};

const TOGGLES: Array<{ key: "columns" | "hideStale"; label: string; testId: string; title: string }> = [
  { key: "columns", label: "Column level", testId: "column-mode", title: "List each dataset's columns and draw column-to-column lineage" },
  { key: "hideStale", label: "Hide stale edges", testId: "hide-stale", title: "Hide edges the last successful run of their job did not see" },
];

const DEPTHS = Array.from({ length: MAX_DEPTH }, (_, i) => i + 1);

export function LineageToolbar({ params, onChange, search, status }: TProps) {
  return (
    <div className="flex flex-wrap items-center gap-x-5 gap-y-2 border-b border-slate-200 px-4 py-3">
      {search}
      <label className="flex items-center gap-2 text-sm text-slate-700">
        Depth
        <select
          value={params.depth}
          onChange={(e) => onChange({ depth: Number(e.target.value) })}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          data-testid="lineage-depth"
          title="How many hops upstream and downstream to show"
        >
          {DEPTHS.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </label>
      {TOGGLES.map((t) => (
        <label key={t.key} className="flex cursor-pointer items-center gap-2 text-sm text-slate-700" title={t.title}>
          <input
            type="checkbox"
            checked={params[t.key]}
            onChange={(e) => onChange({ [t.key]: e.target.checked })}
            className="h-4 w-4 rounded border-slate-300"
            data-testid={t.testId}
          />
          {t.label}
        </label>
      ))}
      <div className="ml-auto text-xs text-slate-500">{status}</div>
    </div>
  );
}
