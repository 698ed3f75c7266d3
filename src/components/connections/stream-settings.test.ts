import { describe, expect, it } from "vitest";
import { topicStream } from "@/connectors/kafka/discover";
import { ZStreamSettingInput } from "@/server/connections/connection-contracts";
import { resolveStreams } from "@/server/connections/validate-streams";
import { draftsFor, streamProblems, toStreamInputs, toStreamingInputs, type TCatalogStream } from "@/components/connections/stream-settings";

const orders: TCatalogStream = {
  name: "public.orders",
  columns: [
    { name: "id", type: { kind: "bigint" }, nullable: false },
    { name: "updated_at", type: { kind: "timestamptz" }, nullable: false },
  ],
  primaryKey: ["id"],
  cursorCandidates: ["updated_at"],
  supportsIncremental: true,
};
const log: TCatalogStream = { name: "log.csv", columns: [], primaryKey: [], cursorCandidates: [], supportsIncremental: false };

describe("stream settings", () => {
  it("selects every stream of a new connection with the declared key and first cursor", () => {
    expect(draftsFor([orders])).toEqual([
      { stream: "public.orders", selected: true, syncMode: "full_refresh_overwrite", cursorField: "updated_at", primaryKey: ["id"] },
    ]);
  });

  it("keeps saved choices and leaves new streams unselected when editing", () => {
    const saved = [
      {
        id: "1",
        stream: "public.orders",
        selected: true,
        syncMode: "incremental_dedup" as const,
        cursorField: "updated_at",
        primaryKey: ["id"],
        columns: [],
        state: null,
        stateUpdatedAt: null,
        columnOverrides: {},
        typeConflicts: [],
        pendingChanges: false,
      },
    ];
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

  it("sends a Kafka topic as full refresh append with its declared key, which the server's checks accept", () => {
    const topic = topicStream("orders", [{ id: 1, amount: 2.5 }]);
    const inputs = toStreamingInputs(draftsFor([topic]));
    expect(inputs).toEqual([
      { stream: "orders", selected: true, syncMode: "full_refresh_append", cursorField: null, primaryKey: ["_weir_topic", "_weir_partition", "_weir_offset"] },
    ]);
    expect(streamProblems(draftsFor([topic]), [topic])).toEqual({});
    expect(() =>
      resolveStreams(
        { streams: [topic] },
        inputs.map((i) => ZStreamSettingInput.parse(i)),
      ),
    ).not.toThrow();
  });
});
