import { describe, expect, it } from "vitest";
import { checkErrors } from "@/components/quality/check-errors";
import { BLANK_CHECK, checkFromDraft, describeCheck, suggestName } from "@/components/quality/check-kinds";
import { refusal } from "@/components/forms/refusal-fixture";

describe("check kinds", () => {
  it("builds every kind's definition from what was typed", () => {
    expect(checkFromDraft({ ...BLANK_CHECK, kind: "not_null", column: " email " })).toEqual({ kind: "not_null", column: "email" });
    expect(checkFromDraft({ ...BLANK_CHECK, kind: "unique", columns: "order_id, line," })).toEqual({ kind: "unique", columns: ["order_id", "line"] });
    expect(checkFromDraft({ ...BLANK_CHECK, kind: "accepted_values", column: "status", values: "paid, shipped" })).toEqual({
      kind: "accepted_values",
      column: "status",
      values: ["paid", "shipped"],
    });
    expect(checkFromDraft({ ...BLANK_CHECK, kind: "row_count", min: "10", max: "" })).toEqual({ kind: "row_count", min: 10 });
    expect(checkFromDraft({ ...BLANK_CHECK, kind: "freshness", maxAge: "2", maxAgeUnit: "hours" })).toEqual({ kind: "freshness", maxAgeSeconds: 7200 });
    expect(
      checkFromDraft({ ...BLANK_CHECK, kind: "relationships", column: "customer_id", toSchema: "silver", toTable: "customers", toColumn: "id" }),
    ).toMatchObject({ toTable: "customers" });
    expect(() => checkFromDraft({ ...BLANK_CHECK, kind: "row_count", min: "ten" })).toThrow(/minimum/);
    expect(() => checkFromDraft({ ...BLANK_CHECK, kind: "freshness", maxAge: "0" })).toThrow(/maximum age/);
  });

  it("suggests a name and reads a stored definition in one line", () => {
    expect(suggestName({ ...BLANK_CHECK, column: "email" })).toBe("email not null");
    expect(describeCheck({ kind: "not_null", column: "email" })).toBe("email is not null");
    expect(describeCheck({ kind: "row_count", min: 1, max: 1000 })).toBe("between 1 and 1,000 rows");
    expect(describeCheck({ kind: "freshness", maxAgeSeconds: 86_400 })).toBe("last successful load at most 1 d ago");
    expect(describeCheck({ kind: "relationships", column: "c", toSchema: "s", toTable: "t", toColumn: "id" })).toBe("c references s.t.id");
  });

  it("places a refused check beside the field it names", () => {
    expect(checkErrors(refusal("Invalid input", ["check.column: name a column", "check.columns.0: name a column"])).fields).toEqual({
      "check.column": "Name a column.",
      "check.columns": "Name a column.",
    });
    expect(checkErrors({ message: 'name: the dataset already has a check named "x".', data: { field: "name" } }).fields).toEqual({
      name: 'The dataset already has a check named "x".',
    });
    expect(checkErrors({ message: "No check with that id." }).general).toBe("No check with that id.");
  });
});
