import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { FileSpool, type TSpooledFile } from "@/connectors/snowflake/file-spool";

describe("FileSpool", () => {
  it("cuts batches into gzip files of about the bound, in order, each with its rows and first extraction time; nothing is lost", async () => {
    const spool = await FileSpool.create("_weir_stage_test", 64 * 1024);
    const files: TSpooledFile[] = [];
    const written: Buffer[] = [];
    try {
      for (let b = 0; b < 40; b++) {
        const csv = Buffer.from(`${Array.from({ length: 10 }, () => randomBytes(500).toString("hex")).join("\n")}\n`);
        written.push(csv);
        const done = await spool.write(csv, 10, new Date(Date.UTC(2024, 0, 1, 0, 0, b)));
        if (done) files.push(done);
      }
      const last = await spool.finish();
      if (last) files.push(last);
      expect(files.length).toBeGreaterThanOrEqual(3);
      expect(files.map((f) => f.seq)).toEqual(files.map((_, i) => i + 1));
      expect(files.map((f) => f.name)).toEqual(files.map((f) => `_weir_stage_test_${String(f.seq).padStart(6, "0")}.csv.gz`));
      for (const f of files.slice(0, -1)) expect(f.compressedBytes).toBeGreaterThanOrEqual(64 * 1024);
      expect(files.reduce((n, f) => n + f.rows, 0)).toBe(400);
      expect(files[1]!.extractedAt.getTime()).toBeGreaterThan(files[0]!.extractedAt.getTime());
      expect(Buffer.concat(files.map((f) => gunzipSync(readFileSync(f.path))))).toEqual(Buffer.concat(written));
      expect(await spool.finish()).toBeNull();
    } finally {
      await spool.dispose();
    }
    expect(() => readFileSync(files[0]!.path)).toThrow();
  });
});
