/**
 * The impact analysis as CSV (RFC 4180: fields quoted when they hold a
 * comma, quote or line break; formula-looking cells prefixed so a
 * spreadsheet does not run them).
 */
import { datasetRow } from "@/server/catalog/dataset-page";
import { impactOf } from "@/server/catalog/impact";

const HEADER = ["depth", "namespace", "name", "layer", "platform", "owner", "quality", "failing_checks", "columns"];

export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function impactCsv(input: { id: string; column?: string }): Promise<{ filename: string; csv: string }> {
  const root = await datasetRow(input.id);
  const { items } = await impactOf(input);
  const lines = [
    HEADER.join(","),
    ...items.map((i) =>
      [i.depth, i.namespace, i.name, i.layer, i.platform, i.owner, i.qualityStatus, i.failingChecks.join("; "), i.columns.join("; ")].map(csvField).join(","),
    ),
  ];
  const base = `${root.name}${input.column ? `.${input.column}` : ""}`.replace(/[^\w.-]+/g, "_");
  return { filename: `impact-${base}.csv`, csv: `${lines.join("\r\n")}\r\n` };
}
