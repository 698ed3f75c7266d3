import { describe, expect, it } from "vitest";
import { draftsFor, streamProblems, toStreamInputs, type TCatalogStream } from "@/components/connections/stream-settings";

const orders: TCatalogStream = {
  name: "public.orders",
  columns: [{ name: "id", type: { kind: "bigint" }, nullable: false }, { name: "updated_at", type: { kind: "timestamptz" }, nullable: false }],
  primaryKey: ["id"],
  cursorCandidates: ["updated_at"],
  supportsIncremental: true,
};
const log: TCatalogStream = { name: "log.csv", columns: [], primaryKey: [], cursorCandidates: [], supportsIncremental: false };

describe("stream settings", () => {
  it("selects every stream of a new connection with the declared key and first cursor", () => {
    expect(draftsFor([orders])).toEqual([{ stream: "public.orders", selected: true, syncMode: "full_refresh_overwrite", cursorField: "updated_at", primaryKey: ["id"] }]);
  });

  it("keeps saved choices and leaves new streams unselected when editing", () => {
    const saved = [{ id: "1", stream: "public.orders", selected: true, syncMode: "incremental_dedup" as const, cursorField: "updated_at", primaryKey: ["id"], columns: [], state: null, stateUpdatedAt: null }];
    const drafts = draftsFor([orders, log], saved);
    expect(drafts[0]?.syncMode).toBe("incremental_dedup");
    expect(drafts[1]?.selected).toBe(false);
  });

  it("asks for a cursor for incremental modes and a key for dedup", () => {
    const problems = streamProblems(
      [
        { stream: "public.orders", selected: true, syncMode: "incremental_dedup", cursorField: "updated_at", primaryKey: [] },
        { stream: "log.csv", selected: true, syncMode: "incremental_append", cursorField: null, primaryKey: [] },
      ],
      [orders, log],
    );
    expect(problems["public.orders"]).toMatch(/primary key/);
    expect(problems["log.csv"]).toMatch(/cannot be read incrementally/);
  });

  it("sends the cursor only with incremental modes", () => {
    expect(toStreamInputs([{ stream: "s", selected: true, syncMode: "full_refresh_append", cursorField: "c", primaryKey: [] }])[0]?.cursorField).toBeNull();
  });
});
