// groupFiles: which files share one COPY.
import { describe, expect, it } from "vitest";

import { groupFiles } from "@/connectors/files/read-stream";

const files = (...sizes: number[]) => sizes.map((size, i) => ({ name: `f${i}`, size }));

describe("groupFiles", () => {
  it("packs consecutive files up to the budget, keeping their order", () => {
    expect(groupFiles(files(40, 50, 20, 90, 10), 100).map((g) => g.map((f) => f.name))).toEqual([["f0", "f1"], ["f2"], ["f3", "f4"]]);
  });

  it("gives a file bigger than the budget a group of its own", () => {
    expect(groupFiles(files(10, 500, 10), 100).map((g) => g.length)).toEqual([1, 1, 1]);
  });

  it("makes no group of no files", () => {
    expect(groupFiles([], 100)).toEqual([]);
  });
});
