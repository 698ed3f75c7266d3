"use client";
/**
 * The tinted band behind the datasets of one layer (bronze, silver, gold),
 * with the layer's name; drawn under the nodes and never clickable.
 */
import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { TBandFlowNode } from "@/components/lineage/flow-elements";
import { layerTint } from "@/components/lineage/lineage-styles";

export const LayerBand = memo(function LayerBand({ data }: NodeProps<TBandFlowNode>) {
  const tint = layerTint(data.layer);
  return (
    <div
      className="h-full w-full rounded-xl"
      style={{ background: `${tint.fill}b3`, outline: `1px dashed ${tint.stroke}`, outlineOffset: -1 }}
      data-testid="lineage-band"
      data-layer={data.layer}
    >
      <span className="block px-3 pt-1 text-[11px] font-semibold uppercase tracking-wider text-slate-500">{data.layer}</span>
    </div>
  );
});
