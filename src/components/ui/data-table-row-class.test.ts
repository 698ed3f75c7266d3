// DataTable's rowClassName as a function of the row (a per-row class, e.g.
// greyed when a stream is not selected), next to the plain string form.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TDataColumn } from "@/components/ui/data-column";
import { DataTable } from "@/components/ui/DataTable";

type TRow = { id: string; selected: boolean };
const ROWS: TRow[] = [
  { id: "a", selected: true },
  { id: "b", selected: false },
];
const COLUMNS: TDataColumn<TRow>[] = [{ id: "id", header: "Id", cell: (r) => r.id }];

const rowClasses = (rowClassName: string | ((row: TRow) => string | undefined)) =>
  [
    ...renderToStaticMarkup(createElement(DataTable<TRow>, { rows: ROWS, columns: COLUMNS, rowId: (r) => r.id, rowClassName })).matchAll(
      /<tr class="([^"]*)"/g,
    ),
  ].map((m) => m[1]);

describe("DataTable rowClassName", () => {
  it("adds a string to every body row", () => {
    expect(rowClasses("align-top")).toEqual(["border-t border-slate-100 align-top", "border-t border-slate-100 align-top"]);
  });
  it("adds a function's class per row, nothing when it returns undefined", () => {
    expect(rowClasses((r) => (r.selected ? undefined : "text-slate-400"))).toEqual(["border-t border-slate-100", "border-t border-slate-100 text-slate-400"]);
  });
});
