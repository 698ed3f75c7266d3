import { describe, expect, it } from "vitest";
import { latestBuilds, summarizeModels } from "@/components/models/transform-run-summary";

describe("transform run summary", () => {
  it("summarizes a run and finds each model's latest build", () => {
    expect(summarizeModels([{ status: "succeeded" }, { status: "blocked" }, { status: "succeeded" }])).toBe("1 blocked · 2 succeeded");
    const runs = [
      { id: "r2", queuedAt: new Date(2), finishedAt: null, models: [{ model: "orders", status: "blocked", reason: "Blocked by check", error: null }] },
      {
        id: "r1",
        queuedAt: new Date(1),
        finishedAt: new Date(1),
        models: [
          { model: "orders", status: "succeeded", reason: null, error: null },
          { model: "customers", status: "failed", reason: null, error: "boom" },
        ],
      },
    ];
    const latest = latestBuilds(runs);
    expect(latest.get("orders")).toMatchObject({ runId: "r2", status: "blocked" });
    expect(latest.get("customers")).toMatchObject({ runId: "r1", error: "boom" });
  });
});
