// batchCsvRecords: quote-aware record batching across arbitrary chunk boundaries.
import { describe, expect, it } from "vitest";

import { batchCsvRecords } from "@/connectors/files/line-batches";

const CSV = ["1,plain\n", '2,"two\nlines"\n', '3,"a ""quoted"" word, and a comma"\n', '4,"ends with a newline\n"\n', "5,\n", '6,""\n'].join("");

async function* chunksOf(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(text: string, chunkSize: number, maxRows: number, maxBytes = Number.MAX_SAFE_INTEGER) {
  const out: { csv: string; rows: number }[] = [];
  for await (const b of batchCsvRecords(chunksOf(text, chunkSize), { maxRows, maxBytes })) out.push({ csv: b.csv.toString(), rows: b.rows });
  return out;
}

describe("batchCsvRecords", () => {
  it("cuts at record ends, never at newlines inside quotes, whatever the chunk size", async () => {
    for (const chunkSize of [1, 2, 3, 5, 7, 64, 4096]) {
      const batches = await collect(CSV, chunkSize, 2);
      expect(batches.map((b) => b.rows)).toEqual([2, 2, 2]);
      expect(batches.map((b) => b.csv)).toEqual(['1,plain\n2,"two\nlines"\n', '3,"a ""quoted"" word, and a comma"\n4,"ends with a newline\n"\n', '5,\n6,""\n']);
    }
  });

  it("closes a batch at the record that reaches maxBytes", async () => {
    const batches = await collect(CSV, 5, 1000, 10);
    expect(batches.map((b) => b.rows)).toEqual([2, 1, 1, 2]);
    expect(batches.map((b) => b.csv).join("")).toBe(CSV);
  });

  it("yields nothing for empty input", async () => {
    expect(await collect("", 4, 10)).toEqual([]);
  });

  it("counts a last record that lacks its newline, and adds it", async () => {
    expect(await collect('1,a\n2,"b\nc"', 3, 10)).toEqual([{ csv: '1,a\n2,"b\nc"\n', rows: 2 }]);
  });

  it("refuses input that ends inside a quoted field", async () => {
    await expect(collect('1,"never closed\n', 4, 10)).rejects.toThrow(/ends inside a quoted field/);
  });
});
