import { describe, expect, it } from "vitest";

import { type TLatestCheckResult, acknowledge, gateModel, incidentAfterResult, resolve } from "@/engine/quality/gating";

const result = (over: Partial<TLatestCheckResult>): TLatestCheckResult => ({
  checkId: "c1",
  checkName: "email not null",
  dataset: "silver.customers",
  severity: "error",
  status: "passed",
  ...over,
});

describe("gateModel", () => {
  it("blocks on a failed or errored error-severity check of a dataset the model reads, naming it", () => {
    expect(gateModel(["silver.customers"], [result({ status: "failed" })])).toEqual({
      blocked: true,
      reason: 'Blocked by check "email not null" on silver.customers failed.',
      checkIds: ["c1"],
    });
    expect(gateModel(["silver.customers"], [result({ status: "error", checkId: "c2", checkName: "id unique" })])).toMatchObject({
      blocked: true,
      reason: /could not be evaluated/,
    });
  });

  it("does not block on warnings, passing checks or datasets the model does not read", () => {
    expect(gateModel(["silver.customers"], [result({ severity: "warn", status: "failed" })])).toEqual({ blocked: false });
    expect(gateModel(["silver.customers"], [result({ status: "passed" })])).toEqual({ blocked: false });
    expect(gateModel(["silver.orders"], [result({ status: "failed" })])).toEqual({ blocked: false });
  });
});

describe("incidents", () => {
  it("opens on an error failure, not twice while unresolved, and closes itself when the check passes", () => {
    expect(incidentAfterResult("error", "failed", null)).toEqual({ do: "open" });
    expect(incidentAfterResult("error", "failed", { status: "open" })).toEqual({ do: "nothing" });
    expect(incidentAfterResult("error", "error", { status: "acknowledged" })).toEqual({ do: "nothing" });
    expect(incidentAfterResult("error", "passed", { status: "acknowledged" })).toEqual({ do: "close", resolution: "The check passed again." });
    expect(incidentAfterResult("error", "passed", null)).toEqual({ do: "nothing" });
    expect(incidentAfterResult("error", "failed", { status: "resolved" })).toEqual({ do: "open" });
    expect(incidentAfterResult("warn", "failed", null)).toEqual({ do: "nothing" });
  });

  it("is acknowledged, then resolved with a reason, by a person; resolved by the system when the check passes", () => {
    const at = new Date("2026-11-23T12:00:00Z");
    const acked = acknowledge({ status: "open" }, "ann@weir.local", at);
    expect(acked).toEqual({ status: "acknowledged", acknowledgedBy: "ann@weir.local", acknowledgedAt: at });
    expect(() => acknowledge(acked, "bob@weir.local")).toThrow(/only an open incident can be acknowledged/);
    expect(() => resolve(acked, "ann@weir.local", "  ")).toThrow(/Say why/);
    expect(resolve(acked, "ann@weir.local", "Upstream fixed the export", at)).toMatchObject({
      status: "resolved",
      resolvedBy: "ann@weir.local",
      resolution: "Upstream fixed the export",
      autoResolved: false,
    });
    expect(resolve({ status: "open" }, null, "The check passed again.", at)).toMatchObject({ status: "resolved", autoResolved: true });
    expect(() => resolve({ status: "resolved" }, "ann@weir.local", "again")).toThrow(/already resolved/);
  });
});
