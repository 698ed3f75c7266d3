import { describe, expect, it } from "vitest";

import { readAhead } from "@/engine/sync/read-ahead";
import { until } from "@/lib/testing/until";

/** A source that records when each item's production starts and whether it was closed. */
function recordingSource(count: number, failAt?: number) {
  const log: string[] = [];
  async function* produce() {
    try {
      for (let i = 0; i < count; i++) {
        log.push(`read ${i}`);
        await Promise.resolve(); // production is asynchronous, as a source's read is
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
      // The load finishes only once the next item is being read: without read-ahead nothing reads it meanwhile and this times out.
      if (item < 2)
        await until(
          `read ${item + 1} while item ${item} loads`,
          () => log.includes(`read ${item + 1}`),
          2_000,
          () => log.join(", "),
          1,
        );
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
    await until(
      "the source closed",
      () => log.includes("closed"),
      2_000,
      () => log.join(", "),
      1,
    );
    expect(log.filter((line) => line === "closed")).toHaveLength(1);
  });
});
