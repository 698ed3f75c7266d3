/**
 * The explorer's colours, shared by the nodes, bands and legend: the layer
 * tints are the models page's (LayerBadge), datasets without a layer
 * (sources, external datasets) are white with a dashed outline.
 */
import { LAYER_STYLES } from "@/components/models/LayerBadge";

export type TNodeTint = { fill: string; stroke: string; badge: string; dashed: boolean };

const NO_LAYER: TNodeTint = { fill: "#ffffff", stroke: "#94a3b8", badge: "bg-slate-100 text-slate-700", dashed: true };

export function layerTint(layer: string | null): TNodeTint {
  const style = layer ? LAYER_STYLES[layer] : undefined;
  return style ? { ...style, dashed: false } : NO_LAYER;
}

export const QUALITY_DOTS: Record<"passed" | "warn" | "failed" | "none", { color: string; label: string }> = {
  passed: { color: "#10b981", label: "checks passed" },
  warn: { color: "#f59e0b", label: "a warning check failed" },
  failed: { color: "#ef4444", label: "an error check failed" },
  none: { color: "#cbd5e1", label: "no checks" },
};
