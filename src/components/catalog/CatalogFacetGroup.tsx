"use client";
/**
 * One facet of the catalog search as checkboxes with counts. Checking values
 * narrows the search; a checked value stays listed even when no result has
 * it any more, so it can be unchecked. Long lists show their first values.
 */
import { useState } from "react";
import { QUALITY_LABELS } from "@/components/catalog/QualityBadge";
import type { TFacetGroup } from "@/components/catalog/catalog-search-state";
import { Button } from "@/components/ui/Button";

const TITLES: Record<TFacetGroup, string> = { platform: "Platform", layer: "Layer", owner: "Owner", tag: "Tag", quality: "Quality" };
const SHOWN = 8;

type TGroupProps = { group: TFacetGroup; values: Array<{ value: string; count: number }>; checked: string[]; onToggle: (value: string) => void };

export function CatalogFacetGroup({ group, values, checked, onToggle }: TGroupProps) {
  const [expanded, setExpanded] = useState(false);
  const listed = [...values, ...checked.filter((c) => !values.some((v) => v.value === c)).map((value) => ({ value, count: 0 }))];
  if (listed.length === 0) return null;
  const visible = expanded ? listed : listed.filter((v, i) => i < SHOWN || checked.includes(v.value));
  return (
    <fieldset data-testid={`facet-group-${group}`}>
      <legend className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">{TITLES[group]}</legend>
      <ul className="space-y-0.5">
        {visible.map(({ value, count }) => (
          <li key={value}>
            <label className="flex cursor-pointer items-center gap-2 rounded px-1 py-0.5 text-sm text-slate-700 hover:bg-slate-100">
              <input
                type="checkbox"
                checked={checked.includes(value)}
                onChange={() => onToggle(value)}
                className="h-3.5 w-3.5 shrink-0 rounded border-slate-300"
                data-testid={`facet-${group}-${value}`}
              />
              <span className={`min-w-0 flex-1 truncate ${group === "tag" ? "font-mono text-xs" : ""}`} title={value}>
                {group === "quality" ? (QUALITY_LABELS[value] ?? value) : value}
              </span>
              <span className="text-xs tabular-nums text-slate-400">{count.toLocaleString("en-US")}</span>
            </label>
          </li>
        ))}
      </ul>
      {listed.length > SHOWN ? (
        <Button variant="quiet" size="sm" onClick={() => setExpanded(!expanded)} className="mt-1 px-1 underline">
          {expanded ? "Show fewer" : `Show all ${listed.length}`}
        </Button>
      ) : null}
    </fieldset>
  );
}
