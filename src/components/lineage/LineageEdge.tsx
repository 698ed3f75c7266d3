"use client";
/**
 * A lineage edge: table to table, or column to column in column mode.
 * Stale edges (their job's last successful run did not see them) are
 * dashed; hovering shows the job, "stale" and when it was last seen. An edge
 * with output columns whose sources could not be resolved carries a warning
 * mark whose title gives each column and why.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { EDGE_COLORS, type TLineageFlowEdge } from "@/components/lineage/flow-elements";

export const LineageEdge = memo(function LineageEdge(props: EdgeProps<TLineageFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, data } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  if (!data) return null;
  const on = data.state === "on";
  const style = {
    stroke: EDGE_COLORS[data.kind][data.state],
    strokeWidth: on ? 2.25 : data.kind === "column" ? 1.25 : 1.5,
    strokeDasharray: data.stale ? "6 4" : undefined,
  };
  return (
    <>
      <g data-testid="lineage-edge" data-kind={data.kind} data-stale={data.stale ? "true" : undefined} data-highlighted={on ? "true" : undefined}>
        <title>{data.title}</title>
        <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={14} />
      </g>
      {data.warning ? (
        <EdgeLabelRenderer>
          <div
            className="nodrag nopan absolute cursor-help rounded-full border border-amber-300 bg-amber-50 px-1.5 text-[10px] font-semibold text-amber-700"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, pointerEvents: "all" }}
            title={data.warning}
            data-testid="lineage-edge-warning"
          >
            ⚠
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});
