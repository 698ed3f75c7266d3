/**
 * A model's layer (bronze, silver, gold) in the layer's colour, the same in
 * the list, the graph and the model page.
 */
export const LAYER_STYLES: Record<string, { badge: string; fill: string; stroke: string }> = {
  bronze: { badge: "bg-orange-100 text-orange-900", fill: "#fff7ed", stroke: "#fdba74" },
  silver: { badge: "bg-slate-200 text-slate-800", fill: "#f8fafc", stroke: "#94a3b8" },
  gold: { badge: "bg-yellow-100 text-yellow-900", fill: "#fefce8", stroke: "#facc15" },
};

export function LayerBadge({ layer }: { layer: string }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${LAYER_STYLES[layer]?.badge ?? "bg-slate-100"}`}>{layer}</span>;
}
