// The UI kit's logic: sort order, query states, page ranges, button classes,
// and DataTable's markup (sorting, pages, hidden columns, test ids) rendered
// to static HTML as the server would.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { buttonClass } from "@/components/ui/button-class";
import { compareValues } from "@/components/ui/compare-values";
import { ariaSort, cellClass, columnLabel, type TDataColumn } from "@/components/ui/data-column";
import { DataTable } from "@/components/ui/DataTable";
import { pageRange } from "@/components/ui/page-range";
import { queryViewState } from "@/components/ui/query-view-state";
import { QueryView } from "@/components/ui/QueryView";

type TRow = { id: string; name: string; rows: number | null };
const ROWS: TRow[] = [
  { id: "a", name: "run 10", rows: 5 },
  { id: "b", name: "run 2", rows: null },
  { id: "c", name: "Run 1", rows: 40 },
];
const COLUMNS: TDataColumn<TRow>[] = [
  { id: "name", header: "Name", cell: (r) => r.name, sortValue: (r) => r.name, className: "font-medium" },
  { id: "rows", header: "Rows", cell: (r) => String(r.rows ?? "—"), sortValue: (r) => r.rows, numeric: true, testId: "rows-cell", hideable: true },
  { id: "id", header: "Id", cell: (r) => r.id, hideable: true, hidden: true },
];

function html(props: Partial<Parameters<typeof DataTable<TRow>>[0]>): string {
  return renderToStaticMarkup(
    createElement(DataTable<TRow>, { rows: ROWS, columns: COLUMNS, rowId: (r) => r.id, rowTestId: (r) => `row-${r.id}`, testId: "t", ...props }),
  );
}
const order = (markup: string) => [...markup.matchAll(/data-testid="row-(\w)"/g)].map((m) => m[1]).join("");

describe("compareValues", () => {
  it("orders strings naturally, numbers and dates by value, and nothing last", () => {
    expect(["run 10", "run 2", "Run 1"].sort(compareValues)).toEqual(["Run 1", "run 2", "run 10"]);
    expect([3, null, 1, undefined, 2].sort(compareValues)).toEqual([1, 2, 3, null, undefined]);
    expect(compareValues(new Date(2), new Date(1))).toBe(1);
  });
});

describe("queryViewState", () => {
  it("tells loading, error, missing, empty and ready apart", () => {
    expect(queryViewState({ isLoading: true, error: null, data: undefined })).toBe("loading");
    expect(queryViewState({ isLoading: false, error: { message: "no" }, data: undefined })).toBe("error");
    expect(queryViewState({ isLoading: false, error: null, data: null })).toBe("missing");
    expect(queryViewState({ isLoading: false, error: null, data: [] })).toBe("empty");
    expect(queryViewState({ isLoading: false, error: null, data: { items: [] } }, (d) => d.items.length === 0)).toBe("empty");
    expect(queryViewState({ isLoading: false, error: null, data: [1] })).toBe("ready");
  });

  it("renders the server's message as an alert, and children with the data", () => {
    const error = renderToStaticMarkup(
      createElement(QueryView<string[]>, { query: { isLoading: false, error: { message: "Refused: tier" }, data: undefined }, children: () => "x" }),
    );
    expect(error).toContain('role="alert"');
    expect(error).toContain("Refused: tier");
    const ready = renderToStaticMarkup(
      createElement(QueryView<string[]>, { query: { isLoading: false, error: null, data: ["a", "b"] }, children: (d) => d.join("+") }),
    );
    expect(ready).toBe("a+b");
  });
});

describe("pageRange", () => {
  it("gives the first and last row of a page, 1-based", () => {
    expect(pageRange(0, 25, 120)).toEqual({ first: 1, last: 25 });
    expect(pageRange(4, 25, 120)).toEqual({ first: 101, last: 120 });
    expect(pageRange(0, 25, 0)).toEqual({ first: 0, last: 0 });
  });
});

describe("buttonClass and column helpers", () => {
  it("sizes primary buttons md and the others sm by default", () => {
    expect(buttonClass("primary")).toContain("px-4 py-2");
    expect(buttonClass("secondary")).toContain("px-3 py-1.5");
    expect(buttonClass("danger", "md", "w-full")).toMatch(/bg-red-700.*px-4 py-2.*w-full$/);
    expect(buttonClass("link")).not.toContain("px-");
  });
  it("aligns numeric cells right and labels toggles", () => {
    expect(cellClass({ numeric: true })).toBe("px-4 py-2 text-right tabular-nums");
    expect(ariaSort(false, false)).toBeUndefined();
    expect(ariaSort(true, "desc")).toBe("descending");
    expect(columnLabel({ id: "x", header: "Rows" })).toBe("Rows");
    expect(columnLabel({ id: "x", header: null })).toBe("x");
  });
});

describe("DataTable", () => {
  it("renders rows in today's look with the row, cell and table test ids", () => {
    const markup = html({});
    expect(markup).toContain('<table class="w-full text-left text-sm" data-testid="t">');
    expect(markup).toContain('<thead class="text-xs uppercase text-slate-500">');
    expect(markup).toContain('<tr class="border-t border-slate-100" data-testid="row-a">');
    expect(markup).toContain('<td class="px-4 py-2 text-right tabular-nums" data-testid="rows-cell">5</td>');
    expect(order(markup)).toBe("abc");
    expect(markup).not.toContain("aria-sort");
    expect(markup).not.toContain(">Id<");
  });

  it("sorts by the initial column, nothing last, and marks headers with aria-sort", () => {
    const asc = html({ sortable: true, initialSort: { id: "rows" } });
    expect(order(asc)).toBe("acb");
    expect(asc).toContain('aria-sort="ascending"');
    expect(asc).toContain('aria-sort="none"');
    expect(order(html({ sortable: true, initialSort: { id: "name" } }))).toBe("cba");
    expect(order(html({ sortable: true, initialSort: { id: "name", desc: true } }))).toBe("abc");
  });

  it("shows one page and the pager when asked", () => {
    const paged = html({ pageSize: 2, pageSizes: [2, 10] });
    expect(order(paged)).toBe("ab");
    expect(paged).toContain('data-testid="table-pager"');
    expect(paged).toContain("1–2 of 3");
    expect(html({ pageSize: 10 })).not.toContain("table-pager");
  });

  it("lists hideable columns in the Columns menu and says when there are no rows", () => {
    expect(html({ columnToggles: true })).toContain('data-testid="column-toggles"');
    const empty = html({ rows: [], empty: "No runs" });
    expect(empty).toMatch(/<td colSpan="2" [^>]*>No runs<\/td>/);
  });
});
