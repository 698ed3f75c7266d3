// fileObjectKey / selectFiles: which files an incremental read reads, by the ledger's keys (or, for a ledger from before keys, by the old cursor).
import { describe, expect, it } from "vitest";

import { fileObjectKey, selectFiles } from "@/connectors/files/file-ledger";
import type { TStreamFile } from "@/connectors/files/list-files";

const file = (rel: string, size: number, mtimeMicros: bigint): TStreamFile => ({ path: `/data/${rel}`, rel, size, mtimeMicros, mtime: "" });
const OLD = file("a|b.csv", 10, 1_000n);
const MID = file("b.csv", 20, 2_000n);
const NEW = file("dir/c.csv", 0, 3_000n);
const ALL = [OLD, MID, NEW];

describe("fileObjectKey", () => {
  it("joins the relative path, the size and the modification time in µs", () => {
    expect(fileObjectKey(OLD)).toBe("a|b.csv|10|1000");
    expect(fileObjectKey(NEW)).toBe("dir/c.csv|0|3000");
  });
});

describe("selectFiles", () => {
  it("reads the files the ledger does not list, whatever their modification time", () => {
    expect(selectFiles(ALL, new Set([fileObjectKey(MID), fileObjectKey(NEW)]), 3_000n)).toEqual({ read: [OLD], adopted: [], skipped: 2 });
  });

  it("reads a listed file again once its size or modification time changed", () => {
    const seen = new Set(ALL.map(fileObjectKey));
    expect(selectFiles([{ ...MID, size: 21 }, OLD, { ...NEW, mtimeMicros: 3_001n }], seen, 3_000n).read.map((f) => f.rel)).toEqual(["b.csv", "dir/c.csv"]);
  });

  it("reads everything without a ledger or a state", () => {
    expect(selectFiles(ALL, new Set(), null)).toEqual({ read: ALL, adopted: [], skipped: 0 });
    expect(selectFiles(ALL, undefined, null).read).toEqual(ALL);
  });

  it("takes the files up to a saved cursor as read when the ledger lists none yet", () => {
    expect(selectFiles(ALL, new Set(), 2_000n)).toEqual({ read: [NEW], adopted: [fileObjectKey(OLD), fileObjectKey(MID)], skipped: 2 });
  });
});
