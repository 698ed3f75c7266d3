/**
 * What the colours and lines of the lineage explorer mean, and how to use it.
 */
import { EDGE_COLORS } from "@/components/lineage/flow-elements";
import { QUALITY_DOTS, layerTint } from "@/components/lineage/lineage-styles";

const LAYERS: Array<[string | null, string]> = [
  ["bronze", "Bronze"],
  ["silver", "Silver"],
  ["gold", "Gold"],
  [null, "Source / external"],
];

export function LineageLegend({ columnMode }: { columnMode: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-x-5 gap-y-2 border-t border-slate-200 px-4 py-2.5 text-xs text-slate-600" data-testid="lineage-legend">
      {LAYERS.map(([layer, label]) => {
        const tint = layerTint(layer);
        return (
          <span key={label} className="flex items-center gap-1.5">
            <span
              className="inline-block h-3 w-5 rounded-sm"
              style={{ background: tint.fill, outline: `1px ${tint.dashed ? "dashed" : "solid"} ${tint.stroke}`, outlineOffset: -1 }}
            />
            {label}
          </span>
        );
      })}
      <Line color={EDGE_COLORS.table.none} label="Lineage edge" />
      <Line color={EDGE_COLORS.table.none} dashed label="Stale edge (not seen by its job's last run)" />
      {columnMode ? <Line color={EDGE_COLORS.column.none} label="Column edge" /> : null}
      <span className="flex items-center gap-1.5">
        {(["passed", "warn", "failed", "none"] as const).map((s) => (
          <span key={s} className="inline-block h-2.5 w-2.5 rounded-full" style={{ background: QUALITY_DOTS[s].color }} title={QUALITY_DOTS[s].label} />
        ))}
        Quality: passed, warn, failed, no checks
      </span>
      <span className="text-amber-700">⚠ unresolved columns</span>
      <span className="basis-full text-slate-500">
        Click a dataset{columnMode ? " or a column" : ""} to trace its upstream and downstream path; click the background to clear. Double-click (or “open”) to
        open it in the catalog. <b>+N</b> loads more.
        {columnMode ? "" : " Turn on Column level to see column-to-column lineage."}
      </span>
    </div>
  );
}

function Line({ color, dashed, label }: { color: string; dashed?: boolean; label: string }) {
  return (
    <span className="flex items-center gap-1.5">
      <svg width="26" height="8" aria-hidden="true">
        <line x1="1" y1="4" x2="25" y2="4" stroke={color} strokeWidth="1.5" strokeDasharray={dashed ? "5 3" : undefined} />
      </svg>
      {label}
    </span>
  );
}
