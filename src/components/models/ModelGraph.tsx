"use client";
/**
 * The models as a graph (nodes = models, arrows from what a model refs to
 * the model), laid out left to right by model-graph-layout.ts and drawn as
 * SVG. Nodes carry the layer's colour and the latest build's status; a click
 * opens the model. `highlight` marks one model (on its own page).
 */
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { LAYER_STYLES } from "@/components/models/LayerBadge";
import { NODE_HEIGHT, NODE_WIDTH, edgePath, layoutModelGraph } from "@/components/models/model-graph-layout";
import type { TModelLineage } from "@/components/models/model-lineage";

const STATUS_DOT: Record<string, string> = {
  succeeded: "#10b981",
  failed: "#ef4444",
  blocked: "#f97316",
  skipped: "#94a3b8",
  cancelled: "#f59e0b",
  running: "#0ea5e9",
  queued: "#cbd5e1",
};

type TProps = { lineage: TModelLineage; statuses: Map<string, string>; highlight?: string };

export function ModelGraph({ lineage, statuses, highlight }: TProps) {
  const router = useRouter();
  // Laid out again only when the models or their refs change.
  const key = lineage.nodes
    .map((n) => `${n.name}<${n.refs.join(",")}`)
    .sort()
    .join(";");
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the models and refs, not by the object's identity
  const layout = useMemo(() => layoutModelGraph(lineage), [key]);
  const byName = new Map(lineage.nodes.map((n) => [n.name, n]));
  if (layout.nodes.length === 0) return null;
  return (
    <div className="overflow-x-auto" data-testid="model-graph">
      <svg width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label="Model graph">
        <defs>
          <marker id="weir-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#94a3b8" />
          </marker>
        </defs>
        {layout.edges.map((e) => (
          <path
            key={`${e.from}->${e.to}`}
            d={edgePath(e.points)}
            fill="none"
            stroke="#94a3b8"
            strokeWidth={1.5}
            markerEnd="url(#weir-arrow)"
            data-testid={`model-edge-${e.from}-${e.to}`}
          />
        ))}
        {layout.nodes.map((n) => {
          const model = byName.get(n.id)!;
          const style = LAYER_STYLES[model.layer] ?? LAYER_STYLES.silver!;
          const status = statuses.get(n.id);
          const label = n.id.length > 22 ? `${n.id.slice(0, 21)}…` : n.id;
          return (
            <g
              key={n.id}
              transform={`translate(${n.x}, ${n.y})`}
              className="cursor-pointer"
              onClick={() => router.push(`/models/${model.id}`)}
              onKeyDown={(ev) => {
                if (ev.key === "Enter") router.push(`/models/${model.id}`);
              }}
              tabIndex={0}
              role="link"
              aria-label={`${n.id} (${model.layer}${status ? `, last build ${status}` : ""})`}
              data-testid={`model-node-${n.id}`}
            >
              <title>{`${n.id} · ${model.layer}${status ? ` · last build ${status}` : ""}`}</title>
              <rect
                width={NODE_WIDTH}
                height={NODE_HEIGHT}
                rx={8}
                fill={style.fill}
                stroke={n.id === highlight ? "#0f172a" : style.stroke}
                strokeWidth={n.id === highlight ? 2.5 : 1.5}
              />
              <text x={12} y={19} fontSize={13} fontWeight={600} fill="#0f172a">
                {label}
              </text>
              <text x={12} y={36} fontSize={11} fill="#64748b">
                {model.layer}
              </text>
              {status ? <circle cx={NODE_WIDTH - 14} cy={NODE_HEIGHT - 14} r={5} fill={STATUS_DOT[status] ?? "#cbd5e1"} /> : null}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
