import { describe, expect, it } from "vitest";

import { rejectionText, rowKey, shownValue } from "@/connectors/postgres-destination/diagnose-cast";

describe("refusal messages", () => {
  const values: Record<string, string | null> = { id: "42", k2: null, updated_at: "2024-05-01 10:00:00+00" };
  const valueOf = (c: string) => values[c];

  it("name the row by primary key, else cursor, else position", () => {
    expect(rowKey({ primaryKey: ["id", "k2"], cursorField: "updated_at" }, valueOf, "7 of this load")).toBe("id=42, k2=NULL");
    expect(rowKey({ primaryKey: [], cursorField: "updated_at" }, valueOf, "7 of this load")).toBe("updated_at=2024-05-01 10:00:00+00");
    expect(rowKey({ primaryKey: [] }, valueOf, "7 of this load")).toBe("7 of this load");
  });

  it("show at most 200 characters of the value, in the reason too", () => {
    expect(shownValue(null)).toBe("NULL");
    expect(shownValue("a\nb")).toBe('"a\\nb"');
    const long = "y".repeat(300);
    const text = rejectionText({
      stream: "public.t",
      column: { name: "n", type: { kind: "integer" }, nullable: true },
      key: "id=1",
      value: long,
      reason: `invalid input syntax for type integer: "${long}"`,
    });
    expect(text).toContain(`stream "public.t", column "n" (integer), row id=1: the value "${"y".repeat(200)}…" cannot be stored`);
    expect(text).not.toContain("y".repeat(201));
  });
});
