import { describe, expect, it } from "vitest";
import { advance, landedPositions } from "@/engine/stream/stream-connection";

const r = (partition: number, first: string, last: string) => ({ stream: "t", partition, first, last });

describe("appending a micro-batch instead of merging it", () => {
  it("merges when nothing is known of what landed (a first batch, or after a clear)", () => {
    expect(advance(null, [r(0, "0", "9")])).toEqual({ fresh: false, next: { 0: "9" } });
    expect(landedPositions(null)).toBeNull();
    expect(landedPositions("not json")).toBeNull();
  });

  it("appends only when every partition starts after what landed of it", () => {
    const held = landedPositions(JSON.stringify({ 0: "9", 1: "99" }))!;
    expect(advance(held, [r(0, "10", "19"), r(1, "100", "150")])).toEqual({ fresh: true, next: { 0: "19", 1: "150" } });
    // A replay after a crash starts at or before what landed: merged on the key.
    expect(advance(held, [r(0, "10", "19"), r(1, "99", "150")]).fresh).toBe(false);
    expect(advance(held, [r(0, "5", "8")])).toEqual({ fresh: false, next: { 0: "9", 1: "99" } });
    // A partition never landed before is merged once.
    expect(advance(held, [r(2, "0", "4")])).toEqual({ fresh: false, next: { 0: "9", 1: "99", 2: "4" } });
    // Offsets compare as 64-bit numbers, not text.
    expect(advance({ 0: "9" }, [r(0, "10", "12")]).fresh).toBe(true);
  });
});
