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
      <Toggle
        label="Column level"
        checked={params.columns}
        onChange={(columns) => onChange({ columns })}
        testId="column-mode"
        title="List each dataset's columns and draw column-to-column lineage"
      />
      <Toggle
        label="Hide stale edges"
        checked={params.hideStale}
        onChange={(hideStale) => onChange({ hideStale })}
        testId="hide-stale"
        title="Hide edges the last successful run of their job did not see"
      />
      <div className="ml-auto text-xs text-slate-500">{status}</div>
    </div>
  );
}

function Toggle({
  label,
  checked,
  onChange,
  testId,
  title,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  testId: string;
  title: string;
}) {
  return (
    <label className="flex cursor-pointer items-center gap-2 text-sm text-slate-700" title={title}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="h-4 w-4 rounded border-slate-300" data-testid={testId} />
      {label}
    </label>
  );
}
