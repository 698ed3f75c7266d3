/**
 * The explorer's state in the URL: /lineage?dataset=<id>&depth=<1..5>&columns=1&hideStale=1,
 * so a view can be shared and the back button works. Pure.
 */
export type TLineageParams = {
  dataset: string | null;
  /** 1 to 5; 2 when absent or unreadable. */
  depth: number;
  columns: boolean;
  hideStale: boolean;
};

export const DEFAULT_DEPTH = 2;
export const MAX_DEPTH = 5;

type TSearch = { get: (name: string) => string | null };

export function parseLineageParams(search: TSearch): TLineageParams {
  const depth = Number.parseInt(search.get("depth") ?? "", 10);
  return {
    dataset: search.get("dataset")?.trim() || null,
    depth: Number.isFinite(depth) ? Math.min(MAX_DEPTH, Math.max(1, depth)) : DEFAULT_DEPTH,
    columns: search.get("columns") === "1",
    hideStale: search.get("hideStale") === "1",
  };
}

export function lineageHref(params: TLineageParams): string {
  const search = new URLSearchParams();
  if (params.dataset) search.set("dataset", params.dataset);
  if (params.dataset || params.depth !== DEFAULT_DEPTH) search.set("depth", String(params.depth));
  if (params.columns) search.set("columns", "1");
  if (params.hideStale) search.set("hideStale", "1");
  const query = search.toString();
  return query ? `/lineage?${query}` : "/lineage";
}
