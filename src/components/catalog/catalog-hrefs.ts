/**
 * Addresses of catalog pages and downloads. Every id and name is encoded,
 * so no value can change the path or add a parameter. Pure.
 */

export function datasetHref(id: string): string {
  return `/catalog/${encodeURIComponent(id)}`;
}

export function explorerHref(datasetId: string): string {
  return `/lineage?${new URLSearchParams({ dataset: datasetId })}`;
}

/** The impact as CSV (session cookie auth), of the whole dataset or of one column. */
export function impactCsvHref(datasetId: string, column?: string): string {
  const base = `/api/v1/datasets/${encodeURIComponent(datasetId)}/impact.csv`;
  return column ? `${base}?${new URLSearchParams({ column })}` : base;
}
