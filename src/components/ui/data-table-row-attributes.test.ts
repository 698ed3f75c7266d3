/**
 * DataTable's rowAttributes: the data-* attributes a row carries beside its
 * test id, which specs select rows by (e.g. a schema column by name).
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TDataColumn } from "@/components/ui/data-column";
import { DataTable } from "@/components/ui/DataTable";

type TRow = { name: string; pii: boolean };
const COLUMNS: TDataColumn<TRow>[] = [{ id: "name", header: "Column", cell: (r) => r.name }];
const ROWS: TRow[] = [
  { name: "email", pii: true },
  { name: "id", pii: false },
];

describe("DataTable rowAttributes", () => {
  it("puts each row's data-* attributes on its tr and leaves undefined ones out", () => {
    const html = renderToStaticMarkup(
      createElement(DataTable<TRow>, {
        rows: ROWS,
        columns: COLUMNS,
        rowTestId: () => "dataset-column",
        rowAttributes: (r) => ({ "data-column": r.name, "data-pii": r.pii ? "true" : undefined }),
      }),
    );
    expect(html).toContain('data-column="email" data-pii="true"');
    expect(html).toContain('data-column="id" class=');
    expect(html).not.toContain('data-column="id" data-pii');
    expect(html.match(/data-testid="dataset-column"/g)).toHaveLength(2);
  });

  it("renders rows as before without it", () => {
    const html = renderToStaticMarkup(createElement(DataTable<TRow>, { rows: ROWS, columns: COLUMNS }));
    expect(html).not.toContain("data-column");
  });
});
