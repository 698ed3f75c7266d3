"use client";
/**
 * A dataset in the lineage explorer: short name, layer, platform, owner and
 * quality dot, tinted by layer; in column mode its columns below. "+N"
 * buttons on its sides load the upstream or downstream datasets not shown
 * yet. Memoised: React Flow re-renders it only when its data object changes,
 * which the flow builder does only when its look changes.
 */
import { Handle, Position, type NodeProps } from "@xyflow/react";
import Link from "next/link";
import { memo, useContext } from "react";
import { ColumnRow } from "@/components/lineage/ColumnRow";
import type { TDatasetFlowNode, TSide } from "@/components/lineage/flow-elements";
import { HEADER_HEIGHT, TABLE_IN, TABLE_OUT } from "@/components/lineage/graph-geometry";
import { LineageActions } from "@/components/lineage/lineage-actions";
import { QUALITY_DOTS, layerTint } from "@/components/lineage/lineage-styles";

const HANDLE_STYLE = { top: HEADER_HEIGHT / 2, opacity: 0, pointerEvents: "none" } as const;

export const LineageNode = memo(function LineageNode({ data }: NodeProps<TDatasetFlowNode>) {
  const { node, center, columnMode, state, pathColumns, expand, expanding, unresolved } = data;
  const tint = layerTint(node.layer);
  const quality = QUALITY_DOTS[node.qualityStatus ?? "none"];
  const outline = state === "on" ? "2px solid #0284c7" : center ? "2px solid #0f172a" : `1px ${tint.dashed ? "dashed" : "solid"} ${tint.stroke}`;
  return (
    <div
      className={`relative h-full w-full rounded-lg shadow-sm transition-opacity ${state === "off" ? "opacity-35" : ""}`}
      style={{ background: tint.fill, outline, outlineOffset: -1 }}
      data-testid="lineage-node"
      data-name={node.shortName}
      data-id={node.id}
      data-center={center ? "true" : undefined}
      data-highlighted={state === "on" ? "true" : undefined}
      title={`${node.namespace} · ${node.name}\nClick to trace its lineage; double-click to open it in the catalog.`}
    >
      <Handle type="target" position={Position.Left} id={TABLE_IN} isConnectable={false} style={HANDLE_STYLE} />
      <div className={`flex flex-col justify-center gap-1 px-3 ${columnMode ? "border-b border-black/10" : ""}`} style={{ height: HEADER_HEIGHT }}>
        <div className="flex min-w-0 items-center gap-1.5">
          <span
            className="h-2.5 w-2.5 shrink-0 rounded-full"
            style={{ background: quality.color }}
            title={`Quality: ${quality.label}`}
            data-testid="lineage-quality"
            data-status={node.qualityStatus ?? "none"}
          />
          <span className="truncate text-sm font-semibold text-slate-900">{node.shortName}</span>
          {unresolved.length > 0 ? (
            <span
              className="shrink-0 cursor-help text-xs text-amber-600"
              title={`Columns whose sources could not be resolved:\n${unresolved.join("\n")}`}
              data-testid="lineage-unresolved"
            >
              ⚠
            </span>
          ) : null}
          <Link
            href={`/catalog/${node.id}`}
            className="nodrag nopan ml-auto shrink-0 rounded px-1 text-[11px] text-slate-500 hover:bg-white hover:text-slate-900"
            title="Open in the catalog"
            data-testid="lineage-open"
            onClick={(event) => event.stopPropagation()}
          >
            open ↗
          </Link>
        </div>
        <div className="flex min-w-0 items-center gap-1.5 text-[11px] text-slate-600">
          <span className={`shrink-0 rounded px-1.5 font-medium ${tint.badge}`}>{node.removedAt ? "removed" : (node.layer ?? node.kind)}</span>
          <span className="truncate">{node.platform}</span>
          <span className="text-slate-300">·</span>
          <span className={`truncate ${node.owner ? "" : "italic text-slate-400"}`}>{node.owner ?? "no owner"}</span>
        </div>
      </div>
      {columnMode ? (
        <div>
          {(node.columns ?? []).map((c) => (
            <ColumnRow
              key={c.name}
              nodeId={node.id}
              nodeName={node.shortName}
              name={c.name}
              type={c.type}
              pii={c.pii}
              onPath={pathColumns ? pathColumns.has(c.name) : null}
            />
          ))}
        </div>
      ) : null}
      <Handle type="source" position={Position.Right} id={TABLE_OUT} isConnectable={false} style={HANDLE_STYLE} />
      {expand.upstream > 0 ? <ExpandButton nodeId={node.id} side="upstream" count={expand.upstream} busy={expanding === "upstream"} /> : null}
      {expand.downstream > 0 ? <ExpandButton nodeId={node.id} side="downstream" count={expand.downstream} busy={expanding === "downstream"} /> : null}
    </div>
  );
});

function ExpandButton({ nodeId, side, count, busy }: { nodeId: string; side: TSide; count: number; busy: boolean }) {
  const { expand } = useContext(LineageActions);
  // Outside the node, above where edges meet it, so it never hides an arrow or the node's text.
  const place = side === "upstream" ? "right-full mr-1" : "left-full ml-1";
  return (
    <button
      type="button"
      className={`nodrag nopan absolute flex h-5 min-w-5 items-center justify-center rounded-full border border-slate-300 bg-white px-1 text-[10px] font-semibold text-slate-700 shadow-sm hover:border-slate-500 hover:text-slate-950 disabled:cursor-wait ${place}`}
      style={{ top: 4 }}
      disabled={busy}
      title={`Show ${count} more ${side} edge${count === 1 ? "" : "s"}`}
      aria-label={`Expand ${side}`}
      data-testid={`expand-${side}`}
      onClick={(event) => {
        event.stopPropagation();
        expand(nodeId, side);
      }}
      onDoubleClick={(event) => event.stopPropagation()}
    >
      {busy ? "…" : `+${count}`}
    </button>
  );
}
