import { describe, expect, it } from "vitest";

import { quoteEndOfDataMarkers } from "@/connectors/postgres-destination/copy-batch";
import { encodeWireRows } from "@/connectors/wire-format";

const q = (text: string) => quoteEndOfDataMarkers(Buffer.from(text)).toString();

describe("quoteEndOfDataMarkers", () => {
  it("quotes unquoted lines that are exactly \\. (COPY's end-of-data marker before PostgreSQL 18)", () => {
    expect(q("a\n\\.\nb\n")).toBe('a\n"\\."\nb\n');
    expect(q("\\.\n")).toBe('"\\."\n');
    expect(q("a\r\n\\.\r\nb\r\n")).toBe('a\r\n"\\."\r\nb\r\n');
    expect(q("a\n\\.")).toBe('a\n"\\."');
  });

  it("leaves data alone: \\. inside quoted fields, among other fields, or with more on the line", () => {
    const quoted = encodeWireRows([{ name: "t", type: { kind: "text" }, nullable: true }], [["x\n\\.\ny"], ['"\n\\.']]);
    expect(quoteEndOfDataMarkers(quoted)).toBe(quoted);
    for (const text of ["a,\\.\n", "\\.,a\n", "\\.x\n", "x\\.\n", 'a,"b\n\\.\nc"\n']) expect(q(text)).toBe(text);
  });

  it("returns the same buffer when there is nothing to quote", () => {
    const csv = Buffer.from("1,a\n2,b\n");
    expect(quoteEndOfDataMarkers(csv)).toBe(csv);
  });
});
