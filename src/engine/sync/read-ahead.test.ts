import { describe, expect, it } from "vitest";

import { readAhead } from "@/engine/sync/read-ahead";

/** A source that records when each item's production starts and whether it was closed. */
function recordingSource(count: number, failAt?: number) {
  const log: string[] = [];
  async function* produce() {
    try {
      for (let i = 0; i < count; i++) {
        log.push(`read ${i}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (i === failAt) throw new Error(`source failed at ${i}`);
        yield i;
      }
    } finally {
      log.push("closed");
    }
  }
  return { log, items: produce() };
}

describe("readAhead", () => {
  it("yields every item in order and starts reading the next before the consumer is done with the current", async () => {
    const { log, items } = recordingSource(3);
    const seen: number[] = [];
    for await (const item of readAhead(items)) {
      log.push(`load ${item} start`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      log.push(`load ${item} end`);
      seen.push(item);
    }
    expect(seen).toEqual([0, 1, 2]);
    expect(log.indexOf("read 1")).toBeLessThan(log.indexOf("load 0 end"));
    expect(log.indexOf("read 2")).toBeLessThan(log.indexOf("load 1 end"));
    expect(log.filter((line) => line === "closed")).toHaveLength(1);
  });

  it("passes the source's failure to the consumer", async () => {
    const { items } = recordingSource(5, 2);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const item of readAhead(items)) seen.push(item);
      })(),
    ).rejects.toThrow("source failed at 2");
    expect(seen).toEqual([0, 1]);
  });

  it("closes the source when the consumer stops early, without an unhandled rejection", async () => {
    const { log, items } = recordingSource(5, 1);
    for await (const item of readAhead(items)) {
      expect(item).toBe(0);
      break; // item 1 is being read (and fails) meanwhile
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log).toContain("closed");
  });
});
