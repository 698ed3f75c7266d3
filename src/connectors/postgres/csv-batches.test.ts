// The quote-aware batch splitter (pure): whole records only, bounds respected, pulled on demand.
import { describe, expect, it } from "vitest";

import { batchCsvLines } from "@/connectors/postgres/csv-batches";

async function* chunksOf(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, "utf8");
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(text: string, size: number, maxRows: number, maxBytes: number) {
  const batches: { csv: string; rows: number }[] = [];
  for await (const b of batchCsvLines(chunksOf(text, size), { maxRows, maxBytes })) batches.push({ csv: b.csv.toString("utf8"), rows: b.rows });
  return batches;
}

const TRICKY = ['1,"a\nb",x\n', '2,"say ""hi""\n, twice",\n', '3,,""\n', '4,"\n\n",ü\n', '5,"""",plain\n', "6,last,row\n"];

describe("batchCsvLines", () => {
  it("never cuts inside a quoted field, whatever the chunk boundaries", async () => {
    const text = TRICKY.join("");
    for (const size of [1, 2, 3, 5, 7, 64, 4096]) {
      for (const maxRows of [1, 2, 4, 100]) {
        const batches = await collect(text, size, maxRows, 1 << 20);
        expect(batches.map((b) => b.csv).join("")).toBe(text);
        expect(batches.reduce((n, b) => n + b.rows, 0)).toBe(TRICKY.length);
        // Every batch is a run of whole records.
        let at = 0;
        for (const b of batches) {
          expect(b.rows).toBeLessThanOrEqual(maxRows);
          expect(b.csv).toBe(TRICKY.slice(at, at + b.rows).join(""));
          at += b.rows;
        }
      }
    }
  });

  it("closes a batch before the line that would pass maxBytes", async () => {
    const lines = Array.from({ length: 100 }, (_, i) => `${i},${"x".repeat(i % 17)}\n`);
    const text = lines.join("");
    for (const size of [3, 50, 1000]) {
      const batches = await collect(text, size, 1000, 64);
      expect(batches.map((b) => b.csv).join("")).toBe(text);
      for (const b of batches) expect(Buffer.byteLength(b.csv)).toBeLessThanOrEqual(64);
      // …and does not close it earlier than it has to.
      for (let i = 0; i + 1 < batches.length; i++) {
        const nextLine = batches[i + 1]!.csv.slice(0, batches[i + 1]!.csv.indexOf("\n") + 1);
        expect(Buffer.byteLength(batches[i]!.csv) + Buffer.byteLength(nextLine)).toBeGreaterThan(64);
      }
    }
  });

  it("lets a single line larger than maxBytes through as its own batch", async () => {
    const big = `1,"${"y".repeat(100)}"\n`;
    const batches = await collect(`0,a\n${big}2,b\n`, 7, 1000, 10);
    expect(batches.map((b) => b.csv)).toEqual(["0,a\n", big, "2,b\n"]);
  });

  it("counts a last line without newline and yields nothing for no input", async () => {
    expect(await collect("1,a\n2,b", 3, 10, 100)).toEqual([{ csv: "1,a\n2,b\n", rows: 2 }]);
    expect(await collect("", 3, 10, 100)).toEqual([]);
  });

  it("refuses output that ends inside a quoted field", async () => {
    await expect(collect('1,"open\n', 4, 10, 100)).rejects.toThrow(/inside a quoted field/);
  });

  it("pulls chunks only as batches are pulled", async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 1000; i++) {
        pulled += 1;
        yield Buffer.from(`${i}\n`);
      }
    }
    const it = batchCsvLines(source(), { maxRows: 10, maxBytes: 1 << 20 })[Symbol.asyncIterator]();
    await it.next();
    expect(pulled).toBe(10);
    await it.next();
    expect(pulled).toBe(20);
    await it.return?.(undefined);
  });
});
